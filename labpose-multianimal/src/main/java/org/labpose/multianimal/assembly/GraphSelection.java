package org.labpose.multianimal.assembly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a part-affinity graph from labelled animals when the project has no skeleton, in the spirit
 * of DeepLabCut's data-driven graph selection: bodypart pairs whose distance is short and stable
 * across the labelled animals make good edges. Each pair is scored by its mean distance times
 * (1 + coefficient of variation); the graph is the minimum spanning tree of these scores (so every
 * bodypart is reachable) plus the next best pairs up to {@code 2 (B - 1)} edges.
 */
public final class GraphSelection {
  private GraphSelection() {}

  /**
   * @param animals per labelled animal, per bodypart {x, y} in px (NaN when not labelled)
   * @param bodyparts B
   * @return edges (first index &lt; second), best first
   */
  public static List<AssemblyParams.Edge> fromLabels(List<double[][]> animals, int bodyparts) {
    record Pair(int a, int b, double score) {}
    List<Pair> pairs = new ArrayList<>();
    double[][] sums = LinkLengths.sums(animals, bodyparts);
    for (int a = 0; a < bodyparts; a++) {
      for (int b = a + 1; b < bodyparts; b++) {
        double[] r = sums[LinkLengths.pair(a, b, bodyparts)];
        double n = r[0];
        if (n == 0) {
          pairs.add(new Pair(a, b, Double.POSITIVE_INFINITY));
          continue;
        }
        double mean = r[1] / n;
        double sd = Math.sqrt(Math.max(0, r[2] / n - mean * mean));
        pairs.add(new Pair(a, b, mean * (1 + (mean > 0 ? sd / mean : 0))));
      }
    }
    pairs.sort(Comparator.comparingDouble(Pair::score));
    int[] root = new int[bodyparts];
    for (int i = 0; i < bodyparts; i++) {
      root[i] = i;
    }
    List<AssemblyParams.Edge> tree = new ArrayList<>();
    List<Pair> rest = new ArrayList<>();
    for (Pair p : pairs) {
      int ra = find(root, p.a);
      int rb = find(root, p.b);
      if (ra != rb) {
        root[ra] = rb;
        tree.add(new AssemblyParams.Edge(p.a, p.b));
      } else {
        rest.add(p);
      }
    }
    int target = Math.max(tree.size(), 2 * (bodyparts - 1));
    for (Pair p : rest) {
      if (tree.size() >= target || Double.isInfinite(p.score)) {
        break;
      }
      tree.add(new AssemblyParams.Edge(p.a, p.b));
    }
    return tree;
  }

  private static int find(int[] root, int i) {
    while (root[i] != i) {
      root[i] = root[root[i]];
      i = root[i];
    }
    return i;
  }
}

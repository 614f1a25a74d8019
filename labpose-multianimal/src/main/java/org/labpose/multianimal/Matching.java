package org.labpose.multianimal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/** Optimal one-to-one assignment between the rows and columns of a weight matrix. */
public final class Matching {
  private Matching() {}

  /**
   * Row-column pairs of a maximum-weight assignment, as many pairs as the smaller side, by the
   * Hungarian (Kuhn-Munkres) algorithm of JGraphT on the square matrix padded with zeros.
   */
  public static List<int[]> maximumAssignment(double[][] w) {
    int rows = w.length;
    int cols = rows == 0 ? 0 : w[0].length;
    if (rows == 0 || cols == 0) {
      return List.of();
    }
    if (rows == 1 || cols == 1) {
      // One pair: the best entry, the first on ties as a row-major scan finds it.
      int bi = 0;
      int bj = 0;
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          if (w[i][j] > w[bi][bj]) {
            bi = i;
            bj = j;
          }
        }
      }
      return List.<int[]>of(new int[] {bi, bj});
    }
    int n = Math.max(rows, cols);
    double top = 0;
    for (double[] r : w) {
      for (double v : r) {
        top = Math.max(top, v);
      }
    }
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    Set<Integer> left = new LinkedHashSet<>();
    Set<Integer> right = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      g.addVertex(i);
      left.add(i);
      g.addVertex(n + i);
      right.add(n + i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = i < rows && j < cols ? w[i][j] : 0;
        g.setEdgeWeight(g.addEdge(i, n + j), top - v);
      }
    }
    MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> m =
        new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(g, left, right).getMatching();
    List<int[]> pairs = new ArrayList<>();
    for (DefaultWeightedEdge e : m.getEdges()) {
      int a = g.getEdgeSource(e);
      int b = g.getEdgeTarget(e);
      int i = Math.min(a, b);
      int j = Math.max(a, b) - n;
      if (i < rows && j < cols) {
        pairs.add(new int[] {i, j});
      }
    }
    pairs.sort(Comparator.comparingInt((int[] p) -> p[0]));
    return pairs;
  }


  /** Row-column pairs of a minimum-cost assignment, as many pairs as the smaller side. */
  public static List<int[]> minimumAssignment(double[][] cost) {
    double[][] w = new double[cost.length][];
    for (int i = 0; i < cost.length; i++) {
      w[i] = new double[cost[i].length];
      for (int j = 0; j < w[i].length; j++) {
        w[i][j] = -cost[i][j];
      }
    }
    return maximumAssignment(w);
  }
}

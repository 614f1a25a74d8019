package org.labpose.analysis.behavior;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import smile.base.cart.DecisionNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.classification.RandomForest;

/**
 * A two-class random forest as plain data: per tree its weight and its nodes in an array, each
 * either a split (feature index, threshold: a value at or below it goes to the first child) or a
 * leaf (class counts). Children always come after their parent, so a tree cannot loop. A frame's
 * probability of the positive class is Smile's: every tree's leaf gives (count + 1) / (n + 2) per
 * class, the trees' vectors are summed with their weights, and the sum is normalised.
 */
public final class ForestData {
  private final double[] weights;
  private final int[][] feature; // per tree, per node: feature index, or -1 for a leaf
  private final double[][] value; // split threshold
  private final int[][] left; // child when x[feature] <= value
  private final int[][] right;
  private final int[][] count0; // leaf counts of class 0 and 1
  private final int[][] count1;

  /** An empty forest of {@code trees} trees; {@link #nodes} sizes each. */
  private ForestData(int trees) {
    this.weights = new double[trees];
    this.feature = new int[trees][];
    this.value = new double[trees][];
    this.left = new int[trees][];
    this.right = new int[trees][];
    this.count0 = new int[trees][];
    this.count1 = new int[trees][];
  }

  /** Makes room for {@code m} nodes in tree {@code t}. */
  private void nodes(int t, int m) {
    feature[t] = new int[m];
    value[t] = new double[m];
    left[t] = new int[m];
    right[t] = new int[m];
    count0[t] = new int[m];
    count1[t] = new int[m];
  }

  /** Trees in the forest. */
  public int trees() {
    return weights.length;
  }

  /** Probability of the positive class (1) for one row of features. */
  public double probability(double[] x) {
    double s0 = 0;
    double s1 = 0;
    for (int t = 0; t < weights.length; t++) {
      int n = 0;
      int[] f = feature[t];
      while (f[n] >= 0) {
        n = x[f[n]] <= value[t][n] ? left[t][n] : right[t][n];
      }
      double total = (double) count0[t][n] + count1[t][n] + 2;
      s0 += weights[t] * ((count0[t][n] + 1) / total);
      s1 += weights[t] * ((count1[t][n] + 1) / total);
    }
    double sum = Math.abs(s0) + Math.abs(s1);
    return sum == 0 ? 0 : s1 / sum;
  }

  /**
   * The data of a Smile forest trained on numeric features for classes 0 and 1.
   *
   * @throws IllegalStateException when a tree holds something else (a nominal split, more classes)
   */
  public static ForestData of(RandomForest rf) {
    RandomForest.Model[] models = rf.models();
    int n = models.length;
    ForestData d = new ForestData(n);
    for (int t = 0; t < n; t++) {
      d.weights[t] = models[t].weight;
      List<Node> nodes = new ArrayList<>();
      nodes.add(models[t].tree.root());
      List<int[]> links = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        Node nd = nodes.get(i);
        if (nd instanceof OrdinalNode o) {
          links.add(new int[] {nodes.size(), nodes.size() + 1});
          nodes.add(o.trueChild());
          nodes.add(o.falseChild());
        } else {
          links.add(null);
        }
      }
      int m = nodes.size();
      d.nodes(t, m);
      for (int i = 0; i < m; i++) {
        Node nd = nodes.get(i);
        if (nd instanceof OrdinalNode o) {
          d.feature[t][i] = o.feature();
          d.value[t][i] = splitValue(o);
          d.left[t][i] = links.get(i)[0];
          d.right[t][i] = links.get(i)[1];
        } else if (nd instanceof DecisionNode leaf && leaf.count().length == 2) {
          d.feature[t][i] = -1;
          d.count0[t][i] = leaf.count()[0];
          d.count1[t][i] = leaf.count()[1];
        } else {
          throw new IllegalStateException("a tree node of type " + nd.getClass().getSimpleName() + " cannot be stored");
        }
      }
    }
    return d;
  }

  /** Smile keeps an ordinal split's threshold in a package-private field without an accessor. */
  private static double splitValue(OrdinalNode o) {
    try {
      Field f = OrdinalNode.class.getDeclaredField("value");
      f.setAccessible(true);
      return f.getDouble(o);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read a split threshold from Smile's OrdinalNode: " + e, e);
    }
  }

  void write(DataOutputStream o) throws IOException {
    o.writeInt(weights.length);
    for (int t = 0; t < weights.length; t++) {
      o.writeDouble(weights[t]);
      int m = feature[t].length;
      o.writeInt(m);
      for (int i = 0; i < m; i++) {
        if (feature[t][i] < 0) {
          o.writeByte(0);
          o.writeInt(count0[t][i]);
          o.writeInt(count1[t][i]);
        } else {
          o.writeByte(1);
          o.writeInt(feature[t][i]);
          o.writeDouble(value[t][i]);
          o.writeInt(left[t][i]);
          o.writeInt(right[t][i]);
        }
      }
    }
  }

  /** Reads what {@link #write} wrote, checking every index, count and number. */
  static ForestData read(BehaviorClassifier.Reader r, int features) throws IOException {
    int n = r.count("trees", 13);
    if (n == 0) {
      throw r.bad("a forest without trees");
    }
    ForestData d = new ForestData(n);
    for (int t = 0; t < n; t++) {
      d.weights[t] = r.finite("tree weight");
      if (d.weights[t] < 0) {
        throw r.bad("negative tree weight " + d.weights[t]);
      }
      int m = r.count("nodes", 9);
      if (m == 0) {
        throw r.bad("a tree without nodes");
      }
      d.nodes(t, m);
      for (int i = 0; i < m; i++) {
        int kind = r.in.readUnsignedByte();
        if (kind == 0) {
          d.feature[t][i] = -1;
          d.count0[t][i] = r.in.readInt();
          d.count1[t][i] = r.in.readInt();
          if (d.count0[t][i] < 0 || d.count1[t][i] < 0) {
            throw r.bad("negative leaf count");
          }
        } else if (kind == 1) {
          d.feature[t][i] = r.in.readInt();
          d.value[t][i] = r.in.readDouble();
          d.left[t][i] = r.in.readInt();
          d.right[t][i] = r.in.readInt();
          if (d.feature[t][i] < 0 || d.feature[t][i] >= features) {
            throw r.bad("split on feature " + d.feature[t][i] + " of " + features);
          }
          if (Double.isNaN(d.value[t][i])) {
            throw r.bad("split threshold NaN");
          }
          if (d.left[t][i] <= i || d.right[t][i] <= i || d.left[t][i] >= m || d.right[t][i] >= m) {
            throw r.bad("node " + i + " links to nodes " + d.left[t][i] + " and " + d.right[t][i] + " (expected later nodes below " + m + ")");
          }
        } else {
          throw r.bad("unknown node kind " + kind);
        }
      }
    }
    return d;
  }
}

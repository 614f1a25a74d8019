package org.labpose.analysis.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/** The forest as data scores every row as Smile's own forest does. */
class ForestDataTest {
  @Test
  void probabilitiesEqualSmiles() {
    Random r = new Random(5);
    int n = 600;
    int d = 6;
    double[][] x = new double[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = x[i][0] + 0.5 * x[i][3] * x[i][3] - 0.3 * x[i][5] + 0.4 * r.nextGaussian() > 0.2 ? 1 : 0;
    }
    String[] names = {"a", "b", "c", "d", "e", "f"};
    DataFrame df = DataFrame.of(x, names).merge(IntVector.of("y", y));
    RandomForest rf = RandomForest.fit(Formula.lhs("y"), df, 30, 2, SplitRule.GINI, 12, 100, 3, 1.0, new int[] {1, 3},
        LongStream.range(0, 30).map(i -> 17 + i));
    ForestData data = ForestData.of(rf);
    assertEquals(30, data.trees());
    DataFrame test = DataFrame.of(x, names);
    double[] post = new double[2];
    for (int i = 0; i < n; i++) {
      rf.predict(test.get(i), post);
      assertEquals(post[1], data.probability(x[i]), 1e-12, "row " + i);
    }
    double[][] fresh = new double[200][d];
    DataFrame freshDf;
    for (double[] row : fresh) {
      for (int j = 0; j < d; j++) {
        row[j] = 2 * r.nextGaussian();
      }
    }
    freshDf = DataFrame.of(fresh, names);
    for (int i = 0; i < fresh.length; i++) {
      rf.predict(freshDf.get(i), post);
      assertEquals(post[1], data.probability(fresh[i]), 1e-12, "new row " + i);
    }
  }
}

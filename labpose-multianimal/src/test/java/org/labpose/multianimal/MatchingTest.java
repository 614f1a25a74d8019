package org.labpose.multianimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MatchingTest {

  /** Best total over all injective maps of the smaller side into the larger: the naive reference. */
  private static double bruteForce(double[][] w, int row, boolean[] usedCols) {
    if (row == w.length) {
      return 0;
    }
    double best = Double.NEGATIVE_INFINITY;
    int free = 0;
    for (boolean u : usedCols) {
      free += u ? 0 : 1;
    }
    if (w.length - row > free) {
      // more rows than columns left: this row may stay unmatched
      best = bruteForce(w, row + 1, usedCols);
    }
    for (int j = 0; j < w[0].length; j++) {
      if (!usedCols[j]) {
        usedCols[j] = true;
        best = Math.max(best, w[row][j] + bruteForce(w, row + 1, usedCols));
        usedCols[j] = false;
      }
    }
    return best;
  }

  @Test
  void hungarianMatchesBruteForce() {
    Random rnd = new Random(7);
    for (int t = 0; t < 500; t++) {
      int r = 1 + rnd.nextInt(5);
      int c = 1 + rnd.nextInt(5);
      double[][] w = new double[r][c];
      for (double[] row : w) {
        for (int j = 0; j < c; j++) {
          row[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
        }
      }
      List<int[]> pairs = Matching.maximumAssignment(w);
      assertEquals(Math.min(r, c), pairs.size());
      double total = 0;
      boolean[] rows = new boolean[r];
      boolean[] cols = new boolean[c];
      for (int[] p : pairs) {
        assertEquals(false, rows[p[0]] || cols[p[1]], "each row and column used once");
        rows[p[0]] = true;
        cols[p[1]] = true;
        total += w[p[0]][p[1]];
      }
      assertEquals(bruteForce(w, 0, new boolean[c]), total, 1e-9);
    }
  }

  @Test
  void minimumIsTheMaximumOfTheNegatedCosts() {
    List<int[]> p = Matching.minimumAssignment(new double[][] {{1, 5}, {2, 9}, {0.5, 7}});
    assertEquals(2, p.size());
    double total = 0;
    for (int[] q : p) {
      total += new double[][] {{1, 5}, {2, 9}, {0.5, 7}}[q[0]][q[1]];
    }
    assertEquals(5.5, total, 1e-12);
    assertEquals(List.of(), Matching.maximumAssignment(new double[0][0]));
  }
}

package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/** The banded solver against a dense one (Commons Math's LU) on random banded positive definite systems. */
class BandedCholeskyTest {
  @Test
  void agreesWithADenseSolve() {
    Random r = new Random(4);
    for (int[] nb : new int[][] {{1, 0}, {7, 2}, {40, 6}, {90, 33}, {12, 20}}) {
      int n = nb[0];
      int b = nb[1];
      // A = B Bᵀ + I with B lower-banded (half-bandwidth b/2 keeps A within b)
      double[][] dense = new double[n][n];
      double[][] bm = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = Math.max(0, i - b / 2); j <= i; j++) {
          bm[i][j] = r.nextGaussian();
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = i == j ? 1 : 0;
          for (int k = 0; k < n; k++) {
            s += bm[i][k] * bm[j][k];
          }
          dense[i][j] = s;
        }
      }
      double[][] band = new double[n][b + 1];
      for (int i = 0; i < n; i++) {
        for (int d = 0; d <= Math.min(b, i); d++) {
          band[i][d] = dense[i][i - d];
        }
      }
      double[] rhs = r.doubles(n, -5, 5).toArray();
      double[] want = new LUDecomposition(new Array2DRowRealMatrix(dense)).getSolver().solve(new ArrayRealVector(rhs)).toArray();
      assertArrayEquals(want, new BandedCholesky(band, b).solve(rhs), 1e-9, "n " + n + ", b " + b);
    }
  }

  @Test
  void refusesAnIndefiniteMatrix() {
    double[][] band = {{1, 0}, {-1, 2}, {0, -5}};
    assertThrows(IllegalArgumentException.class, () -> new BandedCholesky(band, 1));
  }
}

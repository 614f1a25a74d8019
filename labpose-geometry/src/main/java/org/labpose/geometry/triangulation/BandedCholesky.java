package org.labpose.geometry.triangulation;

/**
 * Solves a symmetric positive definite system whose non-zeros lie within {@code b} of the diagonal
 * (|i − j| ≤ b) by a Cholesky factorisation that keeps to the band: n·b² work and n·(b + 1) memory
 * instead of n³ and n². The matrix is given by its lower band: {@code band[i][d]} = A[i][i − d] for
 * d = 0..b (entries with i − d &lt; 0 are ignored).
 */
public final class BandedCholesky {
  private final int n;
  private final int b;
  private final double[][] l;

  /**
   * Factorises the matrix (the band is copied).
   *
   * @throws IllegalArgumentException when the matrix is not positive definite
   */
  public BandedCholesky(double[][] band, int b) {
    this.n = band.length;
    this.b = b;
    this.l = new double[n][b + 1];
    for (int i = 0; i < n; i++) {
      for (int d = Math.min(b, i); d >= 0; d--) {
        int j = i - d;
        double s = band[i][d];
        // sum over k < j within both rows' bands: L[i][k] L[j][k]
        for (int k = Math.max(0, i - b); k < j; k++) {
          s -= l[i][i - k] * l[j][j - k];
        }
        if (d == 0) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("not positive definite at row " + i);
          }
          l[i][0] = Math.sqrt(s);
        } else {
          l[i][d] = s / l[j][0];
        }
      }
    }
  }

  /** x with A x = rhs. */
  public double[] solve(double[] rhs) {
    double[] y = rhs.clone();
    for (int i = 0; i < n; i++) {
      double s = y[i];
      for (int k = Math.max(0, i - b); k < i; k++) {
        s -= l[i][i - k] * y[k];
      }
      y[i] = s / l[i][0];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k <= Math.min(n - 1, i + b); k++) {
        s -= l[k][k - i] * y[k];
      }
      y[i] = s / l[i][0];
    }
    return y;
  }
}

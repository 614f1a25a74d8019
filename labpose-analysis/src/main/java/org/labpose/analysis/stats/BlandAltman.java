package org.labpose.analysis.stats;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * Bland–Altman agreement of two measurement methods on the same targets: the mean difference
 * (b − a, the bias), its standard deviation (n − 1), the 95 % limits of agreement bias ± 1.96 SD,
 * and the two-sided paired t-test p-value for a systematic bias. In the unit of the measurements.
 */
public record BlandAltman(double bias, double sd, double lower, double upper, double pairedTP, int n) {

  /** Agreement of paired values; pairs with a NaN are left out. */
  public static BlandAltman of(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired series differ in length: " + a.length + " vs " + b.length);
    }
    int n = 0;
    double[] d = new double[a.length];
    double[] pa = new double[a.length];
    double[] pb = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        d[n] = b[i] - a[i];
        pa[n] = a[i];
        pb[n] = b[i];
        n++;
      }
    }
    if (n < 2) {
      return new BlandAltman(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n);
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += d[i] / n;
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (d[i] - mean) * (d[i] - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double p = sd == 0 ? (mean == 0 ? 1 : 0) : new TTest().pairedTTest(java.util.Arrays.copyOf(pa, n), java.util.Arrays.copyOf(pb, n));
    return new BlandAltman(mean, sd, mean - 1.96 * sd, mean + 1.96 * sd, p, n);
  }
}

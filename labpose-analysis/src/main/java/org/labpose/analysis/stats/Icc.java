package org.labpose.analysis.stats;

/**
 * Intraclass correlation coefficients of Shrout &amp; Fleiss (1979) from an n targets × k raters
 * table (no missing values), via the two-way ANOVA mean squares.
 *
 * @param icc11 ICC(1,1): one-way random, single rater
 * @param icc21 ICC(2,1): two-way random, absolute agreement, single rater
 * @param icc31 ICC(3,1): two-way mixed, consistency, single rater
 * @param icc1k ICC(1,k): one-way random, mean of k raters
 * @param icc2k ICC(2,k): two-way random, absolute agreement, mean of k raters
 * @param icc3k ICC(3,k): two-way mixed, consistency, mean of k raters
 * @param n targets
 * @param k raters
 */
public record Icc(double icc11, double icc21, double icc31, double icc1k, double icc2k, double icc3k, int n, int k) {

  /** ICCs of {@code data[target][rater]}; needs at least 2 targets and 2 raters. */
  public static Icc of(double[][] data) {
    int n = data.length;
    if (n < 2) {
      throw new IllegalArgumentException("ICC needs at least 2 targets, got " + n);
    }
    int k = data[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("ICC needs at least 2 raters, got " + k);
    }
    double grand = 0;
    double[] rowMean = new double[n];
    double[] colMean = new double[k];
    for (int i = 0; i < n; i++) {
      if (data[i].length != k) {
        throw new IllegalArgumentException("target " + i + " has " + data[i].length + " ratings, expected " + k);
      }
      for (int j = 0; j < k; j++) {
        double v = data[i][j];
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException("missing rating at target " + i + ", rater " + j);
        }
        rowMean[i] += v / k;
        colMean[j] += v / n;
        grand += v / (n * (double) k);
      }
    }
    double ssRows = 0;
    double ssCols = 0;
    double ssTotal = 0;
    for (int i = 0; i < n; i++) {
      ssRows += k * sq(rowMean[i] - grand);
      for (int j = 0; j < k; j++) {
        ssTotal += sq(data[i][j] - grand);
      }
    }
    for (int j = 0; j < k; j++) {
      ssCols += n * sq(colMean[j] - grand);
    }
    double ssError = ssTotal - ssRows - ssCols;
    double bms = ssRows / (n - 1);
    double wms = (ssTotal - ssRows) / (n * (k - 1.0));
    double jms = ssCols / (k - 1);
    double ems = ssError / ((n - 1.0) * (k - 1.0));
    double icc11 = (bms - wms) / (bms + (k - 1) * wms);
    double icc21 = (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n);
    double icc31 = (bms - ems) / (bms + (k - 1) * ems);
    double icc1k = (bms - wms) / bms;
    double icc2k = (bms - ems) / (bms + (jms - ems) / n);
    double icc3k = (bms - ems) / bms;
    return new Icc(icc11, icc21, icc31, icc1k, icc2k, icc3k, n, k);
  }

  private static double sq(double v) {
    return v * v;
  }
}

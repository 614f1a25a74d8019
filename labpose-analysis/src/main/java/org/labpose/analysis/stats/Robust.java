package org.labpose.analysis.stats;

import java.util.Arrays;

/** Robust summaries of samples; NaN values are left out. */
public final class Robust {
  private Robust() {}

  /** The median (the mean of the two middle values for an even count), NaN when no value is left. */
  public static double median(double[] v) {
    double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}

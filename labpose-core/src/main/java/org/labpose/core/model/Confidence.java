package org.labpose.core.model;

import org.labpose.core.SettingException;

/**
 * The one rule for which points count: a point is <em>present</em> when its x and y (px) are finite
 * and its likelihood is at least the p-cutoff. A NaN likelihood means that no likelihood was recorded
 * (human labels, files of tools that write none) and counts as confident; a point with NaN x or y is
 * missing whatever its likelihood. Every stage that leaves out unsure points (filtering, kinematics,
 * zones, gait, outliers, plots, labelled videos, evaluation, validation) asks this class.
 */
public final class Confidence {
  /** The p-cutoff of a new project's config and of the library's defaults (DeepLabCut's 0.6). */
  public static final double DEFAULT_PCUTOFF = 0.6;

  private Confidence() {}

  /** True when {@code likelihood} is at least {@code pcutoff}, or NaN (none recorded). */
  public static boolean confident(double likelihood, double pcutoff) {
    return Double.isNaN(likelihood) || likelihood >= pcutoff;
  }

  /** True when x and y are finite and the likelihood is {@linkplain #confident confident}. */
  public static boolean present(double x, double y, double likelihood, double pcutoff) {
    return Double.isFinite(x) && Double.isFinite(y) && confident(likelihood, pcutoff);
  }

  /** True when keypoint {@code k} is present in frame {@code f} of {@code t}. */
  public static boolean present(PoseTable t, int f, KeypointId k, double pcutoff) {
    return present(t.x(f, k), t.y(f, k), t.likelihood(f, k), pcutoff);
  }

  /**
   * Copies of a keypoint's x and y series (px) with every point that is not present set to NaN:
   * {@code {x, y}}, one entry per frame.
   */
  public static double[][] presentSeries(PoseTable t, KeypointId k, double pcutoff) {
    double[] x = t.xSeries(k);
    double[] y = t.ySeries(k);
    double[] p = t.likelihoodSeries(k);
    for (int f = 0; f < x.length; f++) {
      if (!present(x[f], y[f], p[f], pcutoff)) {
        x[f] = Double.NaN;
        y[f] = Double.NaN;
      }
    }
    return new double[][] {x, y};
  }

  /**
   * Checks a p-cutoff.
   *
   * @throws IllegalArgumentException unless it lies in [0, 1]
   */
  public static double checkPcutoff(double pcutoff) {
    if (!(pcutoff >= 0 && pcutoff <= 1)) {
      throw new SettingException("pcutoff", "must be a likelihood between 0 and 1, got " + pcutoff);
    }
    return pcutoff;
  }
}

package org.labpose.analysis.stats;

/**
 * Agreement of one bodypart's positions from two sources (human vs human, human vs model) over the
 * same frames, in pixels (or whatever unit the positions share). Source A is the reference.
 *
 * @param frames frames where A has the point
 * @param paired frames where both have it
 * @param meanError mean Euclidean distance over paired frames
 * @param rmse root mean square Euclidean distance over paired frames
 * @param pck fraction of paired frames within {@code pckThreshold}
 * @param trackingRate fraction of A's frames where B has the point within {@code tolerance}
 * @param iccX ICC of x (targets = frames, raters = A and B)
 * @param iccY ICC of y
 * @param blandAltmanX bias (B − A), limits of agreement and paired t-test of x
 * @param blandAltmanY the same for y
 */
public record KeypointAgreement(
    int frames, int paired, double meanError, double rmse, double pck, double trackingRate,
    Icc iccX, Icc iccY, BlandAltman blandAltmanX, BlandAltman blandAltmanY) {

  /** Compares B's positions with A's; NaN marks a missing point. */
  public static KeypointAgreement of(double[] ax, double[] ay, double[] bx, double[] by, double pckThreshold, double tolerance) {
    int n = ax.length;
    if (ay.length != n || bx.length != n || by.length != n) {
      throw new IllegalArgumentException("position series differ in length");
    }
    int frames = 0;
    int paired = 0;
    int withinPck = 0;
    int withinTol = 0;
    double sum = 0;
    double sumSq = 0;
    double[][] xs = new double[n][];
    double[][] ys = new double[n][];
    double[] pax = new double[n], pay = new double[n], pbx = new double[n], pby = new double[n];
    for (int i = 0; i < n; i++) {
      boolean a = !Double.isNaN(ax[i]) && !Double.isNaN(ay[i]);
      boolean b = !Double.isNaN(bx[i]) && !Double.isNaN(by[i]);
      if (!a) {
        continue;
      }
      frames++;
      if (!b) {
        continue;
      }
      double d = Math.hypot(bx[i] - ax[i], by[i] - ay[i]);
      sum += d;
      sumSq += d * d;
      withinPck += d <= pckThreshold ? 1 : 0;
      withinTol += d <= tolerance ? 1 : 0;
      xs[paired] = new double[] {ax[i], bx[i]};
      ys[paired] = new double[] {ay[i], by[i]};
      pax[paired] = ax[i];
      pay[paired] = ay[i];
      pbx[paired] = bx[i];
      pby[paired] = by[i];
      paired++;
    }
    Icc ix = paired >= 2 ? Icc.of(java.util.Arrays.copyOf(xs, paired)) : null;
    Icc iy = paired >= 2 ? Icc.of(java.util.Arrays.copyOf(ys, paired)) : null;
    return new KeypointAgreement(frames, paired,
        paired == 0 ? Double.NaN : sum / paired,
        paired == 0 ? Double.NaN : Math.sqrt(sumSq / paired),
        paired == 0 ? Double.NaN : (double) withinPck / paired,
        frames == 0 ? Double.NaN : (double) withinTol / frames,
        ix, iy,
        BlandAltman.of(java.util.Arrays.copyOf(pax, paired), java.util.Arrays.copyOf(pbx, paired)),
        BlandAltman.of(java.util.Arrays.copyOf(pay, paired), java.util.Arrays.copyOf(pby, paired)));
  }
}

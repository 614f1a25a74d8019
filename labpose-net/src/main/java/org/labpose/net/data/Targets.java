package org.labpose.net.data;

/**
 * DeepLabCut's training targets for one crop: per keypoint a score map that is 1 within {@code
 * radius} input pixels of the keypoint and 0 elsewhere, with weight 0 when the keypoint is not
 * labelled (unknown) and 1 otherwise; and location-refinement offsets (keypoint minus cell centre,
 * divided by {@code locrefStd}) where the score target is 1. Cell (i, j) of a map of stride s has
 * its centre at input pixel (j·s + s/2, i·s + s/2).
 */
public final class Targets {
  private Targets() {}

  /**
   * Fills the targets of batch item {@code b}.
   *
   * @param xy keypoints in crop pixels (NaN when missing)
   * @param hw map side in cells
   * @param score [B][K][hw][hw] flattened; scoreW the same; locref [B][2K][hw][hw]; locrefW the same
   */
  public static void fill(double[] xy, int k, int hw, int stride, double radius, double locrefStd, int b,
      float[] score, float[] scoreW, float[] locref, float[] locrefW) {
    fill(xy, k, hw, stride, radius, locrefStd, false, b, score, scoreW, locref, locrefW);
  }

  /**
   * As {@link #fill(double[], int, int, int, double, double, int, float[], float[], float[], float[])},
   * with Gaussian score targets when {@code gaussian}: exp(−d² / 2σ²) with σ = radius / 2 at every
   * cell within two radii (location refinement still within the radius).
   */
  public static void fill(double[] xy, int k, int hw, int stride, double radius, double locrefStd, boolean gaussian, int b,
      float[] score, float[] scoreW, float[] locref, float[] locrefW) {
    int plane = hw * hw;
    double r2 = radius * radius;
    double sigma2 = radius * radius / 4;
    for (int p = 0; p < k; p++) {
      int sBase = (b * k + p) * plane;
      int lBase = (b * 2 * k + 2 * p) * plane;
      double x = xy[2 * p];
      double y = xy[2 * p + 1];
      boolean labelled = !Double.isNaN(x);
      for (int i = 0; i < plane; i++) {
        scoreW[sBase + i] = labelled ? 1 : 0;
      }
      if (!labelled) {
        continue;
      }
      for (int i = 0; i < hw; i++) {
        double cy = i * stride + stride / 2.0;
        for (int j = 0; j < hw; j++) {
          double cx = j * stride + stride / 2.0;
          double dx = x - cx;
          double dy = y - cy;
          double d2 = dx * dx + dy * dy;
          if (gaussian && d2 <= 4 * r2) {
            score[sBase + i * hw + j] = (float) Math.exp(-d2 / (2 * sigma2));
          }
          if (d2 <= r2) {
            int c = i * hw + j;
            if (!gaussian) {
              score[sBase + c] = 1;
            }
            locref[lBase + c] = (float) (dx / locrefStd);
            locref[lBase + plane + c] = (float) (dy / locrefStd);
            locrefW[lBase + c] = 1;
            locrefW[lBase + plane + c] = 1;
          }
        }
      }
    }
  }
}

package org.labpose.net.infer;

/**
 * Decodes DeepLabCut-style network outputs into keypoints: for each keypoint the arg-max cell of its
 * score map, moved by the location-refinement offset at that cell; likelihood = sigmoid of the
 * peak logit. Results are in network-input pixels (origin top-left).
 */
public final class PeakDecoder {
  private PeakDecoder() {}

  /**
   * Decodes batch item {@code b} of an output of shape (B, 3K, H, W) flattened.
   *
   * @param stride output stride in input pixels
   * @param locrefStd the scale of the refinement offsets (pixels per unit)
   * @return x, y, likelihood per keypoint
   */
  public static double[] decode(float[] out, int b, int k, int h, int w, int stride, double locrefStd) {
    int plane = h * w;
    double[] res = new double[3 * k];
    int base = b * 3 * k * plane;
    for (int p = 0; p < k; p++) {
      int s = base + p * plane;
      int best = 0;
      float max = out[s];
      for (int i = 1; i < plane; i++) {
        if (out[s + i] > max) {
          max = out[s + i];
          best = i;
        }
      }
      int row = best / w;
      int col = best % w;
      int lx = base + (k + 2 * p) * plane + best;
      int ly = lx + plane;
      res[3 * p] = col * stride + stride / 2.0 + out[lx] * locrefStd;
      res[3 * p + 1] = row * stride + stride / 2.0 + out[ly] * locrefStd;
      res[3 * p + 2] = 1 / (1 + Math.exp(-max));
    }
    return res;
  }
}

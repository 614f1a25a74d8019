package org.labpose.net.infer;

import org.labpose.core.image.RgbImage;

/**
 * Image scaling into network input arrays: bilinear, pixel centres aligned (output pixel
 * {@code u} samples input {@code x = (u + 0.5)·iw/w − 0.5}, clamped to the image), origin top-left.
 */
public final class Resize {
  private Resize() {}

  /**
   * Scales {@code img} to {@code w × h} and places it at the top-left of a {@code pw × ph} float
   * array (channels first, grey levels 0–255); the padding repeats the edge pixels.
   */
  public static float[] toInput(RgbImage img, int w, int h, int pw, int ph) {
    return toInput(img, w, h, pw, ph, new float[] {0, 0, 0}, new float[] {1, 1, 1});
  }

  /**
   * As {@link #toInput(RgbImage, int, int, int, int)}, then normalised per channel: {@code (value −
   * mean[c]) / std[c]}. Column and row sampling positions are computed once per call, so the cost
   * is a few operations per output value (this runs for every analysed frame).
   */
  public static float[] toInput(RgbImage img, int w, int h, int pw, int ph, float[] mean, float[] std) {
    int iw = img.width();
    int ih = img.height();
    byte[] src = img.data();
    int plane = pw * ph;
    float[] out = new float[3 * plane];
    // per output column: the two source byte offsets and the weight of the right one
    int[] c0 = new int[pw];
    int[] c1 = new int[pw];
    float[] ax = new float[pw];
    double fx = (double) iw / w;
    for (int u = 0; u < pw; u++) {
      double x = (Math.min(u, w - 1) + 0.5) * fx - 0.5;
      x = Math.max(0, Math.min(iw - 1, x));
      int x0 = (int) x;
      c0[u] = x0 * 3;
      c1[u] = Math.min(iw - 1, x0 + 1) * 3;
      ax[u] = (float) (x - x0);
    }
    float[] scale = new float[3];
    float[] shift = new float[3];
    for (int c = 0; c < 3; c++) {
      scale[c] = 1f / std[c];
      shift[c] = -mean[c] / std[c];
    }
    double fy = (double) ih / h;
    float[] top = new float[3 * pw];
    float[] bot = new float[3 * pw];
    for (int v = 0; v < ph; v++) {
      double y = (Math.min(v, h - 1) + 0.5) * fy - 0.5;
      y = Math.max(0, Math.min(ih - 1, y));
      int y0 = (int) y;
      int r0 = y0 * iw * 3;
      int r1 = Math.min(ih - 1, y0 + 1) * iw * 3;
      float ay = (float) (y - y0);
      interpolateRow(src, r0, c0, c1, ax, top);
      interpolateRow(src, r1, c0, c1, ax, bot);
      for (int c = 0; c < 3; c++) {
        float sc = scale[c];
        float sh = shift[c];
        int o = c * plane + v * pw;
        int t = c * pw;
        for (int u = 0; u < pw; u++) {
          float a = top[t + u];
          out[o + u] = (a + (bot[t + u] - a) * ay) * sc + sh;
        }
      }
    }
    return out;
  }

  /** Horizontal interpolation of one source row into {@code dst} (channel planes of width pw). */
  private static void interpolateRow(byte[] src, int row, int[] c0, int[] c1, float[] ax, float[] dst) {
    int pw = c0.length;
    for (int u = 0; u < pw; u++) {
      int i0 = row + c0[u];
      int i1 = row + c1[u];
      float a = ax[u];
      for (int c = 0; c < 3; c++) {
        float l = src[i0 + c] & 0xff;
        dst[c * pw + u] = l + ((src[i1 + c] & 0xff) - l) * a;
      }
    }
  }

  /** Scales an image by {@code s} (bilinear) into a new RGB image. */
  public static RgbImage scale(RgbImage img, double s) {
    if (s == 1) {
      return img;
    }
    int w = Math.max(1, (int) Math.round(img.width() * s));
    int h = Math.max(1, (int) Math.round(img.height() * s));
    float[] f = toInput(img, w, h, w, h);
    byte[] out = new byte[w * h * 3];
    int plane = w * h;
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        out[i * 3 + c] = (byte) Math.round(f[c * plane + i]);
      }
    }
    return new RgbImage(w, h, out);
  }
}

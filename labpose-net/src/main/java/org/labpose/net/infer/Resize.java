package org.labpose.net.infer;

import org.labpose.core.image.RgbImage;

/** Image scaling into network input arrays (bilinear, pixel centres aligned). */
public final class Resize {
  private Resize() {}

  /**
   * Scales {@code img} to {@code w × h} and places it at the top-left of a {@code pw × ph} float
   * array (channels first, grey levels 0–255); the padding repeats the edge pixels.
   */
  public static float[] toInput(RgbImage img, int w, int h, int pw, int ph) {
    int iw = img.width();
    int ih = img.height();
    byte[] src = img.data();
    int plane = pw * ph;
    float[] out = new float[3 * plane];
    double fx = (double) iw / w;
    double fy = (double) ih / h;
    for (int v = 0; v < ph; v++) {
      double y = (Math.min(v, h - 1) + 0.5) * fy - 0.5;
      y = Math.max(0, Math.min(ih - 1, y));
      int y0 = (int) y;
      int y1 = Math.min(ih - 1, y0 + 1);
      double ay = y - y0;
      for (int u = 0; u < pw; u++) {
        double x = (Math.min(u, w - 1) + 0.5) * fx - 0.5;
        x = Math.max(0, Math.min(iw - 1, x));
        int x0 = (int) x;
        int x1 = Math.min(iw - 1, x0 + 1);
        double ax = x - x0;
        int i00 = (y0 * iw + x0) * 3;
        int i01 = (y0 * iw + x1) * 3;
        int i10 = (y1 * iw + x0) * 3;
        int i11 = (y1 * iw + x1) * 3;
        for (int c = 0; c < 3; c++) {
          double top = (src[i00 + c] & 0xff) * (1 - ax) + (src[i01 + c] & 0xff) * ax;
          double bot = (src[i10 + c] & 0xff) * (1 - ax) + (src[i11 + c] & 0xff) * ax;
          out[c * plane + v * pw + u] = (float) (top * (1 - ay) + bot * ay);
        }
      }
    }
    return out;
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

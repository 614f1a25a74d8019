package org.labpose.net.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.core.image.RgbImage;

class ResizeTest {
  /** The definition, one output value at a time in double precision. */
  private static float[] naive(RgbImage img, int w, int h, int pw, int ph, float[] mean, float[] std) {
    int iw = img.width();
    int ih = img.height();
    byte[] src = img.data();
    float[] out = new float[3 * pw * ph];
    for (int v = 0; v < ph; v++) {
      for (int u = 0; u < pw; u++) {
        double y = Math.max(0, Math.min(ih - 1, (Math.min(v, h - 1) + 0.5) * ih / h - 0.5));
        double x = Math.max(0, Math.min(iw - 1, (Math.min(u, w - 1) + 0.5) * iw / w - 0.5));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(iw - 1, x0 + 1);
        int y1 = Math.min(ih - 1, y0 + 1);
        for (int c = 0; c < 3; c++) {
          double p00 = src[(y0 * iw + x0) * 3 + c] & 0xff;
          double p01 = src[(y0 * iw + x1) * 3 + c] & 0xff;
          double p10 = src[(y1 * iw + x0) * 3 + c] & 0xff;
          double p11 = src[(y1 * iw + x1) * 3 + c] & 0xff;
          double ax = x - x0;
          double ay = y - y0;
          double val = (p00 * (1 - ax) + p01 * ax) * (1 - ay) + (p10 * (1 - ax) + p11 * ax) * ay;
          out[c * pw * ph + v * pw + u] = (float) ((val - mean[c]) / std[c]);
        }
      }
    }
    return out;
  }

  private static RgbImage random(Random rnd, int w, int h) {
    byte[] d = new byte[w * h * 3];
    rnd.nextBytes(d);
    return new RgbImage(w, h, d);
  }

  @Test
  void matchesTheDefinitionWhenShrinkingEnlargingAndPadding() {
    Random rnd = new Random(3);
    int[][] cases = {{640, 480, 320, 240, 320, 240}, {640, 480, 288, 216, 288, 224}, {37, 23, 80, 50, 96, 64}, {100, 80, 33, 27, 48, 32}, {5, 4, 5, 4, 16, 16}};
    float[] mean = {127.5f, 120f, 100f};
    float[] std = {127.5f, 60f, 1f};
    for (int[] k : cases) {
      RgbImage img = random(rnd, k[0], k[1]);
      float[] fast = Resize.toInput(img, k[2], k[3], k[4], k[5], mean, std);
      float[] ref = naive(img, k[2], k[3], k[4], k[5], mean, std);
      assertEquals(ref.length, fast.length);
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], fast[i], 1e-4 * Math.max(1, Math.abs(ref[i])), "case " + k[0] + "x" + k[1] + " -> " + k[2] + "x" + k[3] + ", value " + i);
      }
    }
  }

  @Test
  void withoutNormalisationGivesGreyLevels() {
    RgbImage img = random(new Random(4), 64, 48);
    float[] plain = Resize.toInput(img, 32, 24, 32, 32);
    float[] ref = naive(img, 32, 24, 32, 32, new float[3], new float[] {1, 1, 1});
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], plain[i], 1e-3);
    }
  }
}

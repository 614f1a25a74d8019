package org.labpose.net.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.net.data.Targets;

/** The decoder recovers sub-pixel positions from synthetic score and refinement maps. */
class PeakDecoderTest {
  @Test
  void recoversSubPixelPositionsFromTargetMaps() {
    Random rng = new Random(7);
    int k = 3;
    int hw = 32;
    int stride = 8;
    double std = 7.2801;
    for (int trial = 0; trial < 50; trial++) {
      double[] xy = new double[2 * k];
      for (int i = 0; i < 2 * k; i++) {
        xy[i] = 20 + rng.nextDouble() * 210;
      }
      int plane = hw * hw;
      float[] score = new float[k * plane];
      float[] w = new float[k * plane];
      float[] loc = new float[2 * k * plane];
      float[] lw = new float[2 * k * plane];
      Targets.fill(xy, k, hw, stride, 17, std, 0, score, w, loc, lw);
      // network output: logits peaked at the cell nearest the point, offsets as the targets
      float[] out = new float[3 * k * plane];
      for (int p = 0; p < k; p++) {
        for (int c = 0; c < plane; c++) {
          int i = c / hw;
          int j = c % hw;
          double d = Math.hypot(j * stride + 4 - xy[2 * p], i * stride + 4 - xy[2 * p + 1]);
          out[p * plane + c] = (float) (4 - d / 4);
        }
      }
      System.arraycopy(loc, 0, out, k * plane, 2 * k * plane);
      double[] r = PeakDecoder.decode(out, 0, k, hw, hw, stride, std);
      for (int p = 0; p < k; p++) {
        assertEquals(xy[2 * p], r[3 * p], 0.1, "x of keypoint " + p);
        assertEquals(xy[2 * p + 1], r[3 * p + 1], 0.1, "y of keypoint " + p);
        assertTrue(r[3 * p + 2] > 0.9 && r[3 * p + 2] <= 1);
      }
    }
  }

  @Test
  void batchItemsAreIndependent() {
    int k = 1;
    int hw = 4;
    float[] out = new float[2 * 3 * hw * hw];
    out[3 * hw * hw + 5] = 9; // item 1, keypoint 0, cell (1, 1)
    double[] r = PeakDecoder.decode(out, 1, k, hw, hw, 8, 7.2801);
    assertEquals(12, r[0], 1e-9);
    assertEquals(12, r[1], 1e-9);
  }
}

package org.labpose.net.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.core.image.RgbImage;

/** Geometric augmentation moves keypoints exactly where the image content moves. */
class AugmenterTest {
  /** An image whose red channel encodes x / 2 and green channel y / 2: a pixel tells where it came from. */
  private static RgbImage coordinateImage(int w, int h) {
    byte[] px = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[(y * w + x) * 3] = (byte) (x / 2);
        px[(y * w + x) * 3 + 1] = (byte) (y / 2);
        px[(y * w + x) * 3 + 2] = (byte) 128;
      }
    }
    return new RgbImage(w, h, px);
  }

  @Test
  void keypointsLandWhereTheirPixelsGo() {
    RgbImage img = coordinateImage(400, 300);
    double[] xy = {150.5, 120.25, 170, 140, 160, 100, 140.75, 150};
    AugmentConfig geometric = new AugmentConfig(30, 0.6, 1.3, 0, 0, 0, 0, 0, 0, 30, 0);
    Augmenter aug = new Augmenter(geometric, 128, null);
    Random rng = new Random(3);
    int plane = 128 * 128;
    for (int trial = 0; trial < 40; trial++) {
      Augmenter.Crop c = aug.apply(new Sample(img, xy), rng);
      for (int k = 0; k < 4; k++) {
        double u = c.xy()[2 * k];
        double v = c.xy()[2 * k + 1];
        if (u < 1 || v < 1 || u > 126 || v > 126) {
          continue;
        }
        // bilinear read of the crop at (u, v), de-normalised
        double r = sample(c.pixels(), 0, plane, u, v) * Augmenter.STD[0] + Augmenter.MEAN[0];
        double g = sample(c.pixels(), 1, plane, u, v) * Augmenter.STD[1] + Augmenter.MEAN[1];
        assertEquals(xy[2 * k] / 2, r, 0.75, "x of keypoint " + k + " in trial " + trial);
        assertEquals(xy[2 * k + 1] / 2, g, 0.75, "y of keypoint " + k + " in trial " + trial);
      }
    }
  }

  private static double sample(float[] px, int c, int plane, double u, double v) {
    int size = (int) Math.sqrt(plane);
    int x0 = (int) u;
    int y0 = (int) v;
    double fx = u - x0;
    double fy = v - y0;
    double a = px[c * plane + y0 * size + x0];
    double b = px[c * plane + y0 * size + x0 + 1];
    double d = px[c * plane + (y0 + 1) * size + x0];
    double e = px[c * plane + (y0 + 1) * size + x0 + 1];
    return (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
  }

  @Test
  void mirroringSwapsLeftAndRight() {
    RgbImage img = coordinateImage(200, 200);
    // slots: 0 = snout, 1 = leftear, 2 = rightear
    double[] xy = {100, 80, 90, 95, 110, 95};
    AugmentConfig mirrorOnly = new AugmentConfig(0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    Augmenter aug = new Augmenter(mirrorOnly, 64, new int[] {0, 2, 1});
    Augmenter.Crop c = aug.apply(new Sample(img, xy), new Random(1));
    // The mouse faces up (y down): its left ear is at the smaller x. Mirrored, it still faces up, and
    // the ear now at the smaller x (the former right ear's pixels) must be labelled leftear.
    assertTrue(c.xy()[2] < c.xy()[4], java.util.Arrays.toString(c.xy()));
    assertEquals(c.xy()[0], 32, 1e-9);
    assertEquals(64 - c.xy()[2], c.xy()[4], 1e-9);
  }

  @Test
  void sameSeedSameCrop() {
    RgbImage img = coordinateImage(300, 200);
    double[] xy = {150, 100};
    Augmenter aug = new Augmenter(AugmentConfig.defaults(), 64, null);
    Augmenter.Crop a = aug.apply(new Sample(img, xy), new Random(5));
    Augmenter.Crop b = aug.apply(new Sample(img, xy), new Random(5));
    assertEquals(java.util.Arrays.hashCode(a.pixels()), java.util.Arrays.hashCode(b.pixels()));
  }
}

package org.labpose.net.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Score-map targets: disk and Gaussian, against their formulas cell by cell. */
class TargetsTest {
  @Test
  void diskAndGaussianTargets() {
    int hw = 16;
    int stride = 8;
    double radius = 17;
    double[] xy = {50.5, 61.25};
    float[] disk = new float[hw * hw];
    float[] gauss = new float[hw * hw];
    float[] w = new float[hw * hw];
    float[] loc = new float[2 * hw * hw];
    float[] locW = new float[2 * hw * hw];
    Targets.fill(xy, 1, hw, stride, radius, 7.2801, false, 0, disk, w, loc, locW);
    float[] loc2 = new float[2 * hw * hw];
    float[] locW2 = new float[2 * hw * hw];
    Targets.fill(xy, 1, hw, stride, radius, 7.2801, true, 0, gauss, w, loc2, locW2);
    double sigma = radius / 2;
    for (int i = 0; i < hw; i++) {
      for (int j = 0; j < hw; j++) {
        double d2 = Math.pow(xy[0] - (j * stride + 4), 2) + Math.pow(xy[1] - (i * stride + 4), 2);
        assertEquals(d2 <= radius * radius ? 1 : 0, disk[i * hw + j], 0, "disk at " + i + "," + j);
        assertEquals(d2 <= 4 * radius * radius ? Math.exp(-d2 / (2 * sigma * sigma)) : 0, gauss[i * hw + j], 1e-6, "gaussian at " + i + "," + j);
        assertEquals(locW[2 * 0 + i * hw + j], locW2[i * hw + j], 0, "location refinement is the same");
      }
    }
  }
}

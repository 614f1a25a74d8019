package org.labpose.net.pretrained;

/** Compares a TensorFlow.js feature map (NHWC, batch 1) with LabPose's (NCHW). */
final class FeatureMaps {
  private FeatureMaps() {}

  /** {largest |reference − got|, largest |reference|} over a channels × height × width map. */
  static double[] difference(float[] nhwcReference, float[] nchw, int channels, int height, int width) {
    double maxDiff = 0;
    double maxRef = 0;
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double r = nhwcReference[(y * width + x) * channels + c];
          maxDiff = Math.max(maxDiff, Math.abs(r - nchw[(c * height + y) * width + x]));
          maxRef = Math.max(maxRef, Math.abs(r));
        }
      }
    }
    return new double[] {maxDiff, maxRef};
  }
}

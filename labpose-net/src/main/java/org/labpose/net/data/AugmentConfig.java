package org.labpose.net.data;

/**
 * Augmentation settings (DeepLabCut-like defaults). Angles in degrees, sizes in pixels of the
 * network input, probabilities in [0, 1].
 *
 * @param rotation maximum rotation either way (default 30°)
 * @param scaleMin smallest zoom (default 0.5)
 * @param scaleMax largest zoom (default 1.25)
 * @param mirror probability of a horizontal mirror that swaps left/right bodyparts (default 0.5;
 *     used only when the skeleton has symmetric pairs)
 * @param brightness maximum brightness shift in grey levels (default 30)
 * @param contrast maximum relative contrast change (default 0.25)
 * @param noise maximum Gaussian noise standard deviation in grey levels (default 8)
 * @param motionBlur probability of a horizontal/vertical motion blur (default 0.1)
 * @param occlusion probability of a grey occluding rectangle (default 0.1)
 * @param cropJitter how far the crop centre may move from the animal, in pixels (default 40)
 * @param randomCrop probability that the crop ignores the animal (default 0.1)
 */
public record AugmentConfig(
    double rotation, double scaleMin, double scaleMax, double mirror, double brightness, double contrast,
    double noise, double motionBlur, double occlusion, double cropJitter, double randomCrop) {

  /** Checks the values. */
  public AugmentConfig {
    if (rotation < 0 || rotation > 180) {
      throw new IllegalArgumentException("rotation must be 0 to 180 degrees, got " + rotation);
    }
    if (!(scaleMin > 0) || scaleMax < scaleMin) {
      throw new IllegalArgumentException("need 0 < scaleMin <= scaleMax, got " + scaleMin + ", " + scaleMax);
    }
    for (double p : new double[] {mirror, motionBlur, occlusion, randomCrop}) {
      if (p < 0 || p > 1) {
        throw new IllegalArgumentException("probabilities must be in [0, 1], got " + p);
      }
    }
  }

  /** DeepLabCut-like defaults. */
  public static AugmentConfig defaults() {
    return new AugmentConfig(30, 0.5, 1.25, 0.5, 30, 0.25, 8, 0.1, 0.1, 40, 0.1);
  }

  /** No augmentation at all: the identity transform, centred crop. */
  public static AugmentConfig none() {
    return new AugmentConfig(0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}

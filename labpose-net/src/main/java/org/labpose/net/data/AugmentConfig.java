package org.labpose.net.data;

import org.labpose.core.SettingException;

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
      throw new SettingException("rotation", "must be 0 to 180 degrees, got " + rotation);
    }
    if (!(scaleMin > 0) || scaleMax < scaleMin) {
      throw new SettingException("scale", "need 0 < min <= max, got " + scaleMin + ", " + scaleMax);
    }
    for (double p : new double[] {mirror, motionBlur, occlusion, randomCrop}) {
      if (p < 0 || p > 1) {
        throw new SettingException("probability", "must be in [0, 1], got " + p);
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

  /**
   * A lighter setting close to the same-machine PyTorch reference's recipe: rotation ±25°, zoom
   * 0.75–1.25, mirroring, brightness and contrast; no noise, blur or occlusion.
   */
  public static AugmentConfig light() {
    return new AugmentConfig(25, 0.75, 1.25, 0.5, 30, 0.25, 0, 0, 0, 40, 0.1);
  }

  /**
   * Parses a preset ({@code default}, {@code light}, {@code none}) and/or comma-separated
   * {@code key=value} overrides, e.g. {@code light,rotation=15} or {@code noise=0,scale=0.8:1.2}.
   * Keys: rotation, scale (min:max), mirror, brightness, contrast, noise, blur, occlusion, jitter,
   * random-crop.
   *
   * @throws IllegalArgumentException naming the bad key or value
   */
  public static AugmentConfig parse(String text) {
    AugmentConfig a = defaults();
    for (String part : text.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        a = switch (t) {
          case "default" -> defaults();
          case "light" -> light();
          case "none" -> none();
          default -> throw new SettingException("augment", "unknown preset '" + t + "' (default, light, none, or key=value)");
        };
        continue;
      }
      String key = t.substring(0, eq).trim();
      String value = t.substring(eq + 1).trim();
      double v = Double.NaN;
      double v2 = Double.NaN;
      try {
        if (key.equals("scale")) {
          String[] mm = value.split(":");
          if (mm.length != 2) {
            throw new SettingException("scale", "expected min:max, got '" + value + "'");
          }
          v = Double.parseDouble(mm[0]);
          v2 = Double.parseDouble(mm[1]);
        } else {
          v = Double.parseDouble(value);
        }
      } catch (NumberFormatException e) {
        throw new SettingException(key, "not a number: '" + value + "'");
      }
      a = switch (key) {
        case "rotation" -> new AugmentConfig(v, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, a.noise, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "scale" -> new AugmentConfig(a.rotation, v, v2, a.mirror, a.brightness, a.contrast, a.noise, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "mirror" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, v, a.brightness, a.contrast, a.noise, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "brightness" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, v, a.contrast, a.noise, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "contrast" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, v, a.noise, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "noise" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, v, a.motionBlur, a.occlusion, a.cropJitter, a.randomCrop);
        case "blur" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, a.noise, v, a.occlusion, a.cropJitter, a.randomCrop);
        case "occlusion" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, a.noise, a.motionBlur, v, a.cropJitter, a.randomCrop);
        case "jitter" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, a.noise, a.motionBlur, a.occlusion, v, a.randomCrop);
        case "random-crop" -> new AugmentConfig(a.rotation, a.scaleMin, a.scaleMax, a.mirror, a.brightness, a.contrast, a.noise, a.motionBlur, a.occlusion, a.cropJitter, v);
        default -> throw new SettingException("augment", "unknown key '" + key
            + "' (rotation, scale, mirror, brightness, contrast, noise, blur, occlusion, jitter, random-crop)");
      };
    }
    return a;
  }
}

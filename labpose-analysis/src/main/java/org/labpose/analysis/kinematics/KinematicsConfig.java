package org.labpose.analysis.kinematics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.SettingException;
import org.labpose.core.model.Confidence;

/**
 * How per-frame kinematics are computed from a pose track.
 *
 * <p>The order is fixed and explicit: (1) points whose likelihood is below {@code pcutoff} are
 * dropped; (2) gaps of at most {@code maxGapS} seconds are filled by linear interpolation, per
 * bodypart; (3) each bodypart's x and y are smoothed by a Savitzky–Golay filter (polynomial order 2)
 * over a window of {@code smoothS} seconds (rounded to an odd number of frames, at least 3; 0 turns
 * smoothing off); (4) positions are mapped to world units by the calibration; (5) speeds and
 * angular velocities are central differences of the smoothed positions and headings.
 *
 * @param pcutoff likelihood under which a point is missing (default 0.6)
 * @param maxGapS longest gap filled by interpolation, seconds (default 0.5)
 * @param smoothS smoothing window, seconds (default 0.3)
 * @param referenceBodypart the bodypart whose position is the animal's position, or null for the
 *     centroid of the bodyparts seen in the frame (default null)
 * @param snout the bodypart at the head end of the heading vector, or null to find one named snout
 *     or nose
 * @param tailBase the bodypart at the tail end, or null to find one named tailbase / tail_base
 * @param angles named angles: name → three bodyparts a, b, c; the angle a–b–c at b, degrees
 */
public record KinematicsConfig(
    double pcutoff, double maxGapS, double smoothS, String referenceBodypart, String snout, String tailBase,
    Map<String, List<String>> angles) {

  public KinematicsConfig {
    if (!(pcutoff >= 0 && pcutoff <= 1)) {
      throw new SettingException("pcutoff", "must be a likelihood in [0, 1], got " + pcutoff);
    }
    if (!(maxGapS >= 0)) {
      throw new SettingException("maxGapS", "must be 0 s or more, got " + maxGapS);
    }
    if (!(smoothS >= 0)) {
      throw new SettingException("smoothS", "must be 0 s or more, got " + smoothS);
    }
    angles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(angles == null ? Map.of() : angles)); // keeps the given order
    for (Map.Entry<String, List<String>> e : angles.entrySet()) {
      if (e.getValue().size() != 3) {
        throw new SettingException("angles", "angle '" + e.getKey() + "' needs three bodyparts a,b,c, got " + e.getValue());
      }
    }
  }

  /** The defaults listed above. */
  public static KinematicsConfig defaults() {
    return new KinematicsConfig(Confidence.DEFAULT_PCUTOFF, 0.5, 0.3, null, null, null, Map.of());
  }

  public KinematicsConfig withPcutoff(double p) {
    return new KinematicsConfig(p, maxGapS, smoothS, referenceBodypart, snout, tailBase, angles);
  }

  public KinematicsConfig withSmoothS(double s) {
    return new KinematicsConfig(pcutoff, maxGapS, s, referenceBodypart, snout, tailBase, angles);
  }

  public KinematicsConfig withMaxGapS(double s) {
    return new KinematicsConfig(pcutoff, s, smoothS, referenceBodypart, snout, tailBase, angles);
  }

  public KinematicsConfig withReferenceBodypart(String b) {
    return new KinematicsConfig(pcutoff, maxGapS, smoothS, b, snout, tailBase, angles);
  }

  public KinematicsConfig withHeadingParts(String snoutPart, String tailBasePart) {
    return new KinematicsConfig(pcutoff, maxGapS, smoothS, referenceBodypart, snoutPart, tailBasePart, angles);
  }

  public KinematicsConfig withAngles(Map<String, List<String>> a) {
    return new KinematicsConfig(pcutoff, maxGapS, smoothS, referenceBodypart, snout, tailBase, a);
  }

  /** The smoothing window in frames at {@code fps}: odd, at least 3, or 1 when smoothing is off. */
  public int smoothFrames(double fps) {
    if (smoothS == 0) {
      return 1;
    }
    int w = (int) Math.round(smoothS * fps);
    if (w % 2 == 0) {
      w++;
    }
    return Math.max(3, w);
  }
}

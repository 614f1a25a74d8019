package org.labpose.analysis.gait;

import java.util.List;
import java.util.Map;
import org.labpose.core.SettingException;
import org.labpose.core.model.Confidence;

/**
 * Settings of {@link Gait}.
 *
 * @param paws paw role → bodypart: roles {@code LF}, {@code RF}, {@code LH}, {@code RH} (left/right
 *     fore/hind); at least one left/right pair
 * @param direction the walking direction in world coordinates as a unit vector {x, y}, or null to
 *     take it per frame from the body axis (tail base → snout) or, without those, from the body's
 *     motion
 * @param beltSpeed treadmill belt speed in world units per second along the walking direction (0
 *     on a walkway or in an open field)
 * @param pcutoff likelihood under which a point is missing (default 0.6)
 * @param smoothS Savitzky–Golay smoothing window before differentiation, s (default 0.05)
 * @param minPhaseS shortest stance or swing phase, s; shorter runs are merged into their
 *     neighbours (default 0.02)
 * @param swingSpeed forward paw speed relative to the ground above which a paw is in swing,
 *     unit/s; 0 (the default) for 20 % of the body's median ground speed
 */
public record GaitConfig(Map<String, String> paws, double[] direction, double beltSpeed, double pcutoff, double smoothS,
    double minPhaseS, double swingSpeed) {

  public GaitConfig {
    paws = Map.copyOf(paws);
    for (String role : paws.keySet()) {
      if (!Gait.ROLES.contains(role)) {
        throw new SettingException("paws", "unknown paw role '" + role + "'; expected LF, RF, LH, RH");
      }
    }
    boolean pair = (paws.containsKey("LF") && paws.containsKey("RF")) || (paws.containsKey("LH") && paws.containsKey("RH"));
    if (!pair) {
      throw new SettingException("paws", "gait needs a left/right pair of paws (LF+RF or LH+RH), got " + paws.keySet());
    }
    if (direction != null) {
      double n = Math.hypot(direction[0], direction[1]);
      if (!(n > 0)) {
        throw new SettingException("direction", "must be a non-zero vector");
      }
      direction = new double[] {direction[0] / n, direction[1] / n};
    }
    if (!(smoothS >= 0) || !(minPhaseS >= 0) || !(pcutoff >= 0 && pcutoff <= 1)) {
      throw new SettingException("smoothS, minPhaseS, pcutoff", "must be non-negative (pcutoff at most 1)");
    }
  }

  /** Defaults for the given paws: direction from the body, no belt. */
  public static GaitConfig of(Map<String, String> paws) {
    return new GaitConfig(paws, null, 0, Confidence.DEFAULT_PCUTOFF, 0.05, 0.02, 0);
  }

  public GaitConfig withDirection(double[] d) {
    return new GaitConfig(paws, d, beltSpeed, pcutoff, smoothS, minPhaseS, swingSpeed);
  }

  public GaitConfig withBeltSpeed(double v) {
    return new GaitConfig(paws, direction, v, pcutoff, smoothS, minPhaseS, swingSpeed);
  }

  public GaitConfig withPcutoff(double p) {
    return new GaitConfig(paws, direction, beltSpeed, p, smoothS, minPhaseS, swingSpeed);
  }

  /**
   * Paws found by name: left/right with fore/front/hind/back/rear, or LF, FL, RH, HR and the like.
   *
   * @return role (LF, RF, LH, RH) → bodypart
   * @throws SettingException when no left/right pair of fore or hind paws is found
   */
  public static Map<String, String> pawsByName(List<String> bodyparts) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String b : bodyparts) {
      String n = b.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
      boolean left = n.contains("left") || n.matches("l[fh]|[fh]l|l(fore|front|hind|back|rear).*|(fore|front|hind|back|rear)l.*");
      boolean right = n.contains("right") || n.matches("r[fh]|[fh]r|r(fore|front|hind|back|rear).*|(fore|front|hind|back|rear)r.*");
      boolean fore = n.contains("fore") || n.contains("front") || n.matches("[lr]f|f[lr]");
      boolean hind = n.contains("hind") || n.contains("back") || n.contains("rear") || n.matches("[lr]h|h[lr]");
      if (left == right || fore == hind) {
        continue;
      }
      out.putIfAbsent((left ? "L" : "R") + (fore ? "F" : "H"), b);
    }
    if (!((out.containsKey("LF") && out.containsKey("RF")) || (out.containsKey("LH") && out.containsKey("RH")))) {
      throw new SettingException("paws", "no left/right pair of paws found by name among " + bodyparts + "; give the roles, e.g. LF=...,RF=...,LH=...,RH=...");
    }
    return out;
  }

  /** The walking direction of an image axis: {@code +x} (or {@code x}), {@code -x}, {@code +y} (or {@code y}), {@code -y}; y points down. */
  public static double[] axis(String name) {
    return switch (name) {
      case "+x", "x" -> new double[] {1, 0};
      case "-x" -> new double[] {-1, 0};
      case "+y", "y" -> new double[] {0, 1};
      case "-y" -> new double[] {0, -1};
      default -> throw new SettingException("direction", "must be +x, -x, +y or -y, got '" + name + "'");
    };
  }
}

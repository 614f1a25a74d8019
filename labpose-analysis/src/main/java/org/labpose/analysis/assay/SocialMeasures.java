package org.labpose.analysis.assay;

import java.util.List;
import java.util.Map;
import org.labpose.analysis.kinematics.AnimalKinematics;

/**
 * Directed social measures of one animal ({@code a}) towards another ({@code b}), from their snouts
 * and tail bases in world units (cm when calibrated, px otherwise; y down). The body centre is the
 * midpoint of snout and tail base; the heading the direction tail base → snout.
 *
 * <ul>
 *   <li>nose–body: distance from a's snout to b's body centre.
 *   <li>facing: b's body centre lies within {@value #FACING_ANGLE_DEG}° of a's heading, seen from a's
 *       snout, and within {@value #FACING_RANGE} contact distances.
 *   <li>following: a's snout within {@value #FOLLOW_RANGE} contact distances of b's tail base, a
 *       behind b (a's centre behind b's centre along b's heading), headings within
 *       {@value #FOLLOW_ANGLE_DEG}°, both moving faster than {@value #MOVING_FACTOR} × the immobility
 *       speed, for at least {@value #FOLLOW_MIN_S} s.
 *   <li>approach / withdrawal: a moves towards b's centre and the two get closer (their relative
 *       velocity along the line between them), both faster than {@value #MOVING_FACTOR} × the
 *       immobility speed (approach), or a moves away and they part (withdrawal), while within
 *       {@value #INTERACTION_RANGE} contact distances, for at least the zone debounce time. A mouse
 *       following another at its speed neither approaches nor withdraws.
 * </ul>
 * Frames where a needed bodypart is missing count as no event.
 */
final class SocialMeasures {
  static final double FACING_ANGLE_DEG = 30;
  static final double FACING_RANGE = 5;
  static final double FOLLOW_RANGE = 2.5;
  static final double FOLLOW_ANGLE_DEG = 45;
  static final double FOLLOW_MIN_S = 0.5;
  static final double MOVING_FACTOR = 3;
  static final double INTERACTION_RANGE = 10;

  private SocialMeasures() {}

  /** Adds a's measures towards b: columns and states prefixed {@code <a>_<b>_}, summaries too. */
  static void directed(AnimalKinematics a, AnimalKinematics b, AssayConfig cfg, int zoneMin, double fps,
      Map<String, double[]> cols, Map<String, Double> sum, Map<String, boolean[]> states) {
    int n = a.frameCount();
    String pre = a.individual() + "_" + b.individual() + "_";
    String u = a.unit();
    double[] asx = a.partX(a.snout()), asy = a.partY(a.snout()), atx = a.partX(a.tailBase()), aty = a.partY(a.tailBase());
    double[] bsx = b.partX(b.snout()), bsy = b.partY(b.snout()), btx = b.partX(b.tailBase()), bty = b.partY(b.tailBase());
    double[] noseBody = new double[n];
    boolean[] facing = new boolean[n];
    boolean[] following = new boolean[n];
    boolean[] approach = new boolean[n];
    boolean[] withdraw = new boolean[n];
    double moving = MOVING_FACTOR * cfg.immobilitySpeed();
    double cosFacing = Math.cos(Math.toRadians(FACING_ANGLE_DEG));
    double cosFollow = Math.cos(Math.toRadians(FOLLOW_ANGLE_DEG));
    double[] acx = new double[n], acy = new double[n], bcx = new double[n], bcy = new double[n];
    for (int f = 0; f < n; f++) {
      acx[f] = (asx[f] + atx[f]) / 2;
      acy[f] = (asy[f] + aty[f]) / 2;
      bcx[f] = (bsx[f] + btx[f]) / 2;
      bcy[f] = (bsy[f] + bty[f]) / 2;
    }
    double[] as = a.speed();
    double[] bs = b.speed();
    for (int f = 0; f < n; f++) {
      noseBody[f] = Math.hypot(asx[f] - bcx[f], asy[f] - bcy[f]);
      double hx = asx[f] - atx[f];
      double hy = asy[f] - aty[f];
      double hl = Math.hypot(hx, hy);
      double tx = bcx[f] - asx[f];
      double ty = bcy[f] - asy[f];
      double tl = Math.hypot(tx, ty);
      if (hl > 0 && tl > 0) {
        facing[f] = (hx * tx + hy * ty) / (hl * tl) >= cosFacing && noseBody[f] < FACING_RANGE * cfg.contactDistance();
      }
      double gx = bsx[f] - btx[f];
      double gy = bsy[f] - bty[f];
      double gl = Math.hypot(gx, gy);
      if (hl > 0 && gl > 0) {
        boolean close = Math.hypot(asx[f] - btx[f], asy[f] - bty[f]) < FOLLOW_RANGE * cfg.contactDistance();
        boolean behind = (acx[f] - bcx[f]) * gx + (acy[f] - bcy[f]) * gy < 0;
        boolean aligned = (hx * gx + hy * gy) / (hl * gl) >= cosFollow;
        following[f] = close && behind && aligned && as[f] > moving && bs[f] > moving;
      }
      if (f > 0 && f < n - 1) {
        double vx = (acx[f + 1] - acx[f - 1]) * fps / 2;
        double vy = (acy[f + 1] - acy[f - 1]) * fps / 2;
        double wx = (bcx[f + 1] - bcx[f - 1]) * fps / 2;
        double wy = (bcy[f + 1] - bcy[f - 1]) * fps / 2;
        double rx = bcx[f] - acx[f];
        double ry = bcy[f] - acy[f];
        double rl = Math.hypot(rx, ry);
        if (rl > 0 && rl < INTERACTION_RANGE * cfg.contactDistance()) {
          double own = (vx * rx + vy * ry) / rl;
          double closing = ((vx - wx) * rx + (vy - wy) * ry) / rl;
          approach[f] = own > moving && closing > moving;
          withdraw[f] = own < -moving && closing < -moving;
        }
      }
    }
    cols.put(pre + "nose_body_" + u, noseBody);
    sum.put(pre + "nose_body_mean_" + u, Assay.mean(noseBody));
    int followMin = Math.max(1, (int) Math.round(FOLLOW_MIN_S * fps));
    event(a.individual() + "_faces_" + b.individual(), facing, zoneMin, fps, cols, sum, states);
    event(a.individual() + "_follows_" + b.individual(), following, followMin, fps, cols, sum, states);
    event(a.individual() + "_approaches_" + b.individual(), approach, zoneMin, fps, cols, sum, states);
    event(a.individual() + "_withdraws_from_" + b.individual(), withdraw, zoneMin, fps, cols, sum, states);
  }

  private static void event(String name, boolean[] raw, int minFrames, double fps, Map<String, double[]> cols,
      Map<String, Double> sum, Map<String, boolean[]> states) {
    List<Bouts.Bout> bouts = Bouts.of(Bouts.debounce(raw, minFrames), Math.max(1, minFrames));
    boolean[] mask = Bouts.mask(bouts, raw.length);
    double[] flags = new double[raw.length];
    int frames = 0;
    for (int f = 0; f < raw.length; f++) {
      flags[f] = mask[f] ? 1 : 0;
      frames += mask[f] ? 1 : 0;
    }
    cols.put(name, flags);
    states.put(name, mask);
    sum.put(name + "_bouts", (double) bouts.size());
    sum.put(name + "_time_s", frames / fps);
  }
}

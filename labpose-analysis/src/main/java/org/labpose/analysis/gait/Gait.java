package org.labpose.analysis.gait;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.analysis.assay.Bouts;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.Kinematics;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.stats.Robust;
import org.labpose.core.io.HeightCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Gait from paw tracks (a bottom or side view: a treadmill or a walkway). Lengths in the
 * calibration's unit, times in seconds.
 *
 * <p>Stance and swing: a paw is in swing while it moves forward relative to the ground (the belt
 * on a treadmill: its world velocity plus the belt speed) along the walking direction faster than
 * the swing threshold, and in stance otherwise. The threshold is {@link GaitConfig#swingSpeed()}
 * when positive, else 20 % of the body's median ground speed (a planted paw stands still on the
 * ground; a swinging paw moves at several times the body's speed). Phases shorter than {@link
 * GaitConfig#minPhaseS()} are merged into their neighbours. Body position: the centroid of the
 * bodyparts that are not paws (of the paws when there are no others); walking direction: the
 * config's, else tail base → snout, else the body's motion.
 *
 * <p>A stride runs from one stance onset (foot strike) of a paw to its next. Per stride: duration,
 * stance and swing durations, duty factor (stance / stride), stride length (displacement of the
 * paw's mean stance position from one stride to the next, plus the belt's travel during the stride).
 * Per paw: means and cadence (strides per second). Per left/right pair: base of support (mean
 * distance across the walking direction between the two paws while both are in stance) and symmetry
 * indices SI = 200 (L − R) / (L + R) % of stride duration, stride length and duty factor, per video
 * (from the means) and per stride (each left stride against the right stride that starts nearest in
 * time).
 */
public final class Gait {
  private Gait() {}

  /** Paw roles: left/right fore/hind. */
  public static final List<String> ROLES = List.of("LF", "RF", "LH", "RH");

  /**
   * One stride of one paw.
   *
   * @param paw role
   * @param index stride number of that paw, from 0
   * @param start first frame (stance onset)
   * @param end frame of the next stance onset (exclusive)
   * @param strideS duration, s
   * @param stanceS stance duration, s
   * @param swingS swing duration, s
   * @param dutyFactor stance / stride
   * @param strideLength unit; NaN when a stance position is unknown
   * @param matchedStride for a left paw: the index of the matched right stride, else -1
   * @param siStride symmetry index of the duration against the matched right stride, %
   * @param siLength symmetry index of the length, %
   * @param siDuty symmetry index of the duty factor, %
   */
  public record Stride(String paw, int index, int start, int end, double strideS, double stanceS, double swingS,
      double dutyFactor, double strideLength, int matchedStride, double siStride, double siLength, double siDuty) {}

  /**
   * The result.
   *
   * @param stance per paw role, per frame: true in stance
   * @param strides all strides, by paw then time
   * @param summary per-video metrics in output order
   * @param unit length unit
   */
  public record Result(Map<String, boolean[]> stance, List<Stride> strides, Map<String, Double> summary, String unit) {}

  /** Analyses the gait of a single animal (or the first individual). */
  public static Result analyze(PoseTable poses, double fps, Calibration cal, GaitConfig cfg) {
    return analyze(poses, null, Double.NaN, fps, cal, cfg);
  }

  /**
   * Analyses the gait with the paws' heights above the floor from a 3D recording ({@link HeightCsv}, e.g. beside
   * the floor-frame table of {@code measures-3d --align}): a paw is in swing while it is lifted above {@code
   * liftHeight} (the heights' unit), in stance otherwise, instead of the forward-speed rule; and each paw's
   * lift (the median over its strides of the swing's highest point) is reported as {@code <role>_lift_<unit>}.
   *
   * @param heights the heights, or null for the speed rule
   */
  public static Result analyze(PoseTable poses, HeightCsv.Table heights, double liftHeight, double fps, Calibration cal, GaitConfig cfg) {
    if (heights != null && heights.values().length != poses.frameCount()) {
      throw new IllegalArgumentException(heights.values().length + " frames of heights for " + poses.frameCount() + " frames of poses");
    }
    String individual = poses.layout().isMultiAnimal() ? poses.layout().individuals().get(0) : KeypointId.SINGLE_ANIMAL;
    KinematicsConfig kc = KinematicsConfig.defaults().withPcutoff(cfg.pcutoff()).withSmoothS(cfg.smoothS()).withMaxGapS(0.1);
    AnimalKinematics k = Kinematics.compute(poses, individual, fps, cal, kc);
    for (Map.Entry<String, String> e : cfg.paws().entrySet()) {
      if (!k.bodyparts().contains(e.getValue())) {
        throw new IllegalArgumentException("paw " + e.getKey() + " '" + e.getValue() + "' is not a bodypart of the predictions; bodyparts: " + k.bodyparts());
      }
    }
    int n = k.frameCount();
    List<String> body = new ArrayList<>(k.bodyparts());
    body.removeAll(cfg.paws().values());
    if (body.isEmpty()) {
      body = new ArrayList<>(cfg.paws().values());
    }
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int f = 0; f < n; f++) {
      double sx = 0, sy = 0;
      int c = 0;
      for (String b : body) {
        double x = k.partX(b)[f], y = k.partY(b)[f];
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
          sx += x;
          sy += y;
          c++;
        }
      }
      bx[f] = c == 0 ? Double.NaN : sx / c;
      by[f] = c == 0 ? Double.NaN : sy / c;
    }
    double[][] dir = directions(k, bx, by, cfg, fps);
    int minPhase = Math.max(1, (int) Math.round(cfg.minPhaseS() * fps));
    double threshold = cfg.swingSpeed();
    if (!(threshold > 0)) {
      double[] ground = new double[n];
      for (int f = 0; f < n; f++) {
        int a = Math.max(0, f - 1);
        int b = Math.min(n - 1, f + 1);
        double vx = (bx[b] - bx[a]) * fps / Math.max(1, b - a);
        double vy = (by[b] - by[a]) * fps / Math.max(1, b - a);
        ground[f] = vx * dir[f][0] + vy * dir[f][1] + cfg.beltSpeed();
      }
      double med = Robust.median(ground);
      threshold = Double.isNaN(med) || med <= 0 ? 1e-9 : 0.2 * med;
    }
    Map<String, boolean[]> stance = new LinkedHashMap<>();
    Map<String, Double> lifts = new LinkedHashMap<>();
    Map<String, List<Stride>> byPaw = new LinkedHashMap<>();
    List<Stride> all = new ArrayList<>();
    for (String role : ROLES) {
      String part = cfg.paws().get(role);
      if (part == null) {
        continue;
      }
      double[] px = k.partX(part);
      double[] py = k.partY(part);
      boolean[] st = new boolean[n];
      double[] lift = heights == null ? null : heights.series(new KeypointId(individual, part));
      if (heights != null && lift == null) {
        throw new IllegalArgumentException("paw " + role + " '" + part + "' has no heights; they have " + heights.keypoints());
      }
      for (int f = 0; f < n; f++) {
        if (lift != null) {
          st[f] = !(lift[f] > liftHeight); // NaN (unseen) counts as stance, then merged below
          continue;
        }
        int a = Math.max(0, f - 1);
        int b = Math.min(n - 1, f + 1);
        double vx = (px[b] - px[a]) * fps / Math.max(1, b - a);
        double vy = (py[b] - py[a]) * fps / Math.max(1, b - a);
        double forward = vx * dir[f][0] + vy * dir[f][1] + cfg.beltSpeed();
        st[f] = !(forward > threshold); // NaN (unseen) counts as stance, then merged below
      }
      st = Bouts.debounce(st, minPhase);
      stance.put(role, st);
      List<Stride> strides = strides(role, st, px, py, dir, fps, cfg.beltSpeed());
      byPaw.put(role, strides);
      if (lift != null) {
        double[] tops = new double[strides.size()];
        for (int i = 0; i < strides.size(); i++) {
          double top = Double.NaN;
          for (int f = strides.get(i).start(); f < strides.get(i).end(); f++) {
            top = Double.isNaN(top) || lift[f] > top ? lift[f] : top;
          }
          tops[i] = top;
        }
        lifts.put(role, Robust.median(tops));
      }
    }
    Map<String, Double> sum = new LinkedHashMap<>();
    sum.put("frames", (double) n);
    sum.put("fps", fps);
    for (Map.Entry<String, List<Stride>> e : byPaw.entrySet()) {
      List<Stride> s = e.getValue();
      String r = e.getKey() + "_";
      sum.put(r + "strides", (double) s.size());
      double strideS = mean(s, Stride::strideS);
      sum.put(r + "stride_s", strideS);
      sum.put(r + "stance_s", mean(s, Stride::stanceS));
      sum.put(r + "swing_s", mean(s, Stride::swingS));
      sum.put(r + "duty_factor", mean(s, Stride::dutyFactor));
      sum.put(r + "stride_length_" + k.unit(), mean(s, Stride::strideLength));
      sum.put(r + "cadence_hz", strideS > 0 ? 1 / strideS : Double.NaN);
      if (lifts.containsKey(e.getKey())) {
        sum.put(r + "lift_" + heights.unit(), lifts.get(e.getKey()));
      }
    }
    for (String[] pair : new String[][] {{"LF", "RF", "fore"}, {"LH", "RH", "hind"}}) {
      if (!byPaw.containsKey(pair[0]) || !byPaw.containsKey(pair[1])) {
        continue;
      }
      String l = cfg.paws().get(pair[0]);
      String rr = cfg.paws().get(pair[1]);
      boolean[] sl = stance.get(pair[0]);
      boolean[] sr = stance.get(pair[1]);
      double total = 0;
      int c = 0;
      for (int f = 0; f < n; f++) {
        if (sl[f] && sr[f]) {
          double dx = k.partX(l)[f] - k.partX(rr)[f];
          double dy = k.partY(l)[f] - k.partY(rr)[f];
          double lateral = Math.abs(dir[f][0] * dy - dir[f][1] * dx);
          if (!Double.isNaN(lateral)) {
            total += lateral;
            c++;
          }
        }
      }
      sum.put("base_of_support_" + pair[2] + "_" + k.unit(), c == 0 ? Double.NaN : total / c);
      sum.put("si_stride_s_" + pair[2], si(sum.get(pair[0] + "_stride_s"), sum.get(pair[1] + "_stride_s")));
      sum.put("si_stride_length_" + pair[2], si(sum.get(pair[0] + "_stride_length_" + k.unit()), sum.get(pair[1] + "_stride_length_" + k.unit())));
      sum.put("si_duty_factor_" + pair[2], si(sum.get(pair[0] + "_duty_factor"), sum.get(pair[1] + "_duty_factor")));
      byPaw.put(pair[0], matched(byPaw.get(pair[0]), byPaw.get(pair[1])));
    }
    for (List<Stride> s : byPaw.values()) {
      all.addAll(s);
    }
    return new Result(stance, all, sum, k.unit());
  }

  private static double[][] directions(AnimalKinematics k, double[] bx, double[] by, GaitConfig cfg, double fps) {
    int n = k.frameCount();
    double[][] d = new double[n][];
    if (cfg.direction() != null) {
      for (int f = 0; f < n; f++) {
        d[f] = cfg.direction();
      }
      return d;
    }
    double[] last = null;
    int half = Math.max(1, (int) Math.round(0.1 * fps));
    for (int f = 0; f < n; f++) {
      double dx = Double.NaN, dy = Double.NaN;
      if (k.hasHeading()) {
        dx = k.partX(k.snout())[f] - k.partX(k.tailBase())[f];
        dy = k.partY(k.snout())[f] - k.partY(k.tailBase())[f];
      }
      if (!(Math.hypot(dx, dy) > 0)) {
        int a = Math.max(0, f - half);
        int b = Math.min(n - 1, f + half);
        dx = bx[b] - bx[a];
        dy = by[b] - by[a];
      }
      double len = Math.hypot(dx, dy);
      if (len > 0) {
        last = new double[] {dx / len, dy / len};
      }
      d[f] = last;
    }
    double[] first = null;
    for (double[] v : d) {
      if (v != null) {
        first = v;
        break;
      }
    }
    for (int f = 0; f < n; f++) {
      if (d[f] == null) {
        d[f] = first != null ? first : new double[] {1, 0};
      }
    }
    return d;
  }

  private static List<Stride> strides(String role, boolean[] st, double[] px, double[] py, double[][] dir, double fps, double belt) {
    // a foot strike counts when a whole swing precedes it (not one cut by the start of the recording)
    List<Integer> onsets = new ArrayList<>();
    int swingStart = -1;
    for (int f = 0; f < st.length; f++) {
      if (!st[f] && (f == 0 || st[f - 1])) {
        swingStart = f;
      }
      if (f > 0 && st[f] && !st[f - 1] && swingStart > 0) {
        onsets.add(f);
      }
    }
    List<double[]> stancePos = new ArrayList<>();
    List<Integer> stanceLen = new ArrayList<>();
    for (int on : onsets) {
      int e = on;
      double sx = 0, sy = 0;
      int c = 0;
      while (e < st.length && st[e]) {
        if (!Double.isNaN(px[e]) && !Double.isNaN(py[e])) {
          sx += px[e];
          sy += py[e];
          c++;
        }
        e++;
      }
      stanceLen.add(e - on);
      stancePos.add(c == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sx / c, sy / c});
    }
    List<Stride> out = new ArrayList<>();
    for (int i = 0; i + 1 < onsets.size(); i++) {
      int s = onsets.get(i);
      int e = onsets.get(i + 1);
      double dur = (e - s) / fps;
      double stanceS = Math.min(stanceLen.get(i), e - s) / fps;
      double[] p0 = stancePos.get(i);
      double[] p1 = stancePos.get(i + 1);
      // a planted paw on a belt travels backward: add the belt's travel during the stride
      double shift = belt * dur;
      double dx = p1[0] - p0[0] + shift * dir[s][0];
      double dy = p1[1] - p0[1] + shift * dir[s][1];
      out.add(new Stride(role, i, s, e, dur, stanceS, dur - stanceS, stanceS / dur, Math.hypot(dx, dy), -1,
          Double.NaN, Double.NaN, Double.NaN));
    }
    return out;
  }

  private static List<Stride> matched(List<Stride> left, List<Stride> right) {
    List<Stride> out = new ArrayList<>();
    for (Stride l : left) {
      Stride best = null;
      for (Stride r : right) {
        if (best == null || Math.abs(r.start() - l.start()) < Math.abs(best.start() - l.start())) {
          best = r;
        }
      }
      if (best == null || Math.abs(best.start() - l.start()) > (l.end() - l.start())) {
        out.add(l);
        continue;
      }
      out.add(new Stride(l.paw(), l.index(), l.start(), l.end(), l.strideS(), l.stanceS(), l.swingS(), l.dutyFactor(), l.strideLength(),
          best.index(), si(l.strideS(), best.strideS()), si(l.strideLength(), best.strideLength()), si(l.dutyFactor(), best.dutyFactor())));
    }
    return out;
  }


  /** Symmetry index 200 (l − r) / (l + r), %. */
  public static double si(double l, double r) {
    return 200 * (l - r) / (l + r);
  }

  private static double mean(List<Stride> s, java.util.function.ToDoubleFunction<Stride> f) {
    double t = 0;
    int c = 0;
    for (Stride x : s) {
      double v = f.applyAsDouble(x);
      if (!Double.isNaN(v)) {
        t += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : t / c;
  }

  /**
   * Writes a result's strides as CSV, one row per stride: times in s, lengths in the result's unit
   * (cm when calibrated, else px), symmetry indices against the matched right stride.
   */
  public static void writeStrides(Result r, java.nio.file.Path csv) throws java.io.IOException {
    String u = r.unit();
    org.labpose.core.io.AtomicFiles.writeText(csv, w -> {
      org.labpose.core.io.CsvTable.writeRow(w, List.of("paw", "stride", "start_frame", "end_frame", "stride_s", "stance_s", "swing_s", "duty_factor",
          "stride_length_" + u, "matched_right_stride", "si_stride_s", "si_stride_length", "si_duty_factor"));
      for (Stride s : r.strides()) {
        org.labpose.core.io.CsvTable.writeRow(w, List.of(s.paw(), Integer.toString(s.index()), Integer.toString(s.start()), Integer.toString(s.end()),
            n(s.strideS()), n(s.stanceS()), n(s.swingS()), n(s.dutyFactor()), n(s.strideLength()),
            s.matchedStride() < 0 ? "" : Integer.toString(s.matchedStride()), n(s.siStride()), n(s.siLength()), n(s.siDuty())));
      }
    });
  }

  private static String n(double v) {
    return org.labpose.core.io.CsvTable.number(v);
  }
}

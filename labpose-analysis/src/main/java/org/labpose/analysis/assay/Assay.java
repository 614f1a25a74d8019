package org.labpose.analysis.assay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.analysis.assay.Bouts.Bout;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.Kinematics;
import org.labpose.analysis.stats.Robust;
import org.labpose.analysis.zones.Zone;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.SettingException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Open-field style measures of one video: distance, speed, zones, immobility and freezing, top-view
 * proxies for rearing and grooming, and social contact when there are two or more animals.
 *
 * <p>Definitions (times in s, lengths in the calibration's unit):
 * <ul>
 *   <li>distance: path length of the animal's smoothed position (see {@link
 *       org.labpose.analysis.kinematics.KinematicsConfig}) where, during each immobile bout, the
 *       position is the bout's median (the residual jitter of a still animal's position would
 *       otherwise add up);
 *       {@code distance_px} is always given, {@code distance_cm} too when calibrated;
 *   <li>zone time and latency: from the zone membership of the same position, frame by frame;
 *       entries: from the membership debounced by {@code zoneMinS} (a position jittering on a border
 *       is not many entries); starting inside a zone counts as an entry with latency 0; latency is
 *       NaN (an empty cell) when the zone is never entered;
 *   <li>immobile: net displacement over {@value #IMMOBILITY_WINDOW_S} s (centred on the frame),
 *       divided by that time, under {@code immobilitySpeed}; freezing: immobile for at least
 *       {@code freezingMinS};
 *   <li>thigmotaxis ratio: time in the zone named {@code periphery} over the time the animal was
 *       seen (only when such a zone exists);
 *   <li>rearing proxy (top view): body length (tail base to snout) under 70 % of the video's median
 *       body length for at least 0.5 s; a rearing mouse seen from above looks shorter. A proxy, not
 *       a rearing detector: a mouse curled up also looks shorter;
 *   <li>rearing (a top view with {@link Heights} from a 3D recording): a bodypart above a height over the
 *       floor for at least 0.5 s, instead of the proxy;
 *   <li>grooming proxy (top view): the body is immobile while the snout moves relative to the body
 *       centre faster than 3 × the immobility speed, for at least 1 s. A proxy: sniffing in place
 *       looks the same from above;
 *   <li>social (pairs of animals, both with a snout and a tail base): nose–nose distance, nose to the
 *       other's tail base (anogenital), contact when either is under {@code contactDistance} for at
 *       least {@code zoneMinS}; and, for each animal towards the other, nose to body centre, time
 *       facing it, following it, approaching and withdrawing from it ({@link SocialMeasures});
 *   <li>sociability (a three-chamber zone with a {@code social} side): per animal, or for the
 *       {@code subject} only, (time near the social cup − time near the empty cup) / their sum, and
 *       the same for the chambers.
 * </ul>
 * With one animal, columns carry no prefix; with several, each animal's columns start with its name.
 */
public final class Assay {
  private Assay() {}

  /** Window over which the immobility speed is measured (net displacement / time), s. */
  public static final double IMMOBILITY_WINDOW_S = 0.5;
  /** Shortest rearing-proxy bout, s. */
  public static final double REARING_MIN_S = 0.5;
  /** Body length fraction (of the median) under which the rearing proxy holds. */
  public static final double REARING_LENGTH_FRACTION = 0.7;
  /** Shortest grooming-proxy bout, s. */
  public static final double GROOMING_MIN_S = 1.0;

  /**
   * Runs the assay.
   *
   * @param poses predictions (single- or multi-animal)
   * @param zones zones and calibration (the calibration converts lengths)
   * @param fps frames per second
   * @throws IllegalArgumentException when a bodypart the settings name is missing
   */
  public static AssayResult run(PoseTable poses, ZoneSet zones, double fps, AssayConfig cfg) {
    return run(poses, null, zones, fps, cfg);
  }

  /**
   * Runs the assay on a top view with the keypoints' heights above the floor (from a 3D recording): rearing is
   * then measured as height ({@link Heights}) instead of the top-view proxy.
   *
   * @param heights the heights, or null for a plain top view
   */
  public static AssayResult run(PoseTable poses, Heights heights, ZoneSet zones, double fps, AssayConfig cfg) {
    if (heights != null && heights.table().values().length != poses.frameCount()) {
      throw new SettingException("heights", heights.table().values().length + " frames of heights for " + poses.frameCount() + " frames of poses");
    }
    Calibration cal = zones.calibration();
    List<String> individuals = poses.layout().isMultiAnimal() ? poses.layout().individuals() : List.of(KeypointId.SINGLE_ANIMAL);
    List<AnimalKinematics> animals = new ArrayList<>();
    for (String ind : individuals) {
      animals.add(Kinematics.compute(poses, ind, fps, cal, cfg.kinematics()));
    }
    int n = poses.frameCount();
    Map<String, double[]> cols = new LinkedHashMap<>();
    Map<String, Double> sum = new LinkedHashMap<>();
    Map<String, boolean[]> states = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    double[] frame = new double[n];
    double[] time = new double[n];
    for (int f = 0; f < n; f++) {
      frame[f] = f;
      time[f] = f / fps;
    }
    cols.put("frame", frame);
    cols.put("time_s", time);
    sum.put("frames", (double) n);
    sum.put("duration_s", n / fps);
    sum.put("fps", fps);
    boolean multi = animals.size() > 1;
    int zoneMin = (int) Math.round(cfg.zoneMinS() * fps);
    for (AnimalKinematics a : animals) {
      String pre = multi ? a.individual() + "_" : "";
      for (Map.Entry<String, double[]> e : a.columns().entrySet()) {
        cols.put(pre + e.getKey(), e.getValue());
      }
      perAnimal(a, heights, zones, cfg, fps, zoneMin, pre, cols, sum, states);
      if (sum.get(pre + "tracked_fraction") == 0) {
        warnings.add((multi ? "individual '" + a.individual() + "': " : "") + "no frame with the reference bodypart above the p-cutoff ("
            + cfg.kinematics().pcutoff() + "); every measure but tracked_fraction is left empty");
      }
    }
    if (multi) {
      social(animals, cfg, zoneMin, fps, cols, sum, states);
    }
    if (cfg.subject() != null && animals.stream().noneMatch(a -> a.individual().equals(cfg.subject()))) {
      throw new SettingException("subject", "no animal named '" + cfg.subject() + "'; the poses have "
          + animals.stream().map(AnimalKinematics::individual).toList());
    }
    for (ZoneSet.Sociability soc : zones.sociability()) {
      for (AnimalKinematics a : animals) {
        if (cfg.subject() != null && !a.individual().equals(cfg.subject())) {
          continue;
        }
        String pre = cfg.subject() != null || !multi ? "" : a.individual() + "_";
        String ap = multi ? a.individual() + "_" : "";
        sum.put(pre + soc.name() + "_sociability_index", index(sum.get(ap + "time_s_" + soc.socialCup()), sum.get(ap + "time_s_" + soc.emptyCup())));
        sum.put(pre + soc.name() + "_sociability_index_chambers",
            index(sum.get(ap + "time_s_" + soc.socialChamber()), sum.get(ap + "time_s_" + soc.emptyChamber())));
      }
    }
    return new AssayResult(cols, sum, states, animals, zones, fps, warnings);
  }

  private static void perAnimal(AnimalKinematics a, Heights heights, ZoneSet zones, AssayConfig cfg, double fps, int zoneMin, String pre,
      Map<String, double[]> cols, Map<String, Double> sum, Map<String, boolean[]> states) {
    Map<String, Double> own = new LinkedHashMap<>();
    measureAnimal(a, heights, zones, cfg, fps, zoneMin, pre, cols, own, states);
    boolean never = own.get(pre + "tracked_fraction") == 0;
    for (Map.Entry<String, Double> e : own.entrySet()) {
      // an animal never seen has no distance, zone time or immobility: 0 would read as a measurement
      sum.put(e.getKey(), never && !e.getKey().equals(pre + "tracked_fraction") ? Double.NaN : e.getValue());
    }
  }

  private static void measureAnimal(AnimalKinematics a, Heights heights, ZoneSet zones, AssayConfig cfg, double fps, int zoneMin, String pre,
      Map<String, double[]> cols, Map<String, Double> sum, Map<String, boolean[]> states) {
    int n = a.frameCount();
    String u = a.unit();
    int seen = 0;
    double[] xPx = a.xPx();
    double[] yPx = a.yPx();
    for (int f = 0; f < n; f++) {
      seen += Double.isNaN(xPx[f]) ? 0 : 1;
    }
    sum.put(pre + "tracked_fraction", n == 0 ? Double.NaN : (double) seen / n);
    double[] speed = a.speed();
    double total = 0;
    int cnt = 0;
    double max = Double.NaN;
    for (double s : speed) {
      if (!Double.isNaN(s)) {
        total += s;
        cnt++;
        max = Double.isNaN(max) ? s : Math.max(max, s);
      }
    }
    sum.put(pre + "mean_speed_" + u + "_s", cnt == 0 ? Double.NaN : total / cnt);
    sum.put(pre + "max_speed_" + u + "_s", max);

    // Immobility uses the displacement over a window (IMMOBILITY_WINDOW_S) rather than the
    // frame-to-frame speed: residual tracking noise makes instantaneous speed of a still animal
    // about 1 cm/s, while the net displacement over half a second stays near 0.
    int half = Math.max(1, (int) Math.round(IMMOBILITY_WINDOW_S * fps / 2));
    boolean[] immobile = new boolean[n];
    double[] windowSpeed = new double[n];
    for (int f = 0; f < n; f++) {
      int p = Math.max(0, f - half);
      int q = Math.min(n - 1, f + half);
      windowSpeed[f] = q == p ? Double.NaN : Math.hypot(a.x()[q] - a.x()[p], a.y()[q] - a.y()[p]) * fps / (q - p);
      immobile[f] = windowSpeed[f] < cfg.immobilitySpeed();
    }
    // A still animal does not move: during each immobile bout its position is the bout's median.
    // Without this, the residual jitter of the tracked position adds a few percent of distance over
    // a session with freezing, and flips zone membership when the animal stands on a border.
    double[] zx = xPx.clone();
    double[] zy = yPx.clone();
    for (Bout b : Bouts.of(immobile, 1)) {
      double mx = Robust.median(Arrays.copyOfRange(xPx, b.start(), b.end()));
      double my = Robust.median(Arrays.copyOfRange(yPx, b.start(), b.end()));
      Arrays.fill(zx, b.start(), b.end(), mx);
      Arrays.fill(zy, b.start(), b.end(), my);
    }
    sum.put(pre + "distance_px", pathLength(zx, zy));
    if (!u.equals("px")) {
      double[] wx = zx.clone();
      double[] wy = zy.clone();
      zones.calibration().toWorldInPlace(wx, wy);
      sum.put(pre + "distance_" + u, pathLength(wx, wy));
    }
    List<Bout> freezing = Bouts.of(immobile, (int) Math.round(cfg.freezingMinS() * fps));
    boolean[] freezingMask = Bouts.mask(freezing, n);
    sum.put(pre + "immobile_time_s", Bouts.count(immobile) / fps);
    boutSummary(pre + "freezing", freezing, fps, sum);
    cols.put(pre + "immobile", flags(immobile));
    cols.put(pre + "freezing", flags(freezingMask));
    states.put(pre + "freezing", freezingMask);

    for (Zone z : zones.zones()) {
      boolean[] in = new boolean[n];
      for (int f = 0; f < n; f++) {
        in[f] = z.contains(zx[f], zy[f]);
      }
      boolean[] stays = Bouts.debounce(in, zoneMin);
      int first = Bouts.first(in);
      cols.put(pre + "in_" + z.name(), flags(in));
      states.put(pre + "in_" + z.name(), stays);
      sum.put(pre + "time_s_" + z.name(), Bouts.count(in) / fps);
      sum.put(pre + "entries_" + z.name(), (double) Bouts.entries(stays));
      sum.put(pre + "latency_s_" + z.name(), first < 0 ? Double.NaN : first / fps);
      if (z.name().equals("periphery")) {
        sum.put(pre + "thigmotaxis_ratio", seen == 0 ? Double.NaN : Bouts.count(in) / (double) seen);
      }
    }

    double[] rearHeight = heights == null ? null : heights.table().series(new KeypointId(a.individual(), heights.rearingPart()));
    if (heights != null && rearHeight == null) {
      throw new SettingException("rearing part", "the heights have no '" + heights.rearingPart() + "'" + (a.individual().isEmpty() ? ""
          : " for '" + a.individual() + "'") + "; they have " + heights.table().keypoints());
    }
    if (rearHeight != null) {
      // rearing as height above the floor: the part above the height for at least REARING_MIN_S
      String hu = heights.table().unit();
      boolean[] up = new boolean[n];
      double top = Double.NaN;
      for (int f = 0; f < n; f++) {
        up[f] = rearHeight[f] > heights.rearingHeight();
        top = Double.isNaN(rearHeight[f]) ? top : Double.isNaN(top) ? rearHeight[f] : Math.max(top, rearHeight[f]);
      }
      List<Bout> rearing = Bouts.of(up, (int) Math.round(REARING_MIN_S * fps));
      boutSummary(pre + "rearing", rearing, fps, sum);
      sum.put(pre + heights.rearingPart() + "_max_height_" + hu, top);
      boolean[] rearingMask = Bouts.mask(rearing, n);
      cols.put(pre + heights.rearingPart() + "_height_" + hu, rearHeight);
      cols.put(pre + "rearing", flags(rearingMask));
      states.put(pre + "rearing", rearingMask);
    }
    if (a.hasHeading()) {
      double[] len = a.bodyLength();
      double median = Robust.median(len);
      boolean[] shortBody = new boolean[n];
      for (int f = 0; f < n; f++) {
        shortBody[f] = len[f] < REARING_LENGTH_FRACTION * median;
      }
      if (rearHeight == null) {
        List<Bout> rearing = Bouts.of(shortBody, (int) Math.round(REARING_MIN_S * fps));
        boutSummary(pre + "rearing_proxy", rearing, fps, sum);
        boolean[] rearingMask = Bouts.mask(rearing, n);
        cols.put(pre + "rearing_proxy", flags(rearingMask));
        states.put(pre + "rearing_proxy", rearingMask);
      }

      double[] rx = new double[n];
      double[] ry = new double[n];
      double[] sx = a.partX(a.snout());
      double[] sy = a.partY(a.snout());
      for (int f = 0; f < n; f++) {
        rx[f] = sx[f] - a.x()[f];
        ry[f] = sy[f] - a.y()[f];
      }
      boolean[] headMoving = new boolean[n];
      for (int f = 0; f < n; f++) {
        int p = Math.max(0, f - 1);
        int q = Math.min(n - 1, f + 1);
        double rel = q == p ? Double.NaN : Math.hypot(rx[q] - rx[p], ry[q] - ry[p]) * fps / (q - p);
        headMoving[f] = immobile[f] && rel > 3 * cfg.immobilitySpeed();
      }
      List<Bout> grooming = Bouts.of(Bouts.debounce(headMoving, (int) Math.round(0.2 * fps)), (int) Math.round(GROOMING_MIN_S * fps));
      boutSummary(pre + "grooming_proxy", grooming, fps, sum);
      boolean[] groomingMask = Bouts.mask(grooming, n);
      cols.put(pre + "grooming_proxy", flags(groomingMask));
      states.put(pre + "grooming_proxy", groomingMask);
    }
  }

  private static void social(List<AnimalKinematics> animals, AssayConfig cfg, int zoneMin, double fps,
      Map<String, double[]> cols, Map<String, Double> sum, Map<String, boolean[]> states) {
    for (int i = 0; i < animals.size(); i++) {
      for (int j = i + 1; j < animals.size(); j++) {
        AnimalKinematics a = animals.get(i);
        AnimalKinematics b = animals.get(j);
        if (!a.hasHeading() || !b.hasHeading()) {
          continue;
        }
        String pre = a.individual() + "_" + b.individual() + "_";
        String u = a.unit();
        int n = a.frameCount();
        double[] nn = dist(a, a.snout(), b, b.snout());
        double[] nt = dist(a, a.snout(), b, b.tailBase());
        double[] tn = dist(a, a.tailBase(), b, b.snout());
        boolean[] contact = new boolean[n];
        for (int f = 0; f < n; f++) {
          contact[f] = nn[f] < cfg.contactDistance() || nt[f] < cfg.contactDistance() || tn[f] < cfg.contactDistance();
        }
        List<Bout> bouts = Bouts.of(Bouts.debounce(contact, zoneMin), Math.max(1, zoneMin));
        boolean[] mask = Bouts.mask(bouts, n);
        cols.put(pre + "nose_nose_" + u, nn);
        cols.put(pre + "nose_tailbase_" + u, nt);
        cols.put(pre + "tailbase_nose_" + u, tn);
        cols.put(pre + "contact", flags(mask));
        states.put(pre + "contact", mask);
        sum.put(pre + "nose_nose_mean_" + u, mean(nn));
        boutSummary(pre + "contact", bouts, fps, sum);
        SocialMeasures.directed(a, b, cfg, zoneMin, fps, cols, sum, states);
        SocialMeasures.directed(b, a, cfg, zoneMin, fps, cols, sum, states);
      }
    }
  }

  /** (social − empty) / (social + empty); NaN when both are 0 or unknown. */
  private static double index(Double social, Double empty) {
    if (social == null || empty == null || Double.isNaN(social) || Double.isNaN(empty) || social + empty == 0) {
      return Double.NaN;
    }
    return (social - empty) / (social + empty);
  }

  private static double[] dist(AnimalKinematics a, String pa, AnimalKinematics b, String pb) {
    double[] ax = a.partX(pa), ay = a.partY(pa), bx = b.partX(pb), by = b.partY(pb);
    double[] d = new double[ax.length];
    for (int f = 0; f < d.length; f++) {
      d[f] = Math.hypot(ax[f] - bx[f], ay[f] - by[f]);
    }
    return d;
  }

  private static void boutSummary(String name, List<Bout> bouts, double fps, Map<String, Double> sum) {
    int frames = 0;
    for (Bout b : bouts) {
      frames += b.length();
    }
    sum.put(name + "_bouts", (double) bouts.size());
    sum.put(name + "_time_s", frames / fps);
    sum.put(name + "_mean_s", bouts.isEmpty() ? Double.NaN : frames / fps / bouts.size());
  }

  private static double pathLength(double[] x, double[] y) {
    double d = 0;
    for (int f = 1; f < x.length; f++) {
      double s = Math.hypot(x[f] - x[f - 1], y[f] - y[f - 1]);
      d += Double.isNaN(s) ? 0 : s;
    }
    return d;
  }

  private static double[] flags(boolean[] b) {
    double[] d = new double[b.length];
    for (int f = 0; f < b.length; f++) {
      d[f] = b[f] ? 1 : 0;
    }
    return d;
  }


  /** Mean of the non-NaN values, NaN when there are none. */
  static double mean(double[] v) {
    double t = 0;
    int c = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        t += d;
        c++;
      }
    }
    return c == 0 ? Double.NaN : t / c;
  }
}

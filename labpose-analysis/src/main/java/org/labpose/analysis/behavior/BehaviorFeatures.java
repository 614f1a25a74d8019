package org.labpose.analysis.behavior;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.Kinematics;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Per-frame features for behaviour classifiers, as SimBA builds them: per-frame kinematics (speed,
 * acceleration, angular velocity, body length, hull area, every pairwise bodypart distance, each
 * bodypart's speed relative to the body centre, the mean likelihood), each with its mean and standard
 * deviation over centred sliding windows (by default 0.2, 0.5 and 1 s). Lengths in the calibration's
 * unit, times in seconds. Missing values become 0 after the last seen value is carried forward, so a
 * classifier always gets a full row.
 */
public final class BehaviorFeatures {
  private BehaviorFeatures() {}

  /** Default sliding windows, seconds. */
  public static final List<Double> WINDOWS_S = List.of(0.2, 0.5, 1.0);

  /**
   * Features.
   *
   * @param names feature names, in column order
   * @param rows one row per frame
   */
  public record Matrix(List<String> names, double[][] rows) {
    public int frames() {
      return rows.length;
    }
  }

  /** Features of the first individual (or the single animal). */
  public static Matrix compute(PoseTable t, double fps, Calibration cal, KinematicsConfig kc, List<Double> windowsS) {
    String ind = t.layout().isMultiAnimal() ? t.layout().individuals().get(0) : KeypointId.SINGLE_ANIMAL;
    AnimalKinematics k = Kinematics.compute(t, ind, fps, cal, kc);
    int n = k.frameCount();
    Map<String, double[]> base = new LinkedHashMap<>();
    base.put("speed", k.speed());
    base.put("acceleration", k.acceleration());
    if (k.hasHeading()) {
      base.put("angular_velocity", k.angularVelocity());
      base.put("body_length", k.bodyLength());
    }
    base.put("hull_area", k.hullArea());
    for (Map.Entry<String, double[]> e : k.distances().entrySet()) {
      base.put("dist_" + e.getKey(), e.getValue());
    }
    for (String b : k.bodyparts()) {
      double[] rx = new double[n];
      double[] ry = new double[n];
      for (int f = 0; f < n; f++) {
        rx[f] = k.partX(b)[f] - k.x()[f];
        ry[f] = k.partY(b)[f] - k.y()[f];
      }
      double[] v = new double[n];
      for (int f = 0; f < n; f++) {
        int a = Math.max(0, f - 1);
        int c = Math.min(n - 1, f + 1);
        v[f] = c == a ? Double.NaN : Math.hypot(rx[c] - rx[a], ry[c] - ry[a]) * fps / (c - a);
      }
      base.put("rel_speed_" + b, v);
    }
    double[] lik = new double[n];
    for (int f = 0; f < n; f++) {
      double s = 0;
      int c = 0;
      for (String b : k.bodyparts()) {
        double l = t.likelihood(f, new KeypointId(ind, b));
        if (!Double.isNaN(l)) {
          s += l;
          c++;
        }
      }
      lik[f] = c == 0 ? 0 : s / c;
    }
    base.put("mean_likelihood", lik);
    List<String> names = new ArrayList<>();
    List<double[]> cols = new ArrayList<>();
    for (Map.Entry<String, double[]> e : base.entrySet()) {
      double[] v = filled(e.getValue());
      names.add(e.getKey());
      cols.add(v);
      for (double w : windowsS) {
        int half = Math.max(1, (int) Math.round(w * fps / 2));
        double[][] ms = rolling(v, half);
        String suffix = String.format(Locale.ROOT, "_%gs", w);
        names.add(e.getKey() + "_mean" + suffix);
        cols.add(ms[0]);
        names.add(e.getKey() + "_sd" + suffix);
        cols.add(ms[1]);
      }
    }
    double[][] rows = new double[n][cols.size()];
    for (int c = 0; c < cols.size(); c++) {
      double[] v = cols.get(c);
      for (int f = 0; f < n; f++) {
        rows[f][c] = v[f];
      }
    }
    return new Matrix(List.copyOf(names), rows);
  }

  /** Missing and infinite values replaced by the last finite one before them (0 at the start). */
  static double[] filled(double[] v) {
    double[] out = v.clone();
    double last = 0;
    for (int f = 0; f < out.length; f++) {
      if (Double.isNaN(out[f]) || Double.isInfinite(out[f])) {
        out[f] = last;
      } else {
        last = out[f];
      }
    }
    return out;
  }

  /** Centred rolling mean and SD over 2·half + 1 frames (shorter at the ends), by prefix sums. */
  static double[][] rolling(double[] v, int half) {
    int n = v.length;
    double[] s = new double[n + 1];
    double[] s2 = new double[n + 1];
    for (int f = 0; f < n; f++) {
      s[f + 1] = s[f] + v[f];
      s2[f + 1] = s2[f] + v[f] * v[f];
    }
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int f = 0; f < n; f++) {
      int a = Math.max(0, f - half);
      int b = Math.min(n, f + half + 1);
      int c = b - a;
      double m = (s[b] - s[a]) / c;
      mean[f] = m;
      sd[f] = Math.sqrt(Math.max(0, (s2[b] - s2[a]) / c - m * m));
    }
    return new double[][] {mean, sd};
  }
}

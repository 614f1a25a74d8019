package org.labpose.analysis.kinematics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.filter.TrackFilters;
import org.labpose.core.SettingException;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Per-frame kinematics of one animal from a pose table, following the steps documented in {@link
 * KinematicsConfig}. Lengths are in the calibration's unit (px or cm), times in seconds, angles in
 * degrees. Headings are measured in world coordinates from +x towards +y (with the image's y-down
 * axis this is clockwise on screen), in (−180, 180].
 */
public final class Kinematics {
  private Kinematics() {}

  /** Names tried, in order, for the snout when the config does not name one. */
  public static final List<String> SNOUT_NAMES = List.of("snout", "nose", "head");
  /** Names tried, in order, for the tail base when the config does not name one. */
  public static final List<String> TAIL_BASE_NAMES = List.of("tailbase", "tail_base", "tail-base", "tailstart", "tail_start", "tail1");

  /**
   * Kinematics of {@code individual} ({@link KeypointId#SINGLE_ANIMAL} for single-animal data).
   *
   * @param fps frames per second of the video (positive)
   * @throws IllegalArgumentException when the individual, the reference bodypart or a named
   *     bodypart is not in the table; the message lists what is
   */
  public static AnimalKinematics compute(
      PoseTable t, String individual, double fps, Calibration cal, KinematicsConfig cfg) {
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new SettingException("fps", "must be positive, got " + fps);
    }
    List<String> parts = new ArrayList<>();
    for (KeypointId k : t.layout().keypoints()) {
      if (k.individual().equals(individual)) {
        parts.add(k.bodypart());
      }
    }
    if (parts.isEmpty()) {
      throw new SettingException("individual", "no individual '" + individual + "' in the predictions; individuals: " + t.layout().individuals());
    }
    int n = t.frameCount();
    int maxGap = (int) Math.floor(cfg.maxGapS() * fps + 1e-9);
    int window = cfg.smoothFrames(fps);
    Map<String, double[]> px = new LinkedHashMap<>();
    Map<String, double[]> py = new LinkedHashMap<>();
    Map<String, double[]> wx = new LinkedHashMap<>();
    Map<String, double[]> wy = new LinkedHashMap<>();
    for (String b : parts) {
      KeypointId k = new KeypointId(individual, b);
      double[][] xy = Confidence.presentSeries(t, k, cfg.pcutoff());
      double[] x = prepare(xy[0], maxGap, window);
      double[] y = prepare(xy[1], maxGap, window);
      px.put(b, x);
      py.put(b, y);
      double[] xw = x.clone();
      double[] yw = y.clone();
      cal.toWorldInPlace(xw, yw);
      wx.put(b, xw);
      wy.put(b, yw);
    }
    double[] refXPx;
    double[] refYPx;
    if (cfg.referenceBodypart() != null) {
      String r = require(parts, cfg.referenceBodypart(), "reference bodypart");
      refXPx = px.get(r);
      refYPx = py.get(r);
    } else {
      refXPx = centroid(px, n);
      refYPx = centroid(py, n);
    }
    double[] x = refXPx.clone();
    double[] y = refYPx.clone();
    cal.toWorldInPlace(x, y);
    double[] speed = new double[n];
    for (int f = 0; f < n; f++) {
      int a = Math.max(0, f - 1);
      int b = Math.min(n - 1, f + 1);
      speed[f] = b == a ? Double.NaN : Math.hypot(x[b] - x[a], y[b] - y[a]) * fps / (b - a);
    }
    double[] accel = derivative(speed, fps);
    String snout = cfg.snout() != null ? require(parts, cfg.snout(), "snout") : find(parts, SNOUT_NAMES);
    String tail = cfg.tailBase() != null ? require(parts, cfg.tailBase(), "tail base") : find(parts, TAIL_BASE_NAMES);
    double[] heading = nanArray(n);
    double[] angVel = nanArray(n);
    double[] bodyLength = nanArray(n);
    if (snout != null && tail != null) {
      double[] sx = wx.get(snout), sy = wy.get(snout), tx = wx.get(tail), ty = wy.get(tail);
      double[] unwrapped = new double[n];
      double offset = 0;
      double prev = Double.NaN;
      for (int f = 0; f < n; f++) {
        double dx = sx[f] - tx[f];
        double dy = sy[f] - ty[f];
        bodyLength[f] = Math.hypot(dx, dy);
        double h = Math.toDegrees(Math.atan2(dy, dx));
        heading[f] = h == -180 ? 180 : h;
        if (!Double.isNaN(h) && !Double.isNaN(prev)) {
          double d = h - prev;
          if (d > 180) {
            offset -= 360;
          } else if (d < -180) {
            offset += 360;
          }
        }
        unwrapped[f] = Double.isNaN(h) ? Double.NaN : h + offset;
        if (!Double.isNaN(h)) {
          prev = h;
        }
      }
      angVel = derivative(unwrapped, fps);
    }
    double[] hull = hullAreas(wx, wy, n);
    Map<String, double[]> dist = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      for (int j = i + 1; j < parts.size(); j++) {
        double[] ax = wx.get(parts.get(i)), ay = wy.get(parts.get(i));
        double[] bx = wx.get(parts.get(j)), by = wy.get(parts.get(j));
        double[] d = new double[n];
        for (int f = 0; f < n; f++) {
          d[f] = Math.hypot(ax[f] - bx[f], ay[f] - by[f]);
        }
        dist.put(parts.get(i) + "_" + parts.get(j), d);
      }
    }
    Map<String, double[]> angles = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : cfg.angles().entrySet()) {
      String a = require(parts, e.getValue().get(0), "angle '" + e.getKey() + "'");
      String b = require(parts, e.getValue().get(1), "angle '" + e.getKey() + "'");
      String c = require(parts, e.getValue().get(2), "angle '" + e.getKey() + "'");
      double[] v = new double[n];
      for (int f = 0; f < n; f++) {
        double ux = wx.get(a)[f] - wx.get(b)[f], uy = wy.get(a)[f] - wy.get(b)[f];
        double vx = wx.get(c)[f] - wx.get(b)[f], vy = wy.get(c)[f] - wy.get(b)[f];
        v[f] = Math.toDegrees(Math.atan2(Math.abs(ux * vy - uy * vx), ux * vx + uy * vy));
      }
      angles.put(e.getKey(), v);
    }
    return new AnimalKinematics(individual, fps, cal.unit(), parts, px, py, wx, wy, refXPx, refYPx, x, y,
        speed, accel, heading, angVel, bodyLength, hull, dist, angles, snout, tail);
  }

  private static double[] prepare(double[] v, int maxGap, int window) {
    double[] out = maxGap > 0 ? TrackFilters.interpolate(v, maxGap) : v;
    return window > 1 ? TrackFilters.savgol(out, window, 2) : out;
  }

  private static double[] centroid(Map<String, double[]> series, int n) {
    double[] sum = new double[n];
    int[] count = new int[n];
    for (double[] s : series.values()) {
      for (int f = 0; f < n; f++) {
        if (!Double.isNaN(s[f])) {
          sum[f] += s[f];
          count[f]++;
        }
      }
    }
    for (int f = 0; f < n; f++) {
      sum[f] = count[f] == 0 ? Double.NaN : sum[f] / count[f];
    }
    return sum;
  }

  /** Central difference × fps; one-sided at the ends and next to missing values. */
  static double[] derivative(double[] v, double fps) {
    int n = v.length;
    double[] d = new double[n];
    for (int f = 0; f < n; f++) {
      int a = f > 0 && !Double.isNaN(v[f - 1]) ? f - 1 : f;
      int b = f < n - 1 && !Double.isNaN(v[f + 1]) ? f + 1 : f;
      d[f] = b == a ? Double.NaN : (v[b] - v[a]) * fps / (b - a);
    }
    return d;
  }

  private static double[] hullAreas(Map<String, double[]> wx, Map<String, double[]> wy, int n) {
    List<double[]> xs = new ArrayList<>(wx.values());
    List<double[]> ys = new ArrayList<>(wy.values());
    int m = xs.size();
    double[] area = nanArray(n);
    if (m < 3) {
      return area;
    }
    double[] px = new double[m];
    double[] py = new double[m];
    for (int f = 0; f < n; f++) {
      int k = 0;
      for (int j = 0; j < m; j++) {
        double x = xs.get(j)[f];
        double y = ys.get(j)[f];
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
          px[k] = x;
          py[k] = y;
          k++;
        }
      }
      if (k >= 3) {
        area[f] = Geometry.convexHullArea(px, py, k);
      }
    }
    return area;
  }

  private static double[] nanArray(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  private static String find(List<String> parts, List<String> names) {
    for (String want : names) {
      for (String p : parts) {
        if (p.toLowerCase(Locale.ROOT).equals(want)) {
          return p;
        }
      }
    }
    return null;
  }

  private static String require(List<String> parts, String name, String role) {
    if (!parts.contains(name)) {
      throw new SettingException(role, "'" + name + "' is not a bodypart of the predictions; bodyparts: " + parts);
    }
    return name;
  }
}

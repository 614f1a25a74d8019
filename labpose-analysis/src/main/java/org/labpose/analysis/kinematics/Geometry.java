package org.labpose.analysis.kinematics;

import java.util.Arrays;

/** Small planar geometry helpers (any consistent unit). */
public final class Geometry {
  private Geometry() {}

  /** Area of the convex hull of the first {@code k} points (Andrew's monotone chain). */
  public static double convexHullArea(double[] x, double[] y, int k) {
    if (k < 3) {
      return 0;
    }
    Integer[] idx = new Integer[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
    int[] hull = new int[2 * k];
    int h = 0;
    for (int i = 0; i < k; i++) {
      while (h >= 2 && cross(x, y, hull[h - 2], hull[h - 1], idx[i]) <= 0) {
        h--;
      }
      hull[h++] = idx[i];
    }
    for (int i = k - 2, lower = h + 1; i >= 0; i--) {
      while (h >= lower && cross(x, y, hull[h - 2], hull[h - 1], idx[i]) <= 0) {
        h--;
      }
      hull[h++] = idx[i];
    }
    double a = 0;
    for (int i = 0; i < h - 1; i++) {
      a += x[hull[i]] * y[hull[i + 1]] - x[hull[i + 1]] * y[hull[i]];
    }
    return Math.abs(a) / 2;
  }

  private static double cross(double[] x, double[] y, int o, int a, int b) {
    return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  }

  /** Area of a simple polygon (shoelace), vertices in order. */
  public static double polygonArea(double[] x, double[] y) {
    double a = 0;
    for (int i = 0, j = x.length - 1; i < x.length; j = i++) {
      a += x[j] * y[i] - x[i] * y[j];
    }
    return Math.abs(a) / 2;
  }

  /** Even–odd point-in-polygon test; points on an edge may fall either way. */
  public static boolean inPolygon(double[] xs, double[] ys, double x, double y) {
    boolean in = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        in = !in;
      }
    }
    return in;
  }
}

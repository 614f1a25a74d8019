package org.labpose.analysis.zones;

import java.util.ArrayList;
import java.util.List;
import org.labpose.analysis.kinematics.Geometry;

/**
 * A named region of the image, in pixels (origin top-left, x right, y down). Zones generated from
 * an arena's real size are converted to pixel polygons when the zones file is read, so every zone
 * is tested in the image.
 */
public sealed interface Zone {
  /** The zone's name (a column suffix in the outputs). */
  String name();

  /** True when the pixel point lies inside; false for NaN. */
  boolean contains(double x, double y);

  /** Outer outlines for drawing, each {xs, ys} in pixels. */
  List<double[][]> outlines();

  /** Bounding box {minX, minY, maxX, maxY} in pixels. */
  default double[] bounds() {
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[][] o : outlines()) {
      for (int i = 0; i < o[0].length; i++) {
        b[0] = Math.min(b[0], o[0][i]);
        b[1] = Math.min(b[1], o[1][i]);
        b[2] = Math.max(b[2], o[0][i]);
        b[3] = Math.max(b[3], o[1][i]);
      }
    }
    return b;
  }

  /** An axis-aligned rectangle: top-left corner (x, y), width and height, pixels. */
  record Rectangle(String name, double x, double y, double width, double height) implements Zone {
    public Rectangle {
      if (!(width > 0) || !(height > 0)) {
        throw new IllegalArgumentException("rectangle '" + name + "' needs a positive width and height, got " + width + " × " + height);
      }
    }

    @Override
    public boolean contains(double px, double py) {
      return px >= x && px < x + width && py >= y && py < y + height;
    }

    @Override
    public List<double[][]> outlines() {
      return List.<double[][]>of(new double[][] {{x, x + width, x + width, x}, {y, y, y + height, y + height}});
    }
  }

  /** A circle: centre (cx, cy) and radius, pixels. */
  record Circle(String name, double cx, double cy, double radius) implements Zone {
    public Circle {
      if (!(radius > 0)) {
        throw new IllegalArgumentException("circle '" + name + "' needs a positive radius, got " + radius);
      }
    }

    @Override
    public boolean contains(double px, double py) {
      double dx = px - cx;
      double dy = py - cy;
      return dx * dx + dy * dy <= radius * radius;
    }

    @Override
    public List<double[][]> outlines() {
      int n = 72;
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        xs[i] = cx + radius * Math.cos(2 * Math.PI * i / n);
        ys[i] = cy + radius * Math.sin(2 * Math.PI * i / n);
      }
      return List.<double[][]>of(new double[][] {xs, ys});
    }
  }

  /** A simple polygon, vertices in order, pixels. */
  record Polygon(String name, double[] xs, double[] ys) implements Zone {
    public Polygon {
      if (xs.length != ys.length || xs.length < 3) {
        throw new IllegalArgumentException("polygon '" + name + "' needs at least 3 points [x, y], got " + xs.length);
      }
      if (!(Geometry.polygonArea(xs, ys) > 0)) {
        throw new IllegalArgumentException("polygon '" + name + "' has no area (all points on a line?)");
      }
      xs = xs.clone();
      ys = ys.clone();
    }

    @Override
    public boolean contains(double px, double py) {
      return Geometry.inPolygon(xs, ys, px, py);
    }

    @Override
    public List<double[][]> outlines() {
      return List.<double[][]>of(new double[][] {xs.clone(), ys.clone()});
    }
  }

  /** Points inside any of the parts. */
  record Union(String name, List<Zone> parts) implements Zone {
    public Union {
      parts = List.copyOf(parts);
    }

    @Override
    public boolean contains(double px, double py) {
      for (Zone z : parts) {
        if (z.contains(px, py)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public List<double[][]> outlines() {
      List<double[][]> o = new ArrayList<>();
      for (Zone z : parts) {
        o.addAll(z.outlines());
      }
      return o;
    }
  }

  /** Points inside {@code outer} and not inside {@code hole} (e.g. the periphery of an arena). */
  record Difference(String name, Zone outer, Zone hole) implements Zone {
    @Override
    public boolean contains(double px, double py) {
      return outer.contains(px, py) && !hole.contains(px, py);
    }

    @Override
    public List<double[][]> outlines() {
      List<double[][]> o = new ArrayList<>(outer.outlines());
      o.addAll(hole.outlines());
      return o;
    }
  }
}

package org.labpose.analysis.kinematics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-frame kinematics of one animal ({@link Kinematics#compute}). Arrays have one value per frame
 * (NaN where the animal was not seen); positions and lengths are in {@link #unit()} (px or cm, world
 * coordinates: origin top-left of the image, or of the arena when calibrated by its corners, x
 * right, y down), speeds in unit/s, accelerations in unit/s², angles in degrees, angular velocities
 * in degrees/s, areas in unit². Arrays are shared, not copied: do not modify them.
 */
public final class AnimalKinematics {
  private final String individual;
  private final double fps;
  private final String unit;
  private final List<String> bodyparts;
  private final Map<String, double[]> partXPx, partYPx, partX, partY;
  private final double[] xPx, yPx, x, y, speed, acceleration, heading, angularVelocity, bodyLength, hullArea;
  private final Map<String, double[]> distances;
  private final Map<String, double[]> angles;
  private final String snout, tailBase;

  AnimalKinematics(String individual, double fps, String unit, List<String> bodyparts,
      Map<String, double[]> partXPx, Map<String, double[]> partYPx, Map<String, double[]> partX, Map<String, double[]> partY,
      double[] xPx, double[] yPx, double[] x, double[] y, double[] speed, double[] acceleration, double[] heading,
      double[] angularVelocity, double[] bodyLength, double[] hullArea, Map<String, double[]> distances,
      Map<String, double[]> angles, String snout, String tailBase) {
    this.individual = individual;
    this.fps = fps;
    this.unit = unit;
    this.bodyparts = List.copyOf(bodyparts);
    this.partXPx = Collections.unmodifiableMap(partXPx);
    this.partYPx = Collections.unmodifiableMap(partYPx);
    this.partX = Collections.unmodifiableMap(partX);
    this.partY = Collections.unmodifiableMap(partY);
    this.xPx = xPx;
    this.yPx = yPx;
    this.x = x;
    this.y = y;
    this.speed = speed;
    this.acceleration = acceleration;
    this.heading = heading;
    this.angularVelocity = angularVelocity;
    this.bodyLength = bodyLength;
    this.hullArea = hullArea;
    this.distances = Collections.unmodifiableMap(distances);
    this.angles = Collections.unmodifiableMap(angles);
    this.snout = snout;
    this.tailBase = tailBase;
  }

  public String individual() {
    return individual;
  }

  /** Frames per second. */
  public double fps() {
    return fps;
  }

  /** "px" or "cm". */
  public String unit() {
    return unit;
  }

  public int frameCount() {
    return x.length;
  }

  public List<String> bodyparts() {
    return bodyparts;
  }

  /** A bodypart's smoothed x in image pixels. */
  public double[] partXPx(String b) {
    return partXPx.get(b);
  }

  /** A bodypart's smoothed y in image pixels. */
  public double[] partYPx(String b) {
    return partYPx.get(b);
  }

  /** A bodypart's smoothed x in world units. */
  public double[] partX(String b) {
    return partX.get(b);
  }

  /** A bodypart's smoothed y in world units. */
  public double[] partY(String b) {
    return partY.get(b);
  }

  /** The animal's position (reference bodypart or centroid) in image pixels, x. */
  public double[] xPx() {
    return xPx;
  }

  /** The animal's position in image pixels, y. */
  public double[] yPx() {
    return yPx;
  }

  /** The animal's position in world units, x. */
  public double[] x() {
    return x;
  }

  /** The animal's position in world units, y. */
  public double[] y() {
    return y;
  }

  /** Speed of the position, unit/s. */
  public double[] speed() {
    return speed;
  }

  /** Rate of change of speed, unit/s². */
  public double[] acceleration() {
    return acceleration;
  }

  /** Tail base → snout direction, degrees; all NaN without both bodyparts. */
  public double[] heading() {
    return heading;
  }

  /** Rate of change of heading, degrees/s (positive = clockwise on screen). */
  public double[] angularVelocity() {
    return angularVelocity;
  }

  /** Tail base to snout distance, unit; all NaN without both bodyparts. */
  public double[] bodyLength() {
    return bodyLength;
  }

  /** Area of the convex hull of the bodyparts seen in the frame (at least 3), unit². */
  public double[] hullArea() {
    return hullArea;
  }

  /** Distance of every bodypart pair, keyed {@code a_b}, unit. */
  public Map<String, double[]> distances() {
    return distances;
  }

  /** The configured named angles, degrees in [0, 180]. */
  public Map<String, double[]> angles() {
    return angles;
  }

  /** The snout bodypart used for heading, or null. */
  public String snout() {
    return snout;
  }

  /** The tail-base bodypart used for heading, or null. */
  public String tailBase() {
    return tailBase;
  }

  /** True when heading and body length are available. */
  public boolean hasHeading() {
    return snout != null && tailBase != null;
  }

  /** Total path length of the position, unit: the sum of steps between consecutive seen frames. */
  public double distanceTravelled() {
    double d = 0;
    for (int f = 1; f < x.length; f++) {
      double s = Math.hypot(x[f] - x[f - 1], y[f] - y[f - 1]);
      if (!Double.isNaN(s)) {
        d += s;
      }
    }
    return d;
  }


  /**
   * The per-frame columns, in a fixed order, named with their unit: position, speed,
   * acceleration, heading, angular velocity, body length, hull area, distances and angles.
   */
  public Map<String, double[]> columns() {
    Map<String, double[]> c = new LinkedHashMap<>();
    c.put("x_px", xPx);
    c.put("y_px", yPx);
    if (!unit.equals("px")) {
      c.put("x_" + unit, x);
      c.put("y_" + unit, y);
    }
    c.put("speed_" + unit + "_s", speed);
    c.put("acceleration_" + unit + "_s2", acceleration);
    if (hasHeading()) {
      c.put("heading_deg", heading);
      c.put("angular_velocity_deg_s", angularVelocity);
      c.put("body_length_" + unit, bodyLength);
    }
    c.put("hull_area_" + unit + "2", hullArea);
    for (Map.Entry<String, double[]> e : distances.entrySet()) {
      c.put("dist_" + e.getKey() + "_" + unit, e.getValue());
    }
    for (Map.Entry<String, double[]> e : angles.entrySet()) {
      c.put("angle_" + e.getKey() + "_deg", e.getValue());
    }
    return c;
  }
}

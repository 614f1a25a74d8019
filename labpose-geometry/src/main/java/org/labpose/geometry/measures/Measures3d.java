package org.labpose.geometry.measures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.labpose.core.model.KeypointId;
import org.labpose.geometry.triangulation.Poses3d;

/**
 * Measures of 3D poses that a top view flattens: per keypoint the path length and speeds in 3D,
 * and its height above a floor plane fitted to chosen bodyparts (e.g. the paws: the plane through
 * their lowest points: a least-squares plane refitted to the points on or under it until they stop
 * changing, its normal toward the body's centroid); rearing
 * as the time a chosen bodypart spends higher than a threshold. Lengths in the calibration's units
 * (mm for a board measured in mm), times in s, speeds in units/s.
 */
public final class Measures3d {
  private Measures3d() {}

  /** A plane: unit normal n and offset d with n · x + d = height of x above it. */
  public record Plane(double[] normal, double offset) {
    public double height(double[] x) {
      return normal[0] * x[0] + normal[1] * x[1] + normal[2] * x[2] + offset;
    }
  }

  /** One keypoint's figures; NaN where it has too few points. */
  public record Keypoint(KeypointId keypoint, int frames, double pathLength, double meanSpeed, double maxSpeed, double medianHeight,
      double maxHeight) {}

  /** All keypoints, the floor, and the rearing time (s; NaN when no rearing bodypart was given). */
  public record Summary(Plane floor, List<Keypoint> keypoints, double rearingSeconds) {}

  /**
   * Fits the floor to the points of {@code bodyparts} (every individual's): a plane through all of
   * them, then refitted to those on or under it until that set stops changing.
   *
   * @throws IllegalArgumentException when fewer than 3 points are found or they lie on a line
   */
  public static Plane floor(Poses3d.Table t, List<String> bodyparts) {
    List<double[]> pts = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    List<KeypointId> keys = t.layout().keypoints();
    for (int f = 0; f < t.frames(); f++) {
      for (int k = 0; k < keys.size(); k++) {
        double[] p = t.xyz()[f][k];
        if (!Double.isNaN(p[0])) {
          all.add(p);
          if (bodyparts.contains(keys.get(k).bodypart())) {
            pts.add(p);
          }
        }
      }
    }
    if (pts.size() < 3) {
      throw new IllegalArgumentException("the floor needs 3 or more 3D points of " + bodyparts + ", found " + pts.size());
    }
    Plane plane = fit(pts, all);
    // refit to the points on or under the plane until the set stops changing (lifted paws leave it)
    List<double[]> used = pts;
    for (int round = 0; round < 20; round++) {
      Plane current = plane;
      List<double[]> low = pts.stream().filter(p -> current.height(p) <= 1e-9).toList();
      if (low.size() < 3 || low.size() == used.size()) {
        break;
      }
      try {
        plane = fit(low, all);
        used = low;
      } catch (IllegalArgumentException e) {
        break;
      }
    }
    return plane;
  }

  private static Plane fit(List<double[]> pts, List<double[]> body) {
    double[] c = new double[3];
    for (double[] p : pts) {
      for (int j = 0; j < 3; j++) {
        c[j] += p[j] / pts.size();
      }
    }
    double[][] cov = new double[3][3];
    for (double[] p : pts) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          cov[i][j] += (p[i] - c[i]) * (p[j] - c[j]);
        }
      }
    }
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(cov));
    double[] values = e.getRealEigenvalues();
    int smallest = 0;
    for (int i = 1; i < 3; i++) {
      if (values[i] < values[smallest]) {
        smallest = i;
      }
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted[1] <= 1e-12 * Math.max(1, sorted[2])) {
      throw new IllegalArgumentException("the floor's points lie on a line: they fix no plane");
    }
    double[] n = e.getEigenvector(smallest).toArray();
    double d = -(n[0] * c[0] + n[1] * c[1] + n[2] * c[2]);
    // the body is above the floor: its centroid on the positive side
    double side = 0;
    for (double[] p : body) {
      side += n[0] * p[0] + n[1] * p[1] + n[2] * p[2] + d;
    }
    return side >= 0 ? new Plane(n, d) : new Plane(new double[] {-n[0], -n[1], -n[2]}, -d);
  }

  /**
   * Path lengths, speeds and heights of every keypoint, and the rearing time.
   *
   * @param fps frames per second
   * @param rearing the bodypart whose height measures rearing (null: none)
   * @param rearingHeight height above the floor from which it counts as rearing
   */
  public static Summary summarise(Poses3d.Table t, double fps, Plane floor, String rearing, double rearingHeight) {
    List<KeypointId> keys = t.layout().keypoints();
    List<Keypoint> out = new ArrayList<>();
    Map<String, Integer> rearingFrames = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      int seen = 0;
      double path = 0;
      double maxSpeed = Double.NaN;
      double speedSum = 0;
      int speeds = 0;
      List<Double> heights = new ArrayList<>();
      double[] prev = null;
      for (int f = 0; f < t.frames(); f++) {
        double[] p = t.xyz()[f][k];
        if (Double.isNaN(p[0])) {
          prev = null;
          continue;
        }
        seen++;
        heights.add(floor.height(p));
        if (prev != null) {
          double step = Math.sqrt(Math.pow(p[0] - prev[0], 2) + Math.pow(p[1] - prev[1], 2) + Math.pow(p[2] - prev[2], 2));
          path += step;
          double v = step * fps;
          speedSum += v;
          speeds++;
          maxSpeed = Double.isNaN(maxSpeed) ? v : Math.max(maxSpeed, v);
        }
        prev = p;
        if (rearing != null && keys.get(k).bodypart().equals(rearing) && floor.height(p) > rearingHeight) {
          rearingFrames.merge(keys.get(k).individual() == null ? "" : keys.get(k).individual(), 1, Integer::sum);
        }
      }
      double[] h = heights.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      out.add(new Keypoint(keys.get(k), seen, seen > 1 ? path : Double.NaN, speeds > 0 ? speedSum / speeds : Double.NaN, maxSpeed,
          h.length > 0 ? h[h.length / 2] : Double.NaN, h.length > 0 ? h[h.length - 1] : Double.NaN));
    }
    double rear = rearing == null ? Double.NaN : rearingFrames.values().stream().mapToInt(Integer::intValue).max().orElse(0) / fps;
    return new Summary(floor, out, rear);
  }

  /**
   * A top view of a 3D table for the 2D assays: every keypoint dropped onto the floor (its foot on the plane) and
   * seen by a calibrated camera, so that zones drawn on that camera's image (and its arena calibration) apply to
   * where the animal stands; and every keypoint's height above the floor, so that rearing is a height.
   *
   * @param camera a camera of the table's calibration
   * @return the floor points in the camera's image (px, likelihood 1 where triangulated) and the heights
   *     {@code [frame][keypoint]} in the table's units, NaN where not triangulated
   */
  public static TopView topView(Poses3d.Table t, Plane floor, org.labpose.geometry.calibration.CameraModel camera) {
    org.labpose.geometry.triangulation.Projection p = new org.labpose.geometry.triangulation.Projection(camera);
    List<KeypointId> keys = t.layout().keypoints();
    org.labpose.core.model.PoseTable px = new org.labpose.core.model.PoseTable(t.scorer(), t.layout(), t.frames());
    double[][] heights = new double[t.frames()][keys.size()];
    double[] n = floor.normal();
    for (int f = 0; f < t.frames(); f++) {
      for (int k = 0; k < keys.size(); k++) {
        double[] x = t.xyz()[f][k];
        if (Double.isNaN(x[0])) {
          heights[f][k] = Double.NaN;
          continue;
        }
        double h = floor.height(x);
        heights[f][k] = h;
        double[] uv = p.project(new double[] {x[0] - h * n[0], x[1] - h * n[1], x[2] - h * n[2]});
        if (!Double.isNaN(uv[0])) {
          px.set(f, keys.get(k), uv[0], uv[1], 1.0);
        }
      }
    }
    return new TopView(px, heights);
  }

  /** See {@link #topView}. */
  public record TopView(org.labpose.core.model.PoseTable floorPoints, double[][] heights) {}

  /**
   * A table in the floor frame ({@link #align}) as a 2D table seen from straight above: x and y on the floor (the
   * table's units, likelihood 1 where triangulated) and z, the height above the floor, beside it.
   */
  public static TopView overhead(Poses3d.Table aligned) {
    List<KeypointId> keys = aligned.layout().keypoints();
    org.labpose.core.model.PoseTable xy = new org.labpose.core.model.PoseTable(aligned.scorer(), aligned.layout(), aligned.frames());
    double[][] z = new double[aligned.frames()][keys.size()];
    for (int f = 0; f < aligned.frames(); f++) {
      for (int k = 0; k < keys.size(); k++) {
        double[] q = aligned.xyz()[f][k];
        z[f][k] = q[2];
        if (!Double.isNaN(q[0])) {
          xy.set(f, keys.get(k), q[0], q[1], 1.0);
        }
      }
    }
    return new TopView(xy, z);
  }

  /**
   * A frame on the floor: origin the floor point right below the first camera (the foot of the perpendicular from
   * the calibration's origin), z up along the floor's normal (so z is the height above the floor), x along the
   * first camera's image x laid on the floor, y = z × x. Units those of the calibration.
   */
  public record FloorFrame(double[] origin, double[] x, double[] y, double[] z) {
    /** A point of the calibration's world in this frame. */
    public double[] apply(double[] p) {
      double[] d = {p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]};
      return new double[] {dot(x, d), dot(y, d), dot(z, d)};
    }

    private static double dot(double[] a, double[] b) {
      return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
  }

  /** The floor frame of a floor plane (see {@link FloorFrame}). */
  public static FloorFrame floorFrame(Plane floor) {
    double[] n = floor.normal();
    double[] origin = {-floor.offset() * n[0], -floor.offset() * n[1], -floor.offset() * n[2]};
    double[] x = {1 - n[0] * n[0], -n[0] * n[1], -n[0] * n[2]};
    double len = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    if (len < 1e-6) {
      // the camera's x axis stands straight up from the floor: lay its y axis instead
      x = new double[] {-n[1] * n[0], 1 - n[1] * n[1], -n[1] * n[2]};
      len = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    }
    x = new double[] {x[0] / len, x[1] / len, x[2] / len};
    double[] y = org.labpose.geometry.Vec3.cross(n, x);
    return new FloorFrame(origin, x, y, n.clone());
  }

  /** The table in the floor frame (the errors and views kept). */
  public static Poses3d.Table align(Poses3d.Table t, FloorFrame frame) {
    double[][][] xyz = new double[t.frames()][][];
    for (int f = 0; f < t.frames(); f++) {
      xyz[f] = new double[t.xyz()[f].length][];
      for (int k = 0; k < xyz[f].length; k++) {
        double[] p = t.xyz()[f][k];
        xyz[f][k] = Double.isNaN(p[0]) ? p.clone() : frame.apply(p);
      }
    }
    return new Poses3d.Table(t.scorer(), t.layout(), xyz, t.error(), t.cameras());
  }

  /**
   * The angle at {@code b} between the segments to {@code a} and to {@code c}, in degrees (0 to 180), per frame,
   * for one individual's bodyparts; NaN where one of the three is missing.
   */
  public static double[] angle(Poses3d.Table t, String individual, String a, String b, String c) {
    List<KeypointId> keys = t.layout().keypoints();
    int ia = keys.indexOf(new KeypointId(individual, a));
    int ib = keys.indexOf(new KeypointId(individual, b));
    int ic = keys.indexOf(new KeypointId(individual, c));
    if (ia < 0 || ib < 0 || ic < 0) {
      throw new IllegalArgumentException("angle " + a + "," + b + "," + c + ": the table has no " + (ia < 0 ? a : ib < 0 ? b : c)
          + (individual.isEmpty() ? "" : " for " + individual));
    }
    double[] out = new double[t.frames()];
    for (int f = 0; f < t.frames(); f++) {
      double[] pa = t.xyz()[f][ia];
      double[] pb = t.xyz()[f][ib];
      double[] pc = t.xyz()[f][ic];
      double[] u = {pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]};
      double[] v = {pc[0] - pb[0], pc[1] - pb[1], pc[2] - pb[2]};
      double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
      double nv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (nu * nv);
      out[f] = Double.isFinite(cos) ? Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos)))) : Double.NaN;
    }
    return out;
  }
}

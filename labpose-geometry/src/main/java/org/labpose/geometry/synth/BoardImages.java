package org.labpose.geometry.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.calibration.Board;
import org.labpose.geometry.triangulation.Projection;
import org.labpose.geometry.Vec3;

/**
 * Renders a calibration board as a calibrated camera sees it, lens distortion included: for every pixel
 * (2 × 2 samples) the ray through it is intersected with the board's plane and takes the board's shade
 * where it meets it ({@link Board#shade}: black squares and markers, white, grey beyond). Synthetic
 * calibration data with known answers. Board poses: its plane z = 0 in board coordinates (the frame of
 * {@link Board#objectPoints}), placed in the world by a rotation and translation.
 */
public final class BoardImages {
  private BoardImages() {}

  /** A board placement: world = R · board + t (R as a Rodrigues vector, t in world units). */
  public record Pose(double[] rotation, double[] translation) {}

  /** 8-bit grey pixels, row by row, {@code width × height}. */
  public static byte[] render(CameraModel cam, Board board, Pose pose) {
    return render(cam, rays(cam), board, pose);
  }

  /** The 2 × 2 sub-pixel samples' offsets from a pixel's centre, px. */
  private static final double[][] SAMPLES = {{-0.25, -0.25}, {0.25, -0.25}, {-0.25, 0.25}, {0.25, 0.25}};

  /**
   * Every sample's ray on the camera's normalised image plane (x/z, y/z, the lens undone): 2 values per sample,
   * {@link #SAMPLES} per pixel, row by row. Computing them once per camera makes each further image cheap.
   */
  public static double[] rays(CameraModel cam) {
    Projection p = new Projection(cam);
    double[] out = new double[cam.width() * cam.height() * SAMPLES.length * 2];
    int k = 0;
    for (int v = 0; v < cam.height(); v++) {
      for (int u = 0; u < cam.width(); u++) {
        for (double[] o : SAMPLES) {
          double[] ray = p.undistort(u + o[0], v + o[1]);
          out[k++] = ray[0];
          out[k++] = ray[1];
        }
      }
    }
    return out;
  }

  /** As {@link #render(CameraModel, Board, Pose)}, with the camera's {@link #rays}. */
  public static byte[] render(CameraModel cam, double[] rays, Board board, Pose pose) {
    Projection p = new Projection(cam);
    double[][] rb = Projection.rotation(pose.rotation());
    double[] tb = pose.translation();
    // the board plane in the camera frame: a point, and the two in-plane axes
    double[][] rc = Projection.rotation(cam.rotation());
    double[] origin = p.toCamera(tb);
    double[] ax = Vec3.mul(rc, new double[] {rb[0][0], rb[1][0], rb[2][0]});
    double[] ay = Vec3.mul(rc, new double[] {rb[0][1], rb[1][1], rb[2][1]});
    double[] n = Vec3.cross(ax, ay);
    byte[] out = new byte[cam.width() * cam.height()];
    int k = 0;
    for (int v = 0; v < cam.height(); v++) {
      for (int u = 0; u < cam.width(); u++) {
        double sum = 0;
        for (int o = 0; o < SAMPLES.length; o++) {
          double[] d = {rays[k++], rays[k++], 1};
          double denom = d[0] * n[0] + d[1] * n[1] + d[2] * n[2];
          double grey = 0.5;
          if (Math.abs(denom) > 1e-12) {
            double lambda = (origin[0] * n[0] + origin[1] * n[1] + origin[2] * n[2]) / denom;
            if (lambda > 0) {
              double[] q = {lambda * d[0] - origin[0], lambda * d[1] - origin[1], lambda * d[2] - origin[2]};
              double bx = q[0] * ax[0] + q[1] * ax[1] + q[2] * ax[2];
              double by = q[0] * ay[0] + q[1] * ay[1] + q[2] * ay[2];
              double shade = board.shade(bx, by);
              if (!Double.isNaN(shade)) {
                grey = 0.05 + 0.9 * shade;
              }
            }
          }
          sum += grey;
        }
        out[v * cam.width() + u] = (byte) Math.round(255 * sum / SAMPLES.length);
      }
    }
    return out;
  }

  /**
   * {@code n} seeded board poses in front of the cameras: the board's centre within {@code spread}
   * of the world origin (world units) at a height {@code z}, tilted up to {@code tilt} rad about
   * its axes, facing the direction {@code facing} (a unit vector in the world from the board toward
   * the cameras).
   */
  public static List<Pose> poses(Board board, int n, double spread, double z, double tilt, double[] facing, long seed) {
    return poses(board, n, new double[] {0, 0, z}, spread, tilt, facing, seed);
  }

  /**
   * {@code n} seeded board poses as {@link #poses(Board, int, double, double, double, double[], long)}, the board's centre
   * within {@code spread} of {@code centre} (world units; half of it along z).
   */
  public static List<Pose> poses(Board board, int n, double[] centre0, double spread, double tilt, double[] facing, long seed) {
    Random r = new Random(seed);
    List<Pose> out = new ArrayList<>();
    // base orientation: board normal (its +z) along -facing, so its front looks at the cameras
    double[] f = facing;
    double[] zb = {-f[0], -f[1], -f[2]};
    double[] up = Math.abs(zb[2]) > 0.9 ? new double[] {0, 1, 0} : new double[] {0, 0, 1};
    double[] xb = Vec3.unit(Vec3.cross(up, zb));
    double[] yb = Vec3.cross(zb, xb);
    double[][] base = {{xb[0], yb[0], zb[0]}, {xb[1], yb[1], zb[1]}, {xb[2], yb[2], zb[2]}};
    for (int i = 0; i < n; i++) {
      double[][] tiltR = Projection.rotation(new double[] {(r.nextDouble() * 2 - 1) * tilt, (r.nextDouble() * 2 - 1) * tilt,
          (r.nextDouble() * 2 - 1) * tilt});
      double[][] rot = Vec3.mul(base, tiltR);
      double[] mid = middle(board);
      double cx = mid[0];
      double cy = mid[1];
      double[] centre = {centre0[0] + (r.nextDouble() * 2 - 1) * spread, centre0[1] + (r.nextDouble() * 2 - 1) * spread,
          centre0[2] + (r.nextDouble() * 2 - 1) * spread / 2};
      double[] offset = Vec3.mul(rot, new double[] {cx, cy, 0});
      out.add(new Pose(Projection.rodrigues(rot), new double[] {centre[0] - offset[0], centre[1] - offset[1], centre[2] - offset[2]}));
    }
    return out;
  }

  /** The middle of the board's corners, square units. */
  private static double[] middle(Board board) {
    double[] m = new double[2];
    double[][] p = board.objectPoints();
    for (double[] q : p) {
      m[0] += q[0] / p.length;
      m[1] += q[1] / p.length;
    }
    return m;
  }
}

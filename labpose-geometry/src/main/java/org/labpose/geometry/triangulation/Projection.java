package org.labpose.geometry.triangulation;

import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.Vec3;

/**
 * A camera's projection, in plain Java, with OpenCV's lens models (the ones calibration fits): a world
 * point X goes to the camera frame as {@code R X + t}, to the normalised image plane by dividing by
 * z, is distorted (pinhole: radial k1 k2 k3, tangential p1 p2; fisheye: the ray's angle θ from the axis
 * mapped to θ (1 + k1 θ² + k2 θ⁴ + k3 θ⁶ + k4 θ⁸)) and mapped to pixels by the camera matrix.
 * Pixels: origin the centre of the top-left pixel, x right, y down.
 */
public final class Projection {
  private final CameraModel camera;
  private final double[][] r;

  public Projection(CameraModel camera) {
    this.camera = camera;
    this.r = rotation(camera.rotation());
  }

  public CameraModel camera() {
    return camera;
  }

  /** Rotation matrix of a Rodrigues vector (rad). */
  public static double[][] rotation(double[] v) {
    double th = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (th < 1e-15) {
      return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }
    double x = v[0] / th;
    double y = v[1] / th;
    double z = v[2] / th;
    double c = Math.cos(th);
    double s = Math.sin(th);
    double k = 1 - c;
    return new double[][] {
        {c + x * x * k, x * y * k - z * s, x * z * k + y * s},
        {y * x * k + z * s, c + y * y * k, y * z * k - x * s},
        {z * x * k - y * s, z * y * k + x * s, c + z * z * k}};
  }

  /** Rodrigues vector (rad) of a rotation matrix. */
  public static double[] rodrigues(double[][] m) {
    double cos = Math.max(-1, Math.min(1, (m[0][0] + m[1][1] + m[2][2] - 1) / 2));
    double th = Math.acos(cos);
    if (th < 1e-12) {
      return new double[3];
    }
    if (Math.PI - th < 1e-6) {
      // near 180 degrees: the axis from the diagonal
      double x = Math.sqrt(Math.max(0, (m[0][0] + 1) / 2));
      double y = Math.sqrt(Math.max(0, (m[1][1] + 1) / 2)) * (m[0][1] >= 0 ? 1 : -1);
      double z = Math.sqrt(Math.max(0, (m[2][2] + 1) / 2)) * (m[0][2] >= 0 ? 1 : -1);
      double n = Math.sqrt(x * x + y * y + z * z);
      return new double[] {th * x / n, th * y / n, th * z / n};
    }
    double s = 2 * Math.sin(th);
    return new double[] {th * (m[2][1] - m[1][2]) / s, th * (m[0][2] - m[2][0]) / s, th * (m[1][0] - m[0][1]) / s};
  }

  /**
   * The pose of a camera at {@code position} looking at {@code target} with the world's {@code up}
   * appearing upward in the image: {rotation (Rodrigues), translation}.
   */
  public static double[][] lookAt(double[] position, double[] target, double[] up) {
    double[] f = Vec3.unit(new double[] {target[0] - position[0], target[1] - position[1], target[2] - position[2]});
    double[] x = Vec3.unit(Vec3.cross(f, up));
    double[] y = Vec3.cross(f, x);
    double[][] r = {x, y, f};
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = -(r[i][0] * position[0] + r[i][1] * position[1] + r[i][2] * position[2]);
    }
    return new double[][] {rodrigues(r), t};
  }

  /** The point in this camera's frame (its z: depth along the optical axis, world units). */
  public double[] toCamera(double[] world) {
    double[] t = camera.translation();
    return new double[] {
        r[0][0] * world[0] + r[0][1] * world[1] + r[0][2] * world[2] + t[0],
        r[1][0] * world[0] + r[1][1] * world[1] + r[1][2] * world[2] + t[1],
        r[2][0] * world[0] + r[2][1] * world[1] + r[2][2] * world[2] + t[2]};
  }

  /** The pixel where a world point is seen (NaN for a point behind the camera). */
  public double[] project(double[] world) {
    double[] c = toCamera(world);
    if (!(c[2] > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return distortAndMap(c[0] / c[2], c[1] / c[2]);
  }

  /** Pixel of a point on the normalised image plane (x/z, y/z). */
  public double[] distortAndMap(double x, double y) {
    double[] d = camera.distortion();
    if (camera.fisheye()) {
      double r = Math.sqrt(x * x + y * y);
      double scale = 1;
      if (r > 1e-15) {
        double th = Math.atan(r);
        double t2 = th * th;
        double thd = th * (1 + t2 * (d[0] + t2 * (d[1] + t2 * (d[2] + t2 * d[3]))));
        scale = thd / r;
      }
      double[][] k = camera.matrix();
      double xd = x * scale;
      double yd = y * scale;
      return new double[] {k[0][0] * xd + k[0][1] * yd + k[0][2], k[1][1] * yd + k[1][2]};
    }
    double r2 = x * x + y * y;
    double radial = 1 + d[0] * r2 + d[1] * r2 * r2 + d[4] * r2 * r2 * r2;
    double xd = x * radial + 2 * d[2] * x * y + d[3] * (r2 + 2 * x * x);
    double yd = y * radial + d[2] * (r2 + 2 * y * y) + 2 * d[3] * x * y;
    double[][] k = camera.matrix();
    return new double[] {k[0][0] * xd + k[0][1] * yd + k[0][2], k[1][1] * yd + k[1][2]};
  }

  /**
   * The normalised image-plane point (x/z, y/z) seen at a pixel: the lens model inverted by fixed-point
   * iteration (as OpenCV's undistortPoints), to 1e-12 or 50 rounds.
   */
  public double[] undistort(double u, double v) {
    double[][] k = camera.matrix();
    double[] d = camera.distortion();
    double yd = (v - k[1][2]) / k[1][1];
    double xd = (u - k[0][2] - k[0][1] * yd) / k[0][0];
    if (camera.fisheye()) {
      // θd = θ (1 + k1 θ² + ...): θ by Newton's method from θd, then the point at tan θ
      double thd = Math.sqrt(xd * xd + yd * yd);
      if (thd < 1e-15) {
        return new double[] {xd, yd};
      }
      double th = Math.min(thd, Math.PI / 2 - 1e-9);
      for (int i = 0; i < 50; i++) {
        double t2 = th * th;
        double f = th * (1 + t2 * (d[0] + t2 * (d[1] + t2 * (d[2] + t2 * d[3])))) - thd;
        double df = 1 + t2 * (3 * d[0] + t2 * (5 * d[1] + t2 * (7 * d[2] + t2 * 9 * d[3])));
        double next = th - f / df;
        if (Math.abs(next - th) < 1e-14) {
          th = next;
          break;
        }
        th = next;
      }
      double scale = Math.tan(th) / thd;
      return new double[] {xd * scale, yd * scale};
    }
    double x = xd;
    double y = yd;
    for (int i = 0; i < 50; i++) {
      double r2 = x * x + y * y;
      double radial = 1 + d[0] * r2 + d[1] * r2 * r2 + d[4] * r2 * r2 * r2;
      double dx = 2 * d[2] * x * y + d[3] * (r2 + 2 * x * x);
      double dy = d[2] * (r2 + 2 * y * y) + 2 * d[3] * x * y;
      double nx = (xd - dx) / radial;
      double ny = (yd - dy) / radial;
      if (Math.abs(nx - x) < 1e-12 && Math.abs(ny - y) < 1e-12) {
        return new double[] {nx, ny};
      }
      x = nx;
      y = ny;
    }
    return new double[] {x, y};
  }

  /** Row {@code i} of the rotation matrix. */
  double[] rotationRow(int i) {
    return r[i];
  }
}

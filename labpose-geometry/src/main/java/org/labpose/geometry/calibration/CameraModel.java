package org.labpose.geometry.calibration;

import java.util.Arrays;

/**
 * A calibrated camera: pinhole intrinsics with radial and tangential distortion (OpenCV's and
 * anipose's model), and its pose in the world. Image coordinates in pixels, origin at the centre of
 * the top-left pixel, x right, y down. The world is the first camera's frame unless said otherwise
 * (x right, y down, z forward, along its optical axis), in the units of the board's square (e.g.
 * mm); a world point X is seen at {@code R X + t} in this camera's frame.
 *
 * @param name the camera's name (as in anipose's {@code calibration.toml})
 * @param width image width, px
 * @param height image height, px
 * @param matrix 3 × 3 camera matrix: fx, 0, cx / 0, fy, cy / 0, 0, 1 (px)
 * @param distortion k1, k2, p1, p2, k3
 * @param rotation the world-to-camera rotation as a Rodrigues vector (rad)
 * @param translation the world-to-camera translation, square units
 * @param fisheye OpenCV's (and anipose's) fisheye model for wide lenses instead of the pinhole one: the
 *     angle θ of a ray from the optical axis becomes θ (1 + k1 θ² + k2 θ⁴ + k3 θ⁶ + k4 θ⁸) on the
 *     image plane; {@code distortion} then holds k1, k2, k3, k4 and a 0
 */
public record CameraModel(String name, int width, int height, double[][] matrix, double[] distortion, double[] rotation, double[] translation,
    boolean fisheye) {
  public CameraModel {
    if (matrix.length != 3 || Arrays.stream(matrix).anyMatch(r -> r.length != 3)) {
      throw new IllegalArgumentException("camera " + name + ": the matrix must be 3 x 3");
    }
    if (distortion.length != 5 || rotation.length != 3 || translation.length != 3) {
      throw new IllegalArgumentException("camera " + name + ": expected 5 distortion coefficients, a 3-vector rotation and translation");
    }
    if (fisheye && distortion[4] != 0) {
      throw new IllegalArgumentException("camera " + name + ": a fisheye camera has 4 distortion coefficients (the fifth must be 0)");
    }
    matrix = Arrays.stream(matrix).map(double[]::clone).toArray(double[][]::new);
    distortion = distortion.clone();
    rotation = rotation.clone();
    translation = translation.clone();
  }

  /** A pinhole camera (radial k1 k2 k3 and tangential p1 p2 distortion). */
  public CameraModel(String name, int width, int height, double[][] matrix, double[] distortion, double[] rotation, double[] translation) {
    this(name, width, height, matrix, distortion, rotation, translation, false);
  }

  /** Focal length along x, px. */
  public double fx() {
    return matrix[0][0];
  }

  /** Focal length along y, px. */
  public double fy() {
    return matrix[1][1];
  }

  /** Principal point x, px. */
  public double cx() {
    return matrix[0][2];
  }

  /** Principal point y, px. */
  public double cy() {
    return matrix[1][2];
  }

  /** The camera's centre in the world: −Rᵀ t (the world's units). */
  public double[] centre() {
    double[][] r = org.labpose.geometry.triangulation.Projection.rotation(rotation);
    double[] t = translation;
    return new double[] {
        -(r[0][0] * t[0] + r[1][0] * t[1] + r[2][0] * t[2]),
        -(r[0][1] * t[0] + r[1][1] * t[1] + r[2][1] * t[2]),
        -(r[0][2] * t[0] + r[1][2] * t[1] + r[2][2] * t[2])};
  }

  /** The same intrinsics at another pose. */
  public CameraModel withPose(double[] rotation, double[] translation) {
    return new CameraModel(name, width, height, matrix, distortion, rotation, translation, fisheye);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraModel c && c.name.equals(name) && c.width == width && c.height == height && Arrays.deepEquals(c.matrix, matrix)
        && Arrays.equals(c.distortion, distortion) && Arrays.equals(c.rotation, rotation) && Arrays.equals(c.translation, translation)
        && c.fisheye == fisheye;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.deepHashCode(matrix);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "CameraModel[%s %dx%d f=(%.2f, %.2f) c=(%.2f, %.2f)%s]", name, width, height, fx(), fy(), cx(), cy(),
        fisheye ? " fisheye" : "");
  }
}

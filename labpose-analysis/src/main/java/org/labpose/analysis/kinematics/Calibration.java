package org.labpose.analysis.kinematics;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Maps image pixels (origin top-left, x right, y down) to world units and back. Three kinds:
 * <ul>
 *   <li>{@link #pixels()}: no calibration; world = image, unit "px";
 *   <li>{@link #scale(double)}: a known number of pixels per cm for a camera looking straight down;
 *       world = image / px_per_cm, unit "cm", origin the image's top-left corner;
 *   <li>{@link #arena(double[][], double, double)}: the arena's four corners in the image and its
 *       real size; a homography (exact for a flat floor seen by a tilted camera), unit "cm", origin
 *       the arena's first corner, x along its first edge, y along its last edge.
 * </ul>
 * Immutable.
 */
public final class Calibration {
  private final String unit;
  private final double[] h; // image -> world, row-major 3x3
  private final double[] inv; // world -> image

  private Calibration(String unit, double[] h) {
    this.unit = unit;
    this.h = h;
    this.inv = invert(h);
  }

  /** No calibration: lengths in pixels. */
  public static Calibration pixels() {
    return new Calibration("px", new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  }

  /** A top-down camera with {@code pxPerCm} pixels per centimetre. */
  public static Calibration scale(double pxPerCm) {
    if (!(pxPerCm > 0) || Double.isInfinite(pxPerCm)) {
      throw new IllegalArgumentException("px_per_cm must be a positive number, got " + pxPerCm);
    }
    double s = 1 / pxPerCm;
    return new Calibration("cm", new double[] {s, 0, 0, 0, s, 0, 0, 0, 1});
  }

  /**
   * A homography from the arena's corners in the image to a {@code widthCm} × {@code heightCm}
   * rectangle.
   *
   * @param cornersPx four {x, y} image points in order: top-left, top-right, bottom-right,
   *     bottom-left of the arena (world (0, 0), (w, 0), (w, h), (0, h))
   */
  public static Calibration arena(double[][] cornersPx, double widthCm, double heightCm) {
    if (cornersPx.length != 4) {
      throw new IllegalArgumentException("the arena needs 4 corners (top-left, top-right, bottom-right, bottom-left), got " + cornersPx.length);
    }
    if (!(widthCm > 0) || !(heightCm > 0)) {
      throw new IllegalArgumentException("the arena's width_cm and height_cm must be positive, got " + widthCm + " × " + heightCm);
    }
    double[][] world = {{0, 0}, {widthCm, 0}, {widthCm, heightCm}, {0, heightCm}};
    return new Calibration("cm", homography(cornersPx, world));
  }

  /**
   * The homography taking {@code from[i]} to {@code to[i]} (four pairs, no three collinear), as a
   * row-major 3×3 array with h[8] = 1.
   */
  static double[] homography(double[][] from, double[][] to) {
    RealMatrix a = new Array2DRowRealMatrix(8, 8);
    double[] b = new double[8];
    for (int i = 0; i < 4; i++) {
      if (from[i].length != 2) {
        throw new IllegalArgumentException("corner " + (i + 1) + " must be [x, y], got " + Arrays.toString(from[i]));
      }
      double x = from[i][0];
      double y = from[i][1];
      double u = to[i][0];
      double v = to[i][1];
      a.setRow(2 * i, new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u});
      a.setRow(2 * i + 1, new double[] {0, 0, 0, x, y, 1, -x * v, -y * v});
      b[2 * i] = u;
      b[2 * i + 1] = v;
    }
    double[] s;
    try {
      s = new LUDecomposition(a, 1e-12).getSolver().solve(new ArrayRealVector(b)).toArray();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException("the arena corners are degenerate (three on one line?): " + Arrays.deepToString(from));
    }
    return new double[] {s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], 1};
  }

  private static double[] invert(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], hh = m[7], i = m[8];
    double A = e * i - f * hh, B = -(d * i - f * g), C = d * hh - e * g;
    double det = a * A + b * B + c * C;
    if (det == 0) {
      throw new IllegalArgumentException("calibration is not invertible");
    }
    double[] r = {
      A, -(b * i - c * hh), b * f - c * e,
      B, a * i - c * g, -(a * f - c * d),
      C, -(a * hh - b * g), a * e - b * d};
    for (int k = 0; k < 9; k++) {
      r[k] /= det;
    }
    return r;
  }

  /** "px" or "cm". */
  public String unit() {
    return unit;
  }

  /** True unless this is {@link #pixels()}. */
  public boolean isCalibrated() {
    return !unit.equals("px");
  }

  /** Image point (px) to world point (unit); NaN in, NaN out. */
  public double[] toWorld(double x, double y) {
    return apply(h, x, y);
  }

  /** World point (unit) to image point (px). */
  public double[] toImage(double wx, double wy) {
    return apply(inv, wx, wy);
  }

  /**
   * Maps two series in place: {@code xs[i], ys[i]} (px) become world coordinates. Faster than
   * {@link #toWorld} per point for long tracks.
   */
  public void toWorldInPlace(double[] xs, double[] ys) {
    for (int k = 0; k < xs.length; k++) {
      double x = xs[k];
      double y = ys[k];
      double w = h[6] * x + h[7] * y + h[8];
      xs[k] = (h[0] * x + h[1] * y + h[2]) / w;
      ys[k] = (h[3] * x + h[4] * y + h[5]) / w;
    }
  }

  private static double[] apply(double[] m, double x, double y) {
    double w = m[6] * x + m[7] * y + m[8];
    return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
  }

  @Override
  public String toString() {
    return "Calibration[" + unit + ", " + Arrays.toString(h) + "]";
  }
}

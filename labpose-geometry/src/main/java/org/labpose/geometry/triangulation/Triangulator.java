package org.labpose.geometry.triangulation;

import java.util.ArrayList;
import java.util.List;
import org.labpose.geometry.calibration.CameraModel;

/**
 * Linear triangulation from two or more calibrated views, with RANSAC over camera pairs to drop a
 * wrong view. Each view's pixel is undistorted to the normalised plane; the point minimises, in
 * least squares, the linear equations {@code x (r3 · X + t3) = r1 · X + t1} and the same in y of
 * every view used (the DLT with the last coordinate fixed at 1). With three or more views, each pair
 * is triangulated and the pair whose point is seen by the most views within {@code threshold} px
 * (then the smallest error) wins; the point is then triangulated again from all those views. With
 * three cameras a wrong view displaced along the epipolar line of another view fits as well as the
 * right pair and cannot be told apart; more cameras remove that ambiguity.
 * Errors are reprojection errors in px; world units are the calibration's.
 */
public final class Triangulator {
  private final List<Projection> cameras;
  private final double threshold;

  /**
   * @param threshold reprojection error (px) within which a view agrees with a point
   */
  public Triangulator(List<CameraModel> cameras, double threshold) {
    if (cameras.size() < 2) {
      throw new IllegalArgumentException("triangulation needs at least two cameras, got " + cameras.size());
    }
    this.cameras = cameras.stream().map(Projection::new).toList();
    this.threshold = threshold;
  }

  public List<Projection> cameras() {
    return cameras;
  }

  /**
   * A triangulated point.
   *
   * @param xyz world position (NaN when fewer than two views agree)
   * @param error mean reprojection error over the views used, px
   * @param used which cameras' views made the point
   */
  public record Point(double[] xyz, double error, boolean[] used) {
    /** Views used. */
    public int views() {
      int n = 0;
      for (boolean u : used) {
        n += u ? 1 : 0;
      }
      return n;
    }
  }

  /**
   * Triangulates one point from its pixel in each camera ({@code px[i]} = {u, v}, NaN where the
   * camera does not see it).
   */
  public Point triangulate(double[][] px) {
    int n = cameras.size();
    double[][] norm = new double[n][];
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (px[i] != null && !Double.isNaN(px[i][0]) && !Double.isNaN(px[i][1])) {
        norm[i] = cameras.get(i).undistort(px[i][0], px[i][1]);
        seen.add(i);
      }
    }
    boolean[] none = new boolean[n];
    if (seen.size() < 2) {
      return new Point(new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN, none);
    }
    boolean[] use = new boolean[n];
    if (seen.size() == 2) {
      use[seen.get(0)] = true;
      use[seen.get(1)] = true;
    } else {
      int best = -1;
      double bestErr = Double.POSITIVE_INFINITY;
      for (int a = 0; a < seen.size(); a++) {
        for (int b = a + 1; b < seen.size(); b++) {
          boolean[] pair = new boolean[n];
          pair[seen.get(a)] = true;
          pair[seen.get(b)] = true;
          double[] x = solve(norm, pair);
          if (x == null) {
            continue;
          }
          boolean[] agree = new boolean[n];
          int count = 0;
          double err = 0;
          for (int i : seen) {
            double e = error(i, x, px[i]);
            if (e <= threshold) {
              agree[i] = true;
              count++;
              err += e;
            }
          }
          err /= Math.max(1, count);
          if (count > best || (count == best && err < bestErr)) {
            best = count;
            bestErr = err;
            use = agree;
          }
        }
      }
      if (best < 2) {
        return new Point(new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN, none);
      }
    }
    double[] x = solve(norm, use);
    if (x == null) {
      return new Point(new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN, none);
    }
    double err = 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (use[i]) {
        err += error(i, x, px[i]);
        k++;
      }
    }
    return new Point(x, err / k, use);
  }

  private double error(int cam, double[] x, double[] px) {
    double[] p = cameras.get(cam).project(x);
    return Math.hypot(p[0] - px[0], p[1] - px[1]);
  }

  /** Least-squares solution of the views' linear equations, or null when they are degenerate. */
  private double[] solve(double[][] norm, boolean[] use) {
    double[][] ata = new double[3][3];
    double[] atb = new double[3];
    for (int i = 0; i < use.length; i++) {
      if (!use[i]) {
        continue;
      }
      Projection p = cameras.get(i);
      double[] r1 = p.rotationRow(0);
      double[] r2 = p.rotationRow(1);
      double[] r3 = p.rotationRow(2);
      double[] t = p.camera().translation();
      for (int row = 0; row < 2; row++) {
        double c = norm[i][row];
        double[] rr = row == 0 ? r1 : r2;
        double[] a = {c * r3[0] - rr[0], c * r3[1] - rr[1], c * r3[2] - rr[2]};
        double b = (row == 0 ? t[0] : t[1]) - c * t[2];
        for (int j = 0; j < 3; j++) {
          for (int m = 0; m < 3; m++) {
            ata[j][m] += a[j] * a[m];
          }
          atb[j] += a[j] * b;
        }
      }
    }
    return solve3(ata, atb);
  }

  /** Solves a 3 × 3 system by Gaussian elimination with partial pivoting; null when singular. */
  static double[] solve3(double[][] a0, double[] b0) {
    double[][] a = {a0[0].clone(), a0[1].clone(), a0[2].clone()};
    double[] b = b0.clone();
    double scale = 0;
    for (double[] row : a) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int c = 0; c < 3; c++) {
      int p = c;
      for (int r = c + 1; r < 3; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      if (Math.abs(a[p][c]) <= 1e-12 * scale) {
        return null;
      }
      double[] tr = a[c];
      a[c] = a[p];
      a[p] = tr;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < 3; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < 3; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[3];
    for (int r = 2; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < 3; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}

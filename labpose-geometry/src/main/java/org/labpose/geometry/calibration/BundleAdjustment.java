package org.labpose.geometry.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.labpose.geometry.triangulation.Projection;

/**
 * Bundle adjustment of a camera rig on checkerboard views: every camera's pose, the board's pose in
 * every frame and (optionally) every camera's intrinsics, refined together so that the board's corners
 * project where the cameras found them.
 *
 * <p>The objective: the sum over every camera c and frame f in which c found the board, and over
 * every corner i, of ρ(‖π_c(R_c (R_f X_i + t_f) + t_c) − x_cfi‖), where X_i is the corner on the board
 * (square units, z = 0), (R_f, t_f) the board's pose in the world in frame f, (R_c, t_c) camera c's
 * world-to-camera pose, π_c its lens model ({@link Projection}) and x_cfi the corner found (px). ρ is
 * Huber's loss with scale δ px (quadratic below δ, linear above, so that a corner found in the wrong
 * place pulls with a bounded force, as anipose's robust bundle adjustment). The first camera is the
 * world: its pose stays the identity and fixes the gauge, the board's square fixes the scale.
 * Solved by Levenberg–Marquardt with iteratively reweighted normal equations; the Jacobian blocks
 * (a camera's 6 or 14 parameters and a board pose's 6 per view) by central differences.
 */
public final class BundleAdjustment {
  private BundleAdjustment() {}

  /** Intrinsic parameters refined per camera: fx, fy, cx, cy and the first four distortion coefficients (k1, k2, p1, p2; a fisheye's k1 to k4). */
  static final int INTRINSICS = 8;

  /** Levenberg–Marquardt steps at most. */
  static final int MAX_ITERATIONS = 200;

  /**
   * The refined rig.
   *
   * @param cameras the cameras, poses in the first camera's frame (units of the board's square)
   * @param boardPoses per frame the board's pose in the world, {Rodrigues (rad), translation}, null where no camera saw it
   * @param viewRms per camera and frame the RMS reprojection error of its corners (px), NaN where it did not see the board
   * @param used per camera and frame whether the view was in the final fit (false where it fitted far worse
   *     than the others, {@link #OUTLIER_FACTOR}, or was not seen)
   * @param rms RMS reprojection error over every corner of the views used, px
   * @param iterations Levenberg–Marquardt steps taken
   */
  public record Result(List<CameraModel> cameras, double[][][] boardPoses, double[][] viewRms, boolean[][] used, double rms, int iterations) {}

  /**
   * A view whose RMS error after a fit exceeds this many times the median view's (and
   * {@link #OUTLIER_MIN_PX}) is left out of the next fit (at most {@link #OUTLIER_ROUNDS} refits).
   */
  public static final double OUTLIER_FACTOR = 5;

  /** Refits without outlier views at most. */
  static final int OUTLIER_ROUNDS = 3;

  /** Smallest RMS error (px) that can make a view an outlier. */
  public static final double OUTLIER_MIN_PX = 1;

  /**
   * Refines a rig.
   *
   * @param board the board
   * @param cameras initial cameras (intrinsics, and poses in the first camera's frame; the first's is the identity)
   * @param corners per camera and frame the corners found (px, with their indices on the board), null where not found
   * @param boardPoses per frame an initial board pose in the world, {Rodrigues, translation}; null for a frame no camera saw
   * @param refineIntrinsics also refine fx, fy, cx, cy and the first four distortion coefficients of every camera
   * @param huberPx the robust loss's scale, px
   */
  public static Result adjust(Board board, List<CameraModel> cameras, Board.Found[][] corners, double[][][] boardPoses,
      boolean refineIntrinsics, double huberPx) {
    int nc = cameras.size();
    int nf = boardPoses.length;
    double[][] obj = board.objectPoints();
    // parameter layout: cameras 1.. (6 each), then intrinsics (8 per camera, when refined), then boards (6 each)
    int camOffset = 0;
    int inOffset = 6 * (nc - 1);
    int boardOffset = inOffset + (refineIntrinsics ? INTRINSICS * nc : 0);
    int[] boardIndex = new int[nf];
    int nb = 0;
    for (int f = 0; f < nf; f++) {
      boardIndex[f] = boardPoses[f] == null ? -1 : nb++;
    }
    double[] p = new double[boardOffset + 6 * nb];
    for (int c = 1; c < nc; c++) {
      System.arraycopy(cameras.get(c).rotation(), 0, p, camOffset + 6 * (c - 1), 3);
      System.arraycopy(cameras.get(c).translation(), 0, p, camOffset + 6 * (c - 1) + 3, 3);
    }
    if (refineIntrinsics) {
      for (int c = 0; c < nc; c++) {
        System.arraycopy(intrinsics(cameras.get(c)), 0, p, inOffset + INTRINSICS * c, INTRINSICS);
      }
    }
    for (int f = 0; f < nf; f++) {
      if (boardIndex[f] >= 0) {
        System.arraycopy(boardPoses[f][0], 0, p, boardOffset + 6 * boardIndex[f], 3);
        System.arraycopy(boardPoses[f][1], 0, p, boardOffset + 6 * boardIndex[f] + 3, 3);
      }
    }
    // the views: (camera, frame) pairs with corners, and the parameter indices each depends on
    List<int[]> views = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      for (int f = 0; f < nf; f++) {
        if (corners[c][f] != null && boardIndex[f] >= 0) {
          views.add(new int[] {c, f});
        }
      }
    }
    Model m = new Model(cameras, obj, corners, views, boardIndex, refineIntrinsics, inOffset, boardOffset);
    int it = m.solve(p, huberPx);
    // refits without the views that fit far worse than the others (a wrong detection pulls with a bounded force
    // under Huber's loss, but still pulls; anipose too refits without its worst points). A wrong view drags its
    // frame's board pose, so that the right views of that frame fit badly too: in a frame with a bad view the
    // board is placed again from each of its views alone, and the placement most views agree with decides which
    // views stay (RANSAC over the cameras of one frame)
    List<int[]> kept = views;
    for (int round = 0; round < OUTLIER_ROUNDS; round++) {
      double[] rmsOf = new double[views.size()];
      for (int j = 0; j < views.size(); j++) {
        rmsOf[j] = m.rms(p, views.get(j));
      }
      double[] sorted = rmsOf.clone();
      Arrays.sort(sorted);
      double limit = Math.max(OUTLIER_FACTOR * sorted[sorted.length / 2], OUTLIER_MIN_PX);
      List<int[]> next = new ArrayList<>();
      for (int f = 0; f < nf; f++) {
        List<int[]> frame = new ArrayList<>();
        boolean bad = false;
        for (int j = 0; j < views.size(); j++) {
          if (views.get(j)[1] == f) {
            frame.add(views.get(j));
            bad |= rmsOf[j] > limit;
          }
        }
        next.addAll(bad ? m.consensus(p, frame, f, limit, huberPx) : frame);
      }
      if (next.size() < views.size() / 2 || sameViews(next, kept)) {
        break;
      }
      kept = next;
      m = new Model(cameras, obj, corners, kept, boardIndex, refineIntrinsics, inOffset, boardOffset);
      it += m.solve(p, huberPx);
    }
    boolean[][] used = new boolean[nc][nf];
    for (int[] v : kept) {
      used[v[0]][v[1]] = true;
    }
    List<CameraModel> out = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      out.add(m.camera(p, c));
    }
    double[][][] poses = new double[nf][][];
    for (int f = 0; f < nf; f++) {
      if (boardIndex[f] >= 0) {
        int o = boardOffset + 6 * boardIndex[f];
        poses[f] = new double[][] {Arrays.copyOfRange(p, o, o + 3), Arrays.copyOfRange(p, o + 3, o + 6)};
      }
    }
    double[][] viewRms = new double[nc][nf];
    for (double[] row : viewRms) {
      Arrays.fill(row, Double.NaN);
    }
    double sum = 0;
    long n = 0;
    for (int[] v : views) {
      double e = m.rms(p, v);
      viewRms[v[0]][v[1]] = e;
      if (used[v[0]][v[1]]) {
        int k = corners[v[0]][v[1]].corners().length;
        sum += e * e * k;
        n += k;
      }
    }
    return new Result(out, poses, viewRms, used, Math.sqrt(sum / Math.max(1, n)), it);
  }

  private static boolean sameViews(List<int[]> a, List<int[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static double[] intrinsics(CameraModel c) {
    double[] d = c.distortion();
    return new double[] {c.fx(), c.fy(), c.cx(), c.cy(), d[0], d[1], d[2], d[3]};
  }

  /** The residual function and its normal equations. */
  private static final class Model {
    private final List<CameraModel> cameras;
    private final double[][] obj;
    private final Board.Found[][] corners;
    private final List<int[]> views;
    private final int[] boardIndex;
    private final boolean refineIntrinsics;
    private final int inOffset;
    private final int boardOffset;

    Model(List<CameraModel> cameras, double[][] obj, Board.Found[][] corners, List<int[]> views, int[] boardIndex, boolean refineIntrinsics,
        int inOffset, int boardOffset) {
      this.cameras = cameras;
      this.obj = obj;
      this.corners = corners;
      this.views = views;
      this.boardIndex = boardIndex;
      this.refineIntrinsics = refineIntrinsics;
      this.inOffset = inOffset;
      this.boardOffset = boardOffset;
    }

    CameraModel camera(double[] p, int c) {
      CameraModel base = cameras.get(c);
      double[] r = c == 0 ? new double[3] : Arrays.copyOfRange(p, 6 * (c - 1), 6 * (c - 1) + 3);
      double[] t = c == 0 ? new double[3] : Arrays.copyOfRange(p, 6 * (c - 1) + 3, 6 * c);
      if (!refineIntrinsics) {
        return base.withPose(r, t);
      }
      int o = inOffset + INTRINSICS * c;
      double[][] k = {{p[o], 0, p[o + 2]}, {0, p[o + 1], p[o + 3]}, {0, 0, 1}};
      double[] d = {p[o + 4], p[o + 5], p[o + 6], p[o + 7], base.distortion()[4]};
      return new CameraModel(base.name(), base.width(), base.height(), k, d, r, t, base.fisheye());
    }

    /** Levenberg–Marquardt from {@code p}, which it updates in place; returns the steps taken. */
    int solve(double[] p, double huberPx) {
      return solve(p, huberPx, null);
    }

    /**
     * Frame {@code f}'s views that agree (RMS within {@code limit} px) with the board placed from one of them alone,
     * the placement most views agree with (then the smaller total error); {@code p}'s board pose for the frame becomes it.
     */
    List<int[]> consensus(double[] p, List<int[]> frame, int f, double limit, double huberPx) {
      List<int[]> best = List.of();
      double bestErr = Double.POSITIVE_INFINITY;
      double[] bestP = null;
      boolean[] free = new boolean[p.length];
      int o = boardOffset + 6 * boardIndex[f];
      Arrays.fill(free, o, o + 6, true);
      for (int[] v : frame) {
        double[] q = p.clone();
        new Model(cameras, obj, corners, List.of(v), boardIndex, refineIntrinsics, inOffset, boardOffset).solve(q, huberPx, free);
        List<int[]> agree = new ArrayList<>();
        double err = 0;
        for (int[] w : frame) {
          double e = rms(q, w);
          if (e <= limit) {
            agree.add(w);
            err += e;
          }
        }
        if (agree.size() > best.size() || agree.size() == best.size() && err < bestErr) {
          best = agree;
          bestErr = err;
          bestP = q;
        }
      }
      if (bestP != null) {
        System.arraycopy(bestP, o, p, o, 6);
      }
      return best;
    }

    /** As {@link #solve(double[], double)}, changing only the parameters marked in {@code free} (all when null). */
    int solve(double[] p, double huberPx, boolean[] free) {
      double lambda = 1e-3;
      double cost = cost(p, huberPx);
      int it = 0;
      boolean converged = false;
      for (; it < MAX_ITERATIONS && !converged; it++) {
        double[][] h = new double[p.length][p.length];
        double[] g = new double[p.length];
        normalEquations(p, huberPx, h, g);
        if (free != null) {
          for (int i = 0; i < p.length; i++) {
            if (!free[i]) {
              Arrays.fill(h[i], 0);
              for (double[] row : h) {
                row[i] = 0;
              }
              h[i][i] = 1;
              g[i] = 0;
            }
          }
        }
        boolean improved = false;
        while (lambda < 1e12) {
          double[][] a = new double[p.length][];
          for (int i = 0; i < p.length; i++) {
            a[i] = h[i].clone();
            a[i][i] += lambda * Math.max(h[i][i], 1e-12);
          }
          double[] step;
          try {
            step = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-14, 1e-300).getSolver().solve(new ArrayRealVector(g, false))
                .toArray();
          } catch (NonPositiveDefiniteMatrixException e) {
            lambda *= 10;
            continue;
          }
          double[] q = p.clone();
          for (int i = 0; i < q.length; i++) {
            q[i] -= step[i];
          }
          double c2 = cost(q, huberPx);
          if (c2 < cost) {
            double gain = (cost - c2) / Math.max(cost, 1e-300);
            System.arraycopy(q, 0, p, 0, p.length);
            cost = c2;
            lambda = Math.max(lambda / 3, 1e-9);
            improved = true;
            converged = gain < 1e-12;
            break;
          }
          lambda *= 4;
        }
        converged |= !improved;
      }
      return it;
    }

    /** A view's RMS reprojection error, px. */
    double rms(double[] p, int[] v) {
      double[] r = residuals(p, v[0], v[1]);
      double s = 0;
      for (double x : r) {
        s += x * x;
      }
      return Math.sqrt(s / (r.length / 2));
    }

    /** The parameter indices a view depends on. */
    int[] indices(int c, int f) {
      int n = (c > 0 ? 6 : 0) + (refineIntrinsics ? INTRINSICS : 0) + 6;
      int[] idx = new int[n];
      int k = 0;
      if (c > 0) {
        for (int i = 0; i < 6; i++) {
          idx[k++] = 6 * (c - 1) + i;
        }
      }
      if (refineIntrinsics) {
        for (int i = 0; i < INTRINSICS; i++) {
          idx[k++] = inOffset + INTRINSICS * c + i;
        }
      }
      for (int i = 0; i < 6; i++) {
        idx[k++] = boardOffset + 6 * boardIndex[f] + i;
      }
      return idx;
    }

    /** Projected minus found, x then y per corner (px). */
    double[] residuals(double[] p, int c, int f) {
      Projection proj = new Projection(camera(p, c));
      int o = boardOffset + 6 * boardIndex[f];
      double[][] rb = Projection.rotation(new double[] {p[o], p[o + 1], p[o + 2]});
      double[][] found = corners[c][f].corners();
      int[] ids = corners[c][f].ids();
      double[] out = new double[2 * found.length];
      for (int i = 0; i < found.length; i++) {
        double[] x = obj[ids[i]];
        double[] w = {
            rb[0][0] * x[0] + rb[0][1] * x[1] + rb[0][2] * x[2] + p[o + 3],
            rb[1][0] * x[0] + rb[1][1] * x[1] + rb[1][2] * x[2] + p[o + 4],
            rb[2][0] * x[0] + rb[2][1] * x[1] + rb[2][2] * x[2] + p[o + 5]};
        double[] uv = proj.project(w);
        out[2 * i] = uv[0] - found[i][0];
        out[2 * i + 1] = uv[1] - found[i][1];
      }
      return out;
    }

    /** Huber's loss of one corner's residual (px²-scaled, so that it equals r² below δ). */
    static double rho(double r2, double delta) {
      return r2 <= delta * delta ? r2 : 2 * delta * Math.sqrt(r2) - delta * delta;
    }

    double cost(double[] p, double delta) {
      double s = 0;
      for (int[] v : views) {
        double[] r = residuals(p, v[0], v[1]);
        for (int i = 0; i < r.length; i += 2) {
          double r2 = r[i] * r[i] + r[i + 1] * r[i + 1];
          s += Double.isFinite(r2) ? rho(r2, delta) : 1e30;
        }
      }
      return s;
    }

    /** Accumulates JᵀWJ and JᵀWr (IRLS weights of Huber's loss, per corner). */
    void normalEquations(double[] p, double delta, double[][] h, double[] g) {
      for (int[] v : views) {
        int c = v[0];
        int f = v[1];
        int[] idx = indices(c, f);
        double[] r = residuals(p, c, f);
        double[][] jac = new double[idx.length][];
        double[] q = p.clone();
        for (int k = 0; k < idx.length; k++) {
          int i = idx[k];
          double step = 1e-6 * Math.max(1, Math.abs(p[i]));
          q[i] = p[i] + step;
          double[] plus = residuals(q, c, f);
          q[i] = p[i] - step;
          double[] minus = residuals(q, c, f);
          q[i] = p[i];
          double[] col = new double[r.length];
          for (int j = 0; j < r.length; j++) {
            col[j] = (plus[j] - minus[j]) / (2 * step);
          }
          jac[k] = col;
        }
        double[] w = new double[r.length];
        for (int j = 0; j < r.length; j += 2) {
          double e = Math.sqrt(r[j] * r[j] + r[j + 1] * r[j + 1]);
          w[j] = e <= delta ? 1 : delta / e;
          w[j + 1] = w[j];
        }
        for (int a = 0; a < idx.length; a++) {
          double[] ja = jac[a];
          double ga = 0;
          for (int j = 0; j < r.length; j++) {
            ga += ja[j] * w[j] * r[j];
          }
          g[idx[a]] += ga;
          for (int b = a; b < idx.length; b++) {
            double[] jb = jac[b];
            double s = 0;
            for (int j = 0; j < r.length; j++) {
              s += ja[j] * w[j] * jb[j];
            }
            h[idx[a]][idx[b]] += s;
            if (a != b) {
              h[idx[b]][idx[a]] += s;
            }
          }
        }
      }
    }
  }
}

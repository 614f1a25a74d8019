package org.labpose.geometry.triangulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.labpose.core.model.KeypointId;

/**
 * Refines triangulated 3D poses over time, as anipose's optimisation does: every keypoint in every
 * frame is moved to minimise, together,
 *
 * <pre>
 *   Σ_views ρ(‖π_c(X_tk) − x_tkc‖)                       reprojection, px (Huber's loss ρ, scale huberPx)
 * + Σ_t,k ‖smooth · (X_t+1,k − 2 X_tk + X_t−1,k)‖²        acceleration, weighted in px per (unit / frame²)
 * + Σ_t,(a,b) (bones · (‖X_ta − X_tb‖ − L_ab))²            bone lengths, weighted in px per unit
 * </pre>
 *
 * where the views are the cameras' 2D points at or above the p-cutoff that agree with the linear
 * triangulation (within its threshold; all of them where it found no point), π_c is camera c's
 * projection, and L_ab is the median length of the bone (a skeleton edge) over the linear
 * triangulation's frames. The acceleration term keeps a constant velocity unpenalised (a straight
 * walk is not pulled back), fills short gaps along the motion, and damps the jitter that 2D noise
 * gives the linear points; the bone term keeps a rigid segment rigid. A keypoint missing from the
 * linear result is filled from its neighbours in time and its views (written with {@code ncams} the
 * views it has, possibly 0).
 *
 * <p>Solved by Levenberg–Marquardt on the normal equations, which are banded when the unknowns are
 * ordered by frame ({@link BandedCholesky}); the video is taken in chunks of {@code chunk} frames that
 * overlap by {@code margin} on either side (only each chunk's middle is kept), so memory does not grow
 * with the video's length. Units: those of the calibration (mm for a board measured in mm), px.
 */
public final class PoseOptimizer {
  private PoseOptimizer() {}

  /**
   * @param smooth the acceleration term's weight, px per (unit / frame²)
   * @param bones the bone-length term's weight, px per unit (0: none)
   * @param huberPx the reprojection loss's scale, px
   * @param chunk frames solved together
   * @param margin frames of overlap on each side of a chunk
   * @param iterations Levenberg–Marquardt steps at most per chunk
   */
  public record Settings(double smooth, double bones, double huberPx, int chunk, int margin, int iterations) {
    public Settings {
      if (!(smooth >= 0) || !(bones >= 0) || !(huberPx > 0) || chunk < 1 || margin < 0 || iterations < 1) {
        throw new IllegalArgumentException("smooth and bone weights >= 0, a positive Huber scale, chunk and iterations >= 1");
      }
    }
  }

  /** Acceleration weight 2 px per unit/frame², bone weight 2 px per unit, Huber 5 px, chunks of 400 frames with 30 on each side, 25 steps. */
  public static final Settings DEFAULTS = new Settings(2, 2, 5, 400, 30, 25);

  /**
   * Refines a linear triangulation.
   *
   * @param dlt the linear result ({@link Poses3d#triangulate}) of the same views
   * @param edges bones, as keypoint index pairs of the table's layout
   */
  public static Poses3d.Table optimise(Poses3d.Table dlt, List<Poses3d.View> views, double pcutoff, double threshold, List<int[]> edges,
      Settings s) {
    int frames = dlt.frames();
    int nk = dlt.layout().keypoints().size();
    List<Projection> cams = views.stream().map(v -> new Projection(v.camera())).toList();
    // bone lengths: the median over the linear result
    List<int[]> bones = new ArrayList<>();
    List<Double> lengths = new ArrayList<>();
    for (int[] e : s.bones() > 0 ? edges : List.<int[]>of()) {
      double[] len = new double[frames];
      int n = 0;
      for (int f = 0; f < frames; f++) {
        double[] a = dlt.xyz()[f][e[0]];
        double[] b = dlt.xyz()[f][e[1]];
        if (Double.isFinite(a[0]) && Double.isFinite(b[0])) {
          len[n++] = dist(a, b);
        }
      }
      if (n > 0) {
        double[] sorted = Arrays.copyOf(len, n);
        Arrays.sort(sorted);
        bones.add(e);
        lengths.add(sorted[n / 2]);
      }
    }
    double[][][] xyz = new double[frames][nk][];
    double[][] error = new double[frames][nk];
    int[][] used = new int[frames][nk];
    for (int t0 = 0; t0 < frames; t0 += s.chunk()) {
      int t1 = Math.min(frames, t0 + s.chunk());
      Chunk c = new Chunk(dlt, views, cams, pcutoff, threshold, bones, lengths, s, Math.max(0, t0 - s.margin()), Math.min(frames, t1 + s.margin()));
      c.solve();
      c.copyOut(t0, t1, xyz, error, used);
    }
    return new Poses3d.Table(dlt.scorer(), dlt.layout(), xyz, error, used);
  }

  /**
   * Skeleton edges as keypoint index pairs of a layout: each edge within every individual that has both bodyparts.
   *
   * @throws IllegalArgumentException naming an edge whose bodyparts no individual has
   */
  public static List<int[]> bones(org.labpose.core.model.KeypointLayout layout, List<org.labpose.core.model.Skeleton.Pair> edges) {
    List<int[]> out = new ArrayList<>();
    List<KeypointId> keys = layout.keypoints();
    for (org.labpose.core.model.Skeleton.Pair e : edges) {
      int before = out.size();
      for (int a = 0; a < keys.size(); a++) {
        for (int b = 0; b < keys.size(); b++) {
          if (keys.get(a).bodypart().equals(e.a()) && keys.get(b).bodypart().equals(e.b())
              && keys.get(a).individual().equals(keys.get(b).individual())) {
            out.add(new int[] {a, b});
          }
        }
      }
      if (out.size() == before) {
        throw new IllegalArgumentException(e.a() + "-" + e.b() + ": no such bodyparts (the predictions have " + layout.bodyparts() + ")");
      }
    }
    return out;
  }

  private static double dist(double[] a, double[] b) {
    return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
  }

  /** The problem over frames [e0, e1). */
  private static final class Chunk {
    private final int e0;
    private final int n;
    private final int nk;
    private final boolean[] active;
    private final double[] x;
    /** Observations per point (frame − e0, keypoint): {camera, u, v} triples. */
    private final double[][][][] obs;
    private final List<Projection> cams;
    private final List<int[]> bones;
    private final List<Double> lengths;
    private final Settings s;

    Chunk(Poses3d.Table dlt, List<Poses3d.View> views, List<Projection> cams, double pcutoff, double threshold, List<int[]> bones,
        List<Double> lengths, Settings s, int e0, int e1) {
      this.e0 = e0;
      this.n = e1 - e0;
      this.nk = dlt.layout().keypoints().size();
      this.cams = cams;
      this.bones = bones;
      this.lengths = lengths;
      this.s = s;
      this.active = new boolean[nk];
      this.x = new double[3 * n * nk];
      this.obs = new double[n][nk][][];
      List<KeypointId> keys = dlt.layout().keypoints();
      for (int k = 0; k < nk; k++) {
        // the linear points, gaps filled by linear interpolation in time (the ends held)
        int last = -1;
        for (int t = 0; t < n; t++) {
          double[] p = dlt.xyz()[e0 + t][k];
          if (Double.isFinite(p[0])) {
            active[k] = true;
            for (int g = last + 1; g < t; g++) {
              double w = last < 0 ? 1 : (g - last) / (double) (t - last);
              for (int i = 0; i < 3; i++) {
                double from = last < 0 ? p[i] : x[idx(last, k, i)];
                x[idx(g, k, i)] = from + w * (p[i] - from);
              }
            }
            for (int i = 0; i < 3; i++) {
              x[idx(t, k, i)] = p[i];
            }
            last = t;
          }
        }
        if (active[k]) {
          for (int g = last + 1; g < n; g++) {
            for (int i = 0; i < 3; i++) {
              x[idx(g, k, i)] = x[idx(last, k, i)];
            }
          }
        }
        for (int t = 0; t < n; t++) {
          List<double[]> o = new ArrayList<>();
          double[] p = dlt.xyz()[e0 + t][k];
          for (int c = 0; c < views.size() && active[k]; c++) {
            Poses3d.View v = views.get(c);
            int vf = v.frame(e0 + t);
            if (vf < 0) {
              continue;
            }
            double u = v.poses().x(vf, keys.get(k));
            double like = v.poses().likelihood(vf, keys.get(k));
            if (Double.isNaN(u) || !(Double.isNaN(like) || like >= pcutoff)) {
              continue;
            }
            double w = v.poses().y(vf, keys.get(k));
            if (Double.isFinite(p[0])) {
              double[] q = cams.get(c).project(p);
              if (!(Math.hypot(q[0] - u, q[1] - w) <= threshold)) {
                continue;
              }
            }
            o.add(new double[] {c, u, w});
          }
          obs[t][k] = o.toArray(new double[0][]);
        }
      }
    }

    int idx(int t, int k, int i) {
      return (t * nk + k) * 3 + i;
    }

    double[] point(double[] v, int t, int k) {
      int o = idx(t, k, 0);
      return new double[] {v[o], v[o + 1], v[o + 2]};
    }

    double cost(double[] v) {
      double sum = 0;
      double d2 = s.huberPx() * s.huberPx();
      for (int t = 0; t < n; t++) {
        for (int k = 0; k < nk; k++) {
          if (!active[k]) {
            continue;
          }
          double[] p = point(v, t, k);
          for (double[] o : obs[t][k]) {
            double[] q = cams.get((int) o[0]).project(p);
            double r2 = (q[0] - o[1]) * (q[0] - o[1]) + (q[1] - o[2]) * (q[1] - o[2]);
            sum += !Double.isFinite(r2) ? 1e30 : r2 <= d2 ? r2 : 2 * s.huberPx() * Math.sqrt(r2) - d2;
          }
          if (t >= 1 && t + 1 < n) {
            for (int i = 0; i < 3; i++) {
              double a = s.smooth() * (v[idx(t + 1, k, i)] - 2 * v[idx(t, k, i)] + v[idx(t - 1, k, i)]);
              sum += a * a;
            }
          }
        }
        for (int j = 0; j < bones.size(); j++) {
          int[] e = bones.get(j);
          if (active[e[0]] && active[e[1]]) {
            double r = s.bones() * (dist(point(v, t, e[0]), point(v, t, e[1])) - lengths.get(j));
            sum += r * r;
          }
        }
      }
      return sum;
    }

    void solve() {
      int size = x.length;
      int b = 6 * nk;
      double lambda = 1e-3;
      double cost = cost(x);
      for (int it = 0; it < s.iterations(); it++) {
        double[][] h = new double[size][b + 1];
        double[] g = new double[size];
        normalEquations(h, g);
        boolean improved = false;
        while (lambda < 1e10) {
          double[][] a = new double[size][];
          for (int i = 0; i < size; i++) {
            a[i] = h[i].clone();
            a[i][0] += lambda * h[i][0] + 1e-9;
          }
          double[] step;
          try {
            step = new BandedCholesky(a, b).solve(g);
          } catch (IllegalArgumentException e) {
            lambda *= 10;
            continue;
          }
          double[] y = x.clone();
          for (int i = 0; i < size; i++) {
            y[i] -= step[i];
          }
          double c2 = cost(y);
          if (c2 < cost) {
            double gain = (cost - c2) / Math.max(cost, 1e-300);
            System.arraycopy(y, 0, x, 0, size);
            cost = c2;
            lambda = Math.max(lambda / 3, 1e-9);
            improved = gain > 1e-10;
            break;
          }
          lambda *= 4;
        }
        if (!improved) {
          break;
        }
      }
    }

    /** Lower band of JᵀWJ and JᵀWr; an inactive keypoint's unknowns get an identity row. */
    void normalEquations(double[][] h, double[] g) {
      double w2 = s.smooth() * s.smooth();
      for (int t = 0; t < n; t++) {
        for (int k = 0; k < nk; k++) {
          int o = idx(t, k, 0);
          if (!active[k]) {
            for (int i = 0; i < 3; i++) {
              h[o + i][0] += 1;
            }
            continue;
          }
          double[] p = point(x, t, k);
          for (double[] ob : obs[t][k]) {
            Projection cam = cams.get((int) ob[0]);
            double[] q = cam.project(p);
            double[] r = {q[0] - ob[1], q[1] - ob[2]};
            double e = Math.hypot(r[0], r[1]);
            double w = e <= s.huberPx() ? 1 : s.huberPx() / e;
            double[][] jac = new double[3][];
            for (int i = 0; i < 3; i++) {
              double step = 1e-6 * Math.max(1, Math.abs(p[i]));
              double[] plus = p.clone();
              double[] minus = p.clone();
              plus[i] += step;
              minus[i] -= step;
              double[] qp = cam.project(plus);
              double[] qm = cam.project(minus);
              jac[i] = new double[] {(qp[0] - qm[0]) / (2 * step), (qp[1] - qm[1]) / (2 * step)};
            }
            for (int i = 0; i < 3; i++) {
              g[o + i] += w * (jac[i][0] * r[0] + jac[i][1] * r[1]);
              for (int j = 0; j <= i; j++) {
                h[o + i][i - j] += w * (jac[i][0] * jac[j][0] + jac[i][1] * jac[j][1]);
              }
            }
          }
          if (t >= 1 && t + 1 < n && w2 > 0) {
            // residual smooth · (X[t+1] − 2 X[t] + X[t−1]) per coordinate: coefficients 1, −2, 1
            int[] at = {idx(t - 1, k, 0), idx(t, k, 0), idx(t + 1, k, 0)};
            double[] coef = {1, -2, 1};
            for (int i = 0; i < 3; i++) {
              double r = s.smooth() * (x[at[2] + i] - 2 * x[at[1] + i] + x[at[0] + i]);
              for (int m = 0; m < 3; m++) {
                g[at[m] + i] += s.smooth() * coef[m] * r;
                for (int m2 = 0; m2 <= m; m2++) {
                  h[at[m] + i][at[m] - at[m2]] += w2 * coef[m] * coef[m2];
                }
              }
            }
          }
        }
        for (int j = 0; j < bones.size(); j++) {
          int[] e = bones.get(j);
          if (!active[e[0]] || !active[e[1]]) {
            continue;
          }
          double[] pa = point(x, t, e[0]);
          double[] pb = point(x, t, e[1]);
          double d = dist(pa, pb);
          if (!(d > 1e-12)) {
            continue;
          }
          double r = s.bones() * (d - lengths.get(j));
          // d(‖a − b‖)/da = u, /db = −u
          double[] u = {(pa[0] - pb[0]) / d, (pa[1] - pb[1]) / d, (pa[2] - pb[2]) / d};
          int oa = idx(t, e[0], 0);
          int ob = idx(t, e[1], 0);
          int[] base = {oa, ob};
          double[] sign = {1, -1};
          for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 3; i++) {
              int row = base[m] + i;
              g[row] += s.bones() * sign[m] * u[i] * r;
              for (int m2 = 0; m2 < 2; m2++) {
                for (int i2 = 0; i2 < 3; i2++) {
                  int col = base[m2] + i2;
                  if (col <= row) {
                    h[row][row - col] += s.bones() * s.bones() * sign[m] * sign[m2] * u[i] * u[i2];
                  }
                }
              }
            }
          }
        }
      }
    }

    /** Frames [t0, t1) of the result: points, mean reprojection error over their views (px), views. */
    void copyOut(int t0, int t1, double[][][] xyz, double[][] error, int[][] used) {
      for (int f = t0; f < t1; f++) {
        int t = f - e0;
        for (int k = 0; k < nk; k++) {
          if (!active[k]) {
            xyz[f][k] = new double[] {Double.NaN, Double.NaN, Double.NaN};
            error[f][k] = Double.NaN;
            continue;
          }
          double[] p = point(x, t, k);
          xyz[f][k] = p;
          double sum = 0;
          for (double[] o : obs[t][k]) {
            double[] q = cams.get((int) o[0]).project(p);
            sum += Math.hypot(q[0] - o[1], q[1] - o[2]);
          }
          used[f][k] = obs[t][k].length;
          error[f][k] = obs[t][k].length == 0 ? Double.NaN : sum / obs[t][k].length;
        }
      }
    }
  }
}

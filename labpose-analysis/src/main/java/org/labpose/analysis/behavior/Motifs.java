package org.labpose.analysis.behavior;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.labpose.analysis.assay.Bouts;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.Kinematics;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.core.SettingException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * Unsupervised behaviour motifs. Each frame's pose is aligned egocentrically (body centroid at the
 * origin, tail base → snout along +x; without those bodyparts, the direction of motion), described by
 * the aligned bodypart coordinates, the speed and the angular velocity, each as its mean and its
 * standard deviation over a 0.2 s centred window (the SD keeps fast rhythmic movements such as
 * grooming strokes, which a mean alone averages away); the pose columns are scaled together (one scale for all, so that nearly still bodyparts keep
 * their small weight) and the speed and angular-velocity columns each standardised, reduced by PCA to the components that explain {@code
 * varianceKept} of the variance, and clustered by k-means (Smile) into {@code k} motifs. Results:
 * a motif per frame, each motif's usage and mean bout length, and the transition matrix between
 * consecutive motif bouts.
 */
public final class Motifs {
  private Motifs() {}

  /**
   * The motifs found.
   *
   * @param labels per video, the motif of each frame (0 .. k − 1)
   * @param components principal components kept
   * @param explained fraction of variance they explain
   * @param transitions k × k: row i, column j = fraction of bouts of motif i followed by motif j
   */
  public record Result(List<int[]> labels, int k, int components, double explained, double[][] transitions) {
    /** Fraction of all frames in each motif. */
    public double[] usage() {
      double[] u = new double[k];
      long total = 0;
      for (int[] l : labels) {
        for (int m : l) {
          u[m]++;
        }
        total += l.length;
      }
      for (int i = 0; i < k; i++) {
        u[i] /= Math.max(1, total);
      }
      return u;
    }

    /** Mean bout length of each motif, frames. */
    public double[] meanBoutFrames() {
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int[] l : labels) {
        for (int m = 0; m < k; m++) {
          boolean[] on = new boolean[l.length];
          for (int f = 0; f < l.length; f++) {
            on[f] = l[f] == m;
          }
          for (Bouts.Bout b : Bouts.of(on, 1)) {
            sum[m] += b.length();
            count[m]++;
          }
        }
      }
      for (int m = 0; m < k; m++) {
        sum[m] = count[m] == 0 ? Double.NaN : sum[m] / count[m];
      }
      return sum;
    }
  }

  /** Finds {@code k} motifs over all the videos together. */
  public static Result fit(List<PoseTable> videos, double fps, KinematicsConfig kc, int k, double varianceKept, long seed) {
    if (k < 2) {
      throw new SettingException("k", "need at least 2 motifs, got " + k);
    }
    if (!(varianceKept > 0 && varianceKept <= 1)) {
      throw new SettingException("varianceKept", "must be in (0, 1], got " + varianceKept);
    }
    List<double[][]> perVideo = new ArrayList<>();
    int total = 0;
    for (PoseTable t : videos) {
      double[][] x = egocentric(t, fps, kc);
      perVideo.add(x);
      total += x.length;
    }
    if (total < k) {
      throw new SettingException("k", "only " + total + " frames for " + k + " motifs");
    }
    int d = perVideo.get(0)[0].length;
    double[][] all = new double[total][];
    int at = 0;
    for (double[][] x : perVideo) {
      for (double[] r : x) {
        if (r.length != d) {
          throw new SettingException("tables", "the videos have different bodyparts");
        }
        all[at++] = r;
      }
    }
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] r : all) {
      for (int c = 0; c < d; c++) {
        mean[c] += r[c] / total;
      }
    }
    for (double[] r : all) {
      for (int c = 0; c < d; c++) {
        sd[c] += (r[c] - mean[c]) * (r[c] - mean[c]) / Math.max(1, total - 1);
      }
    }
    // Pose columns (aligned coordinates, first 4 per bodypart) share one scale, so that a bodypart
    // that hardly moves relative to the body (its column is mostly tracking noise) keeps its small
    // weight; speed and angular velocity columns are standardised each.
    KeypointLayout first = videos.get(0).layout();
    String ind = first.isMultiAnimal() ? first.individuals().get(0) : KeypointId.SINGLE_ANIMAL;
    int poseCols = Math.min(d, 4 * (int) first.keypoints().stream().filter(kp -> kp.individual().equals(ind)).count());
    double pooled = 0;
    for (int c = 0; c < poseCols; c++) {
      pooled += sd[c] / poseCols;
    }
    double poseScale = Math.sqrt(pooled);
    double[][] z = new double[total][d];
    for (int i = 0; i < total; i++) {
      for (int c = 0; c < d; c++) {
        double s = c < poseCols ? poseScale : Math.sqrt(sd[c]);
        z[i][c] = s > 0 ? (all[i][c] - mean[c]) / s : 0;
      }
    }
    RealMatrix cov = new Array2DRowRealMatrix(d, d);
    for (double[] r : z) {
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov.addToEntry(a, b, r[a] * r[b] / Math.max(1, total - 1));
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov.setEntry(a, b, cov.getEntry(b, a));
      }
    }
    EigenDecomposition eig = new EigenDecomposition(cov);
    double[] values = eig.getRealEigenvalues();
    Integer[] order = new Integer[d];
    double sum = 0;
    for (int i = 0; i < d; i++) {
      order[i] = i;
      sum += Math.max(0, values[i]);
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
    int keep = 0;
    double acc = 0;
    while (keep < d && (keep == 0 || acc / sum < varianceKept)) {
      acc += Math.max(0, values[order[keep]]);
      keep++;
    }
    double[][] proj = new double[total][keep];
    for (int j = 0; j < keep; j++) {
      double[] v = eig.getEigenvector(order[j]).toArray();
      for (int i = 0; i < total; i++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += z[i][c] * v[c];
        }
        proj[i][j] = s;
      }
    }
    smile.math.MathEx.setSeed(seed);
    smile.clustering.KMeans km = smile.clustering.KMeans.fit(proj, k, 100, 1e-4);
    int[] y = km.y;
    List<int[]> labels = new ArrayList<>();
    at = 0;
    for (double[][] x : perVideo) {
      labels.add(java.util.Arrays.copyOfRange(y, at, at + x.length));
      at += x.length;
    }
    double[][] trans = new double[k][k];
    for (int[] l : labels) {
      int prev = -1;
      for (int f = 0; f < l.length; f++) {
        if (f == 0 || l[f] != l[f - 1]) {
          if (prev >= 0) {
            trans[prev][l[f]]++;
          }
          prev = l[f];
        }
      }
    }
    for (double[] row : trans) {
      double s = 0;
      for (double v : row) {
        s += v;
      }
      for (int j = 0; j < k; j++) {
        row[j] = s == 0 ? 0 : row[j] / s;
      }
    }
    return new Result(labels, k, keep, acc / sum, trans);
  }

  /** Egocentric features per frame (missing values carried forward, then 0). */
  static double[][] egocentric(PoseTable t, double fps, KinematicsConfig kc) {
    String ind = t.layout().isMultiAnimal() ? t.layout().individuals().get(0) : KeypointId.SINGLE_ANIMAL;
    AnimalKinematics a = Kinematics.compute(t, ind, fps, Calibration.pixels(), kc);
    int n = a.frameCount();
    List<String> parts = a.bodyparts();
    List<double[]> cols = new ArrayList<>();
    double[][] aligned = new double[2 * parts.size()][n];
    double lastAngle = 0;
    for (int f = 0; f < n; f++) {
      double ang;
      if (a.hasHeading() && !Double.isNaN(a.heading()[f])) {
        ang = Math.toRadians(a.heading()[f]);
      } else {
        int p = Math.max(0, f - 2);
        int q = Math.min(n - 1, f + 2);
        double dx = a.x()[q] - a.x()[p];
        double dy = a.y()[q] - a.y()[p];
        ang = Math.hypot(dx, dy) > 1e-9 ? Math.atan2(dy, dx) : lastAngle;
      }
      if (!Double.isNaN(ang)) {
        lastAngle = ang;
      }
      double c = Math.cos(-lastAngle);
      double s = Math.sin(-lastAngle);
      for (int b = 0; b < parts.size(); b++) {
        double rx = a.partX(parts.get(b))[f] - a.x()[f];
        double ry = a.partY(parts.get(b))[f] - a.y()[f];
        aligned[2 * b][f] = rx * c - ry * s;
        aligned[2 * b + 1][f] = rx * s + ry * c;
      }
    }
    for (double[] col : aligned) {
      cols.add(col);
    }
    cols.add(a.speed());
    if (a.hasHeading()) {
      cols.add(a.angularVelocity());
    }
    int half = Math.max(1, (int) Math.round(0.1 * fps));
    double[][] rows = new double[n][2 * cols.size()];
    for (int c = 0; c < cols.size(); c++) {
      double[][] ms = BehaviorFeatures.rolling(BehaviorFeatures.filled(cols.get(c)), half);
      for (int f = 0; f < n; f++) {
        rows[f][2 * c] = ms[0][f];
        rows[f][2 * c + 1] = ms[1][f];
      }
    }
    return rows;
  }
}

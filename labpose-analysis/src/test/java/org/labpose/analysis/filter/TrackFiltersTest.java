package org.labpose.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/** Each filter against a naive reference implementation, on seeded random tracks. */
class TrackFiltersTest {
  private static final double N = Double.NaN;

  private static double[] track(long seed, int n, double missing) {
    Random r = new Random(seed);
    double[] x = new double[n];
    double v = 100;
    for (int i = 0; i < n; i++) {
      v += r.nextGaussian() * 2;
      x[i] = r.nextDouble() < missing ? N : v + r.nextGaussian();
    }
    return x;
  }

  @Test
  void medianMatchesNaive() {
    double[] x = track(1, 200, 0.1);
    double[] got = TrackFilters.median(x, 7);
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        assertTrue(Double.isNaN(got[i]));
        continue;
      }
      List<Double> w = new ArrayList<>();
      for (int j = i - 3; j <= i + 3; j++) {
        if (j >= 0 && j < x.length && !Double.isNaN(x[j])) {
          w.add(x[j]);
        }
      }
      Collections.sort(w);
      double m = w.size() % 2 == 1 ? w.get(w.size() / 2) : (w.get(w.size() / 2 - 1) + w.get(w.size() / 2)) / 2;
      assertEquals(m, got[i], 1e-12);
    }
  }

  @Test
  void interpolateFillsShortGapsOnly() {
    double[] x = {N, 1, N, N, 4, N, N, N, N, 9, N};
    double[] got = TrackFilters.interpolate(x, 3);
    double[] want = {N, 1, 2, 3, 4, N, N, N, N, 9, N};
    for (int i = 0; i < x.length; i++) {
      assertEquals(want[i], got[i], 1e-12, "frame " + i);
    }
  }

  @Test
  void savgolMatchesClassicCoefficientsAndKeepsPolynomials() {
    double[] x = track(2, 100, 0);
    double[] got = TrackFilters.savgol(x, 5, 2);
    double[] c = {-3, 12, 17, 12, -3};
    for (int i = 2; i < x.length - 2; i++) {
      double s = 0;
      for (int j = -2; j <= 2; j++) {
        s += c[j + 2] * x[i + j];
      }
      assertEquals(s / 35, got[i], 1e-9, "frame " + i);
    }
    double[] cubic = new double[50];
    for (int i = 0; i < cubic.length; i++) {
      cubic[i] = 0.01 * i * i * i - 0.5 * i * i + 3 * i - 7;
    }
    double[] kept = TrackFilters.savgol(cubic, 7, 3);
    for (int i = 0; i < cubic.length; i++) {
      assertEquals(cubic[i], kept[i], 1e-6, "cubic at " + i);
    }
  }

  @Test
  void savgolWithGapsMatchesAPerFrameLeastSquaresFit() {
    double[] x = track(5, 300, 0.15);
    double[] got = TrackFilters.savgol(x, 9, 3);
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        assertTrue(Double.isNaN(got[i]), "frame " + i);
        continue;
      }
      List<double[]> pts = new ArrayList<>();
      for (int j = Math.max(0, i - 4); j <= Math.min(x.length - 1, i + 4); j++) {
        if (!Double.isNaN(x[j])) {
          pts.add(new double[] {j - i, x[j]});
        }
      }
      int deg = Math.min(3, pts.size() - 1);
      WeightedObservedPoints obs = new WeightedObservedPoints();
      for (double[] pt : pts) {
        obs.add(pt[0], pt[1]);
      }
      double want = deg == 0 ? pts.stream().mapToDouble(pt -> pt[1]).average().orElseThrow()
          : PolynomialCurveFitter.create(deg).fit(obs.toList())[0];
      assertEquals(want, got[i], 1e-6, "frame " + i);
    }
  }

  /** Textbook Kalman filter and RTS smoother with matrices (the naive reference). */
  private static double[] naiveKalman(double[] z, double[] l, double msd, double psd) {
    int n = z.length;
    RealMatrix f = new Array2DRowRealMatrix(new double[][] {{1, 1}, {0, 1}});
    double q = psd * psd;
    RealMatrix qm = new Array2DRowRealMatrix(new double[][] {{q / 4, q / 2}, {q / 2, q}});
    RealMatrix h = new Array2DRowRealMatrix(new double[][] {{1, 0}});
    RealMatrix[] xp = new RealMatrix[n];
    RealMatrix[] pp = new RealMatrix[n];
    RealMatrix[] xf = new RealMatrix[n];
    RealMatrix[] pf = new RealMatrix[n];
    RealMatrix x = new Array2DRowRealMatrix(new double[][] {{z[0]}, {0}});
    RealMatrix p = new Array2DRowRealMatrix(new double[][] {{msd * msd, 0}, {0, 100}});
    for (int t = 0; t < n; t++) {
      if (t > 0) {
        x = f.multiply(x);
        p = f.multiply(p).multiply(f.transpose()).add(qm);
      }
      xp[t] = x;
      pp[t] = p;
      if (!Double.isNaN(z[t])) {
        double r = Math.pow(msd / l[t], 2);
        RealMatrix s = h.multiply(p).multiply(h.transpose()).scalarAdd(r);
        RealMatrix k = p.multiply(h.transpose()).scalarMultiply(1 / s.getEntry(0, 0));
        x = x.add(k.scalarMultiply(z[t] - h.multiply(x).getEntry(0, 0)));
        p = MatrixUtils.createRealIdentityMatrix(2).subtract(k.multiply(h)).multiply(p);
      }
      xf[t] = x;
      pf[t] = p;
    }
    double[] out = new double[n];
    RealMatrix xs = xf[n - 1];
    out[n - 1] = xs.getEntry(0, 0);
    for (int t = n - 2; t >= 0; t--) {
      RealMatrix c = pf[t].multiply(f.transpose()).multiply(MatrixUtils.inverse(pp[t + 1]));
      xs = xf[t].add(c.multiply(xs.subtract(xp[t + 1])));
      out[t] = xs.getEntry(0, 0);
    }
    return out;
  }

  @Test
  void kalmanMatchesNaiveMatrixImplementation() {
    double[] z = track(3, 120, 0.15);
    z[0] = 100;
    Random r = new Random(4);
    double[] l = new double[z.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = 0.2 + 0.8 * r.nextDouble();
    }
    double[] got = TrackFilters.kalman(z, l, 2, 1);
    double[] want = naiveKalman(z, l, 2, 1);
    for (int i = 0; i < z.length; i++) {
      assertEquals(want[i], got[i], 1e-6, "frame " + i);
    }
  }

  @Test
  void kalmanSmoothsNoiseAndFillsGaps() {
    Random r = new Random(5);
    int n = 300;
    double[] truth = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = 50 + 0.8 * i;
      z[i] = (i > 100 && i < 110) ? N : truth[i] + 3 * r.nextGaussian();
    }
    double[] s = TrackFilters.kalman(z, null, 3, 0.1);
    double errRaw = 0;
    double errS = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
      assertTrue(!Double.isNaN(s[i]), "frame " + i + " filled");
      if (!Double.isNaN(z[i])) {
        errRaw += Math.abs(z[i] - truth[i]);
        errS += Math.abs(s[i] - truth[i]);
        m++;
      }
    }
    assertTrue(errS < 0.5 * errRaw, "smoothed " + errS / m + " vs raw " + errRaw / m);
    assertEquals(truth[105], s[105], 2.0);
  }

  @Test
  void poseFilterTreatsLowLikelihoodAsMissing() {
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("nose"));
    PoseTable t = new PoseTable("s", layout, 5);
    KeypointId k = KeypointId.of("nose");
    for (int f = 0; f < 5; f++) {
      t.set(f, k, f * 10, 0, f == 2 ? 0.1 : 0.9);
    }
    t.set(2, k, 999, 999, 0.1);
    PoseTable out = new PoseFilter(PoseFilter.Method.INTERPOLATE, 5, 0.5, 3).apply(t);
    assertEquals(20, out.x(2, k), 1e-12);
    assertEquals(0.1, out.likelihood(2, k), 1e-12);
  }
}

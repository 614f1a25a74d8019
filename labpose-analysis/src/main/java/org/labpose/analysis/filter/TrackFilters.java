package org.labpose.analysis.filter;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Filters over one series of values per frame (pixels); NaN marks a missing value. Every filter
 * returns a new array of the same length; missing values stay missing unless the filter fills
 * them ({@link #interpolate}, {@link #kalman}).
 */
public final class TrackFilters {
  private TrackFilters() {}

  /**
   * Running median over a centred window of {@code window} frames (odd), ignoring missing values;
   * a missing value stays missing.
   */
  public static double[] median(double[] x, int window) {
    checkWindow(window);
    int h = window / 2;
    double[] out = new double[x.length];
    double[] buf = new double[window];
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        out[i] = Double.NaN;
        continue;
      }
      int n = 0;
      for (int j = Math.max(0, i - h); j <= Math.min(x.length - 1, i + h); j++) {
        if (!Double.isNaN(x[j])) {
          buf[n++] = x[j];
        }
      }
      Arrays.sort(buf, 0, n);
      out[i] = n % 2 == 1 ? buf[n / 2] : 0.5 * (buf[n / 2 - 1] + buf[n / 2]);
    }
    return out;
  }

  /**
   * Fills gaps of at most {@code maxGap} missing frames by linear interpolation between the values
   * around them; longer gaps and gaps at the ends stay missing.
   */
  public static double[] interpolate(double[] x, int maxGap) {
    double[] out = x.clone();
    int i = 0;
    while (i < x.length) {
      if (!Double.isNaN(x[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < x.length && Double.isNaN(x[i])) {
        i++;
      }
      int len = i - start;
      if (start > 0 && i < x.length && len <= maxGap) {
        double a = x[start - 1];
        double b = x[i];
        for (int k = 0; k < len; k++) {
          out[start + k] = a + (b - a) * (k + 1) / (len + 1);
        }
      }
    }
    return out;
  }

  /**
   * Savitzky–Golay smoothing: at each frame, the value at the centre of a least-squares polynomial
   * of degree {@code order} fitted to the {@code window} frames around it (shorter windows at the
   * ends; missing values left out of the fit; a missing value stays missing).
   */
  public static double[] savgol(double[] x, int window, int order) {
    checkWindow(window);
    if (order < 0 || order >= window) {
      throw new IllegalArgumentException("polynomial order must be 0 to window - 1, got " + order);
    }
    int h = window / 2;
    double[] out = new double[x.length];
    // Interior frames with a complete window: the fit's value at the centre is a fixed linear
    // combination of the window (the classic Savitzky–Golay coefficients), computed once.
    double[] coef = new double[window];
    double[] ts = new double[window];
    double[] vs = new double[window];
    for (int j = 0; j < window; j++) {
      ts[j] = j - h;
    }
    for (int j = 0; j < window; j++) {
      vs[j] = 1;
      coef[j] = polyFitAtZero(ts, vs, window, order);
      vs[j] = 0;
    }
    int missingInWindow = 0;
    for (int j = 0; j < Math.min(window - 1, x.length); j++) {
      missingInWindow += Double.isNaN(x[j]) ? 1 : 0;
    }
    for (int i = 0; i < x.length; i++) {
      if (i + h < x.length && i - h >= 0) {
        missingInWindow += Double.isNaN(x[i + h]) ? 1 : 0;
        if (i - h - 1 >= 0) {
          missingInWindow -= Double.isNaN(x[i - h - 1]) ? 1 : 0;
        }
        if (missingInWindow == 0) {
          double s = 0;
          for (int j = 0; j < window; j++) {
            s += coef[j] * x[i - h + j];
          }
          out[i] = s;
          continue;
        }
      }
      if (Double.isNaN(x[i])) {
        out[i] = Double.NaN;
        continue;
      }
      int n = 0;
      for (int j = Math.max(0, i - h); j <= Math.min(x.length - 1, i + h); j++) {
        if (!Double.isNaN(x[j])) {
          ts[n] = j - i;
          vs[n] = x[j];
          n++;
        }
      }
      int deg = Math.min(order, n - 1);
      out[i] = polyFitAtZero(ts, vs, n, deg);
    }
    return out;
  }

  /** Least-squares polynomial of degree {@code deg} through (t, v); its value at t = 0. */
  static double polyFitAtZero(double[] t, double[] v, int n, int deg) {
    int m = deg + 1;
    double[][] ata = new double[m][m];
    double[] atb = new double[m];
    for (int k = 0; k < n; k++) {
      double[] p = new double[m];
      p[0] = 1;
      for (int d = 1; d < m; d++) {
        p[d] = p[d - 1] * t[k];
      }
      for (int r = 0; r < m; r++) {
        atb[r] += p[r] * v[k];
        for (int c = 0; c < m; c++) {
          ata[r][c] += p[r] * p[c];
        }
      }
    }
    RealMatrix a = new Array2DRowRealMatrix(ata, false);
    double[] coef = new LUDecomposition(a).getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(atb, false)).toArray();
    return coef[0];
  }

  /**
   * A constant-velocity Kalman filter followed by a Rauch–Tung–Striebel smoother. The measurement
   * noise of a frame is {@code measurementSd / likelihood} (so low-confidence points count less);
   * missing measurements are skipped, so gaps are filled by the motion model.
   *
   * @param likelihood per-frame likelihood in (0, 1], or null for 1 everywhere
   * @param measurementSd measurement noise standard deviation at likelihood 1 (pixels)
   * @param processSd acceleration noise standard deviation (pixels per frame²)
   */
  public static double[] kalman(double[] x, double[] likelihood, double measurementSd, double processSd) {
    int n = x.length;
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    int first = 0;
    while (first < n && Double.isNaN(x[first])) {
      first++;
    }
    if (first == n) {
      return out;
    }
    // state (position, velocity); F = [[1,1],[0,1]]; Q from white acceleration noise
    double q = processSd * processSd;
    double q11 = q / 4;
    double q12 = q / 2;
    double q22 = q;
    double[] mp = new double[n * 2]; // predicted means
    double[] pp = new double[n * 3]; // predicted covariances (p11, p12, p22)
    double[] mf = new double[n * 2]; // filtered
    double[] pf = new double[n * 3];
    double m0 = x[first];
    double m1 = 0;
    double p11 = measurementSd * measurementSd;
    double p12 = 0;
    double p22 = 100;
    for (int t = first; t < n; t++) {
      if (t > first) {
        double nm0 = m0 + m1;
        double nm1 = m1;
        double np11 = p11 + 2 * p12 + p22 + q11;
        double np12 = p12 + p22 + q12;
        double np22 = p22 + q22;
        m0 = nm0;
        m1 = nm1;
        p11 = np11;
        p12 = np12;
        p22 = np22;
      }
      mp[2 * t] = m0;
      mp[2 * t + 1] = m1;
      pp[3 * t] = p11;
      pp[3 * t + 1] = p12;
      pp[3 * t + 2] = p22;
      double z = x[t];
      double l = likelihood == null ? 1 : likelihood[t];
      if (!Double.isNaN(z) && !(l <= 0)) {
        double sd = measurementSd / (Double.isNaN(l) ? 1 : Math.min(1, l));
        double r = sd * sd;
        double s = p11 + r;
        double k0 = p11 / s;
        double k1 = p12 / s;
        double y = z - m0;
        m0 += k0 * y;
        m1 += k1 * y;
        double n11 = (1 - k0) * p11;
        double n12 = (1 - k0) * p12;
        double n22 = p22 - k1 * p12;
        p11 = n11;
        p12 = n12;
        p22 = n22;
      }
      mf[2 * t] = m0;
      mf[2 * t + 1] = m1;
      pf[3 * t] = p11;
      pf[3 * t + 1] = p12;
      pf[3 * t + 2] = p22;
    }
    // RTS smoother backwards
    double s0 = mf[2 * (n - 1)];
    double s1 = mf[2 * (n - 1) + 1];
    double c11 = pf[3 * (n - 1)];
    double c12 = pf[3 * (n - 1) + 1];
    double c22 = pf[3 * (n - 1) + 2];
    out[n - 1] = s0;
    for (int t = n - 2; t >= first; t--) {
      double a11 = pf[3 * t];
      double a12 = pf[3 * t + 1];
      double a22 = pf[3 * t + 2];
      // P_f F^T
      double b11 = a11 + a12;
      double b12 = a12;
      double b21 = a12 + a22;
      double b22 = a22;
      // inverse of predicted covariance at t+1
      double e11 = pp[3 * (t + 1)];
      double e12 = pp[3 * (t + 1) + 1];
      double e22 = pp[3 * (t + 1) + 2];
      double det = e11 * e22 - e12 * e12;
      double i11 = e22 / det;
      double i12 = -e12 / det;
      double i22 = e11 / det;
      // gain C = P_f F^T P_p^-1
      double g11 = b11 * i11 + b12 * i12;
      double g12 = b11 * i12 + b12 * i22;
      double g21 = b21 * i11 + b22 * i12;
      double g22 = b21 * i12 + b22 * i22;
      double d0 = s0 - mp[2 * (t + 1)];
      double d1 = s1 - mp[2 * (t + 1) + 1];
      double ns0 = mf[2 * t] + g11 * d0 + g12 * d1;
      double ns1 = mf[2 * t + 1] + g21 * d0 + g22 * d1;
      // covariance: P_s = P_f + C (P_s' - P_p) C^T (kept for completeness of the recursion)
      double f11 = c11 - e11;
      double f12 = c12 - e12;
      double f22 = c22 - e22;
      double h11 = g11 * f11 + g12 * f12;
      double h12 = g11 * f12 + g12 * f22;
      double h21 = g21 * f11 + g22 * f12;
      double h22 = g21 * f12 + g22 * f22;
      c11 = a11 + h11 * g11 + h12 * g12;
      c12 = a12 + h11 * g21 + h12 * g22;
      c22 = a22 + h21 * g21 + h22 * g22;
      s0 = ns0;
      s1 = ns1;
      out[t] = s0;
    }
    return out;
  }

  private static void checkWindow(int window) {
    if (window < 1 || window % 2 == 0) {
      throw new IllegalArgumentException("window must be an odd number of frames, got " + window);
    }
  }
}

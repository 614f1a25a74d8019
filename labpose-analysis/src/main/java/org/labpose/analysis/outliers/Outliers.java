package org.labpose.analysis.outliers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.labpose.analysis.filter.TrackFilters;
import org.labpose.core.SettingException;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Candidate frames for refinement, as DeepLabCut's {@code extract_outlier_frames} finds them, over
 * the chosen keypoints (all by default). Positions in pixels, frames 0-based.
 * <ul>
 *   <li>{@code uncertain}: a keypoint's likelihood is below {@code pcutoff};
 *   <li>{@code jump}: a keypoint moves more than {@code epsilon} px from the previous frame (both
 *       frames above the p-cutoff);
 *   <li>{@code fitting}: a keypoint lies more than {@code epsilon} px from a constant-velocity
 *       Kalman/RTS smoother fitted to its track (the filter of {@link TrackFilters#kalman});
 *   <li>{@code manual}: given frames.
 * </ul>
 */
public final class Outliers {
  private Outliers() {}

  /** The algorithms. */
  public enum Algorithm { UNCERTAIN, JUMP, FITTING, MANUAL;
    /** Parses {@code uncertain}, {@code jump}, {@code fitting} or {@code manual}. */
    public static Algorithm parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SettingException("algorithm", "unknown outlier algorithm '" + s + "'; expected uncertain, jump, fitting or manual");
      }
    }
  }

  /**
   * Candidate frames, ascending.
   *
   * @param keypoints keypoints to look at; empty for all
   * @param manual the frames for {@link Algorithm#MANUAL}
   */
  public static List<Integer> candidates(PoseTable t, Algorithm algo, double pcutoff, double epsilon, List<KeypointId> keypoints,
      List<Integer> manual) {
    int n = t.frameCount();
    List<KeypointId> ks = keypoints.isEmpty() ? t.layout().keypoints() : keypoints;
    for (KeypointId k : ks) {
      if (!t.layout().contains(k)) {
        throw new SettingException("keypoints", "no bodypart " + k + " in the predictions; bodyparts: " + t.layout().keypoints());
      }
    }
    boolean[] out = new boolean[n];
    if (algo == Algorithm.MANUAL) {
      for (int f : manual) {
        if (f < 0 || f >= n) {
          throw new SettingException("frames", "frame " + f + " is outside the video's 0.." + (n - 1));
        }
        out[f] = true;
      }
    } else {
      for (KeypointId k : ks) {
        double[] x = t.xSeries(k);
        double[] y = t.ySeries(k);
        double[] p = t.likelihoodSeries(k);
        switch (algo) {
          case UNCERTAIN -> {
            for (int f = 0; f < n; f++) {
              out[f] |= !Confidence.present(x[f], y[f], p[f], pcutoff);
            }
          }
          case JUMP -> {
            for (int f = 1; f < n; f++) {
              if (Confidence.present(x[f], y[f], p[f], pcutoff) && Confidence.present(x[f - 1], y[f - 1], p[f - 1], pcutoff) && Math.hypot(x[f] - x[f - 1], y[f] - y[f - 1]) > epsilon) {
                out[f] = true;
              }
            }
          }
          default -> {
            double[] xs = x.clone();
            double[] ys = y.clone();
            double[] ps = p.clone();
            for (int f = 0; f < n; f++) {
              if (!Confidence.present(x[f], y[f], p[f], pcutoff)) {
                xs[f] = Double.NaN;
                ys[f] = Double.NaN;
              }
              ps[f] = Double.isNaN(ps[f]) ? 1 : Math.max(0.05, ps[f]);
            }
            double[] fx = TrackFilters.kalman(xs, ps, 2.0, 1.0);
            double[] fy = TrackFilters.kalman(ys, ps, 2.0, 1.0);
            for (int f = 0; f < n; f++) {
              if (Math.hypot(x[f] - fx[f], y[f] - fy[f]) > epsilon) {
                out[f] = true;
              }
            }
          }
        }
      }
    }
    List<Integer> frames = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      if (out[f]) {
        frames.add(f);
      }
    }
    return frames;
  }
}

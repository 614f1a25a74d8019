package org.labpose.analysis.filter;

import java.util.Locale;
import org.labpose.core.SettingException;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Filters every keypoint track of a pose table. Points whose likelihood is below the p-cutoff count
 * as missing before filtering. Likelihoods are kept as they were (a point filled by interpolation or
 * the Kalman smoother keeps its low likelihood, so plots can still tell it apart).
 *
 * @param method median, savgol, kalman or interpolate
 * @param window window in frames (odd) for median and savgol (default 5)
 * @param pcutoff likelihood under which a point is missing
 * @param maxGap the longest gap (frames) that interpolate fills (default 10)
 */
public record PoseFilter(Method method, int window, double pcutoff, int maxGap) {
  /** The filters. */
  public enum Method { MEDIAN, SAVGOL, KALMAN, INTERPOLATE;
    /** Parses a name such as {@code savgol}. */
    public static Method parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SettingException("method", "unknown filter '" + s + "'; expected median, savgol, kalman or interpolate");
      }
    }
  }

  public PoseFilter {
    if (window < 1 || window % 2 == 0) {
      throw new SettingException("window", "must be an odd number of frames, got " + window);
    }
    if (maxGap < 0) {
      throw new SettingException("maxGap", "must be 0 or more frames, got " + maxGap);
    }
  }

  /** A filtered copy of {@code t}. */
  public PoseTable apply(PoseTable t) {
    PoseTable out = new PoseTable(t.scorer(), t.layout(), t.frameCount());
    for (KeypointId k : t.layout().keypoints()) {
      double[][] xy = Confidence.presentSeries(t, k, pcutoff);
      double[] x = xy[0];
      double[] y = xy[1];
      double[] p = t.likelihoodSeries(k);
      double[] fx;
      double[] fy;
      switch (method) {
        case MEDIAN -> {
          fx = TrackFilters.median(x, window);
          fy = TrackFilters.median(y, window);
        }
        case SAVGOL -> {
          int order = Math.min(3, window - 1);
          fx = TrackFilters.savgol(x, window, order);
          fy = TrackFilters.savgol(y, window, order);
        }
        case KALMAN -> {
          fx = TrackFilters.kalman(x, p, 2.0, 1.0);
          fy = TrackFilters.kalman(y, p, 2.0, 1.0);
        }
        default -> {
          fx = TrackFilters.interpolate(x, maxGap);
          fy = TrackFilters.interpolate(y, maxGap);
        }
      }
      for (int f = 0; f < x.length; f++) {
        out.set(f, k, fx[f], fy[f], p[f]);
      }
    }
    return out;
  }
}

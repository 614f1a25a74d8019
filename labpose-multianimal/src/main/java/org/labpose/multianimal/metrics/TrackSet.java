package org.labpose.multianimal.metrics;

import java.util.ArrayList;
import java.util.List;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Named tracks over frames: per track, frame and keypoint an x, y position in px (origin top-left),
 * NaN where absent. Used to compare tracks with reference tracks.
 *
 * @param names track (individual) names
 * @param xy [track][frame][keypoint][x, y]
 */
public record TrackSet(List<String> names, double[][][][] xy) {
  public TrackSet {
    names = List.copyOf(names);
    if (names.size() != xy.length) {
      throw new IllegalArgumentException(names.size() + " names for " + xy.length + " tracks");
    }
  }

  /** Number of frames. */
  public int frames() {
    return xy.length == 0 ? 0 : xy[0].length;
  }

  /** True when track {@code t} has at least one keypoint in frame {@code f}. */
  public boolean present(int t, int f) {
    for (double[] k : xy[t][f]) {
      if (!Double.isNaN(k[0]) && !Double.isNaN(k[1])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The individuals of a multi-animal pose table (not the unique bodyparts), keypoints below the
   * p-cutoff left out, bodyparts in {@code bodyparts} order.
   */
  public static TrackSet of(PoseTable table, List<String> bodyparts, double pcutoff) {
    List<String> names = table.layout().individuals();
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the table has no individuals (single-animal layout)");
    }
    double[][][][] xy = new double[names.size()][table.frameCount()][bodyparts.size()][2];
    for (int t = 0; t < names.size(); t++) {
      for (int b = 0; b < bodyparts.size(); b++) {
        KeypointId k = new KeypointId(names.get(t), bodyparts.get(b));
        boolean has = table.layout().contains(k);
        for (int f = 0; f < table.frameCount(); f++) {
          if (has && Confidence.present(table, f, k, pcutoff)) {
            xy[t][f][b][0] = table.x(f, k);
            xy[t][f][b][1] = table.y(f, k);
          } else {
            xy[t][f][b][0] = Double.NaN;
            xy[t][f][b][1] = Double.NaN;
          }
        }
      }
    }
    return new TrackSet(names, xy);
  }

  /** Frames {@code first..last} (inclusive) only. */
  public TrackSet frames(int first, int last) {
    if (first < 0 || last < first || last >= frames()) {
      throw new IllegalArgumentException("frames " + first + "-" + last + " are not within the " + frames() + " frames");
    }
    double[][][][] sub = new double[xy.length][][][];
    for (int t = 0; t < xy.length; t++) {
      sub[t] = java.util.Arrays.copyOfRange(xy[t], first, last + 1);
    }
    return new TrackSet(names, sub);
  }

  /** Mean distance in px over the keypoints both have, or +infinity when they share none. */
  static double distance(double[][] a, double[][] b) {
    double s = 0;
    int n = 0;
    for (int k = 0; k < a.length; k++) {
      if (!Double.isNaN(a[k][0]) && !Double.isNaN(b[k][0])) {
        s += Math.hypot(a[k][0] - b[k][0], a[k][1] - b[k][1]);
        n++;
      }
    }
    return n == 0 ? Double.POSITIVE_INFINITY : s / n;
  }

  /** The bodyparts both tables' individuals have, in the reference's order. */
  public static List<String> sharedBodyparts(PoseTable ref, PoseTable test) {
    List<String> out = new ArrayList<>();
    for (String b : ref.layout().bodyparts()) {
      if (test.layout().bodyparts().contains(b)) {
        out.add(b);
      }
    }
    return out;
  }
}

package org.labpose.multianimal.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One animal over a run of frames: per frame, per bodypart x, y (px, origin top-left), likelihood and
 * identity vote (-1 without identity head; NaN rows where the bodypart was not found). Frames are
 * sorted and unique. Immutable.
 */
public final class Tracklet {
  private final int[] frames;
  private final double[][][] data;
  private double[][] centroid;
  private Integer identity;

  /**
   * @param frames frame indices, any order (sorted here, stably)
   * @param data per frame (same order as {@code frames}) bodyparts x {x, y, likelihood[, identity]}
   */
  public Tracklet(int[] frames, double[][][] data) {
    if (frames.length != data.length) {
      throw new IllegalArgumentException(frames.length + " frames but " + data.length + " rows of data");
    }
    Integer[] order = new Integer[frames.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> frames[i]));
    this.frames = new int[frames.length];
    this.data = new double[frames.length][][];
    for (int i = 0; i < order.length; i++) {
      this.frames[i] = frames[order[i]];
      double[][] row = data[order[i]];
      this.data[i] = new double[row.length][4];
      for (int b = 0; b < row.length; b++) {
        if (row[b].length != 3 && row[b].length != 4) {
          throw new IllegalArgumentException(
              "frame " + frames[order[i]] + " bodypart " + b + ": " + row[b].length + " values, expected 3 or 4");
        }
        System.arraycopy(row[b], 0, this.data[i][b], 0, row[b].length);
        if (row[b].length == 3) {
          this.data[i][b][3] = Double.isNaN(row[b][0]) ? Double.NaN : -1;
        }
      }
    }
  }

  /** Number of frames. */
  public int size() {
    return frames.length;
  }

  /** First frame. */
  public int start() {
    return frames[0];
  }

  /** Last frame. */
  public int end() {
    return frames[frames.length - 1];
  }

  /** Frame of the {@code i}-th row. */
  public int frame(int i) {
    return frames[i];
  }

  /** All frames, sorted. */
  public int[] frames() {
    return frames.clone();
  }

  /** Number of bodyparts. */
  public int bodyparts() {
    return data.length == 0 ? 0 : data[0].length;
  }

  /** Row {@code i}: bodyparts x {x, y, likelihood, identity}; a copy. */
  public double[][] row(int i) {
    double[][] r = new double[data[i].length][];
    for (int b = 0; b < r.length; b++) {
      r[b] = data[i][b].clone();
    }
    return r;
  }

  /** Value {@code c} (0 x, 1 y, 2 likelihood, 3 identity) of bodypart {@code b} in row {@code i}. */
  public double value(int i, int b, int c) {
    return data[i][b][c];
  }

  /** True when no frame has a gap to the next. */
  public boolean isContinuous() {
    return end() - start() + 1 == size();
  }

  /** True when the two share a frame. */
  public boolean overlaps(Tracklet o) {
    int i = 0;
    int j = 0;
    while (i < frames.length && j < o.frames.length) {
      if (frames[i] == o.frames[j]) {
        return true;
      }
      if (frames[i] < o.frames[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  /** True when this ends before {@code o} starts. */
  public boolean precedes(Tracklet o) {
    return end() < o.start();
  }

  /** Frames between the two (0 when they overlap). */
  public int timeGapTo(Tracklet o) {
    if (overlaps(o)) {
      return 0;
    }
    return precedes(o) ? o.start() - end() : start() - o.end();
  }

  /** Mean likelihood over all detections (NaN ignored). */
  public double likelihood() {
    double s = 0;
    int n = 0;
    for (double[][] row : data) {
      for (double[] b : row) {
        if (!Double.isNaN(b[2])) {
          s += b[2];
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** The most frequent identity vote (the smallest on ties; -1 when none); counted once. */
  public int identity() {
    if (identity == null) {
      identity = countIdentity();
    }
    return identity;
  }

  private int countIdentity() {
    TreeMap<Double, Integer> counts = new TreeMap<>();
    for (double[][] row : data) {
      for (double[] b : row) {
        if (!Double.isNaN(b[3])) {
          counts.merge(b[3], 1, Integer::sum);
        }
      }
    }
    double best = -1;
    int bestCount = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return (int) best;
  }

  /** Per row the likelihood-weighted mean position of the bodyparts, px ({x, y}; NaN when none). */
  public double[][] centroid() {
    if (centroid == null) {
      double[][] c = new double[frames.length][2];
      for (int i = 0; i < frames.length; i++) {
        double sx = 0;
        double sy = 0;
        double sw = 0;
        for (double[] b : data[i]) {
          if (!Double.isNaN(b[2])) {
            sw += b[2];
          }
          if (!Double.isNaN(b[0] * b[2])) {
            sx += b[0] * b[2];
          }
          if (!Double.isNaN(b[1] * b[2])) {
            sy += b[1] * b[2];
          }
        }
        c[i][0] = sx / sw;
        c[i][1] = sy / sw;
      }
      centroid = c;
    }
    return centroid;
  }

  /**
   * Distance in px: the mean centroid distance over shared frames when they overlap, else from the
   * end of the earlier to the start of the later.
   */
  public double distanceTo(Tracklet o) {
    double[][] c1 = centroid();
    double[][] c2 = o.centroid();
    if (overlaps(o)) {
      double s = 0;
      int n = 0;
      int i = 0;
      int j = 0;
      while (i < frames.length && j < o.frames.length) {
        if (frames[i] == o.frames[j]) {
          s += Math.hypot(c1[i][0] - c2[j][0], c1[i][1] - c2[j][1]);
          n++;
          i++;
          j++;
        } else if (frames[i] < o.frames[j]) {
          i++;
        } else {
          j++;
        }
      }
      return s / n;
    }
    if (precedes(o)) {
      double[] a = c1[c1.length - 1];
      double[] b = c2[0];
      return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
    double[] a = c1[0];
    double[] b = c2[c2.length - 1];
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }

  /**
   * Mean centroid velocity (px/frame, {vx, vy}) over up to {@code n} frames at the end
   * ({@code atEnd}) or the start; {0, 0} for a single frame.
   */
  public double[] velocity(boolean atEnd, int n) {
    double[][] c = centroid();
    int k = Math.min(n, size() - 1);
    if (k < 1) {
      return new double[] {0, 0};
    }
    int i0 = atEnd ? size() - 1 - k : 0;
    int i1 = atEnd ? size() - 1 : k;
    double df = frames[i1] - frames[i0];
    if (df <= 0 || Double.isNaN(c[i0][0]) || Double.isNaN(c[i1][0])) {
      return new double[] {0, 0};
    }
    return new double[] {(c[i1][0] - c[i0][0]) / df, (c[i1][1] - c[i0][1]) / df};
  }

  /** Box {xmin, ymin, xmax, ymax} of the bodyparts in row {@code i}. */
  double[] box(int i) {
    double[] bb = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    for (double[] b : data[i]) {
      if (Double.isNaN(b[0]) || Double.isNaN(b[1])) {
        continue;
      }
      bb[0] = Double.isNaN(bb[0]) ? b[0] : Math.min(bb[0], b[0]);
      bb[1] = Double.isNaN(bb[1]) ? b[1] : Math.min(bb[1], b[1]);
      bb[2] = Double.isNaN(bb[2]) ? b[0] : Math.max(bb[2], b[0]);
      bb[3] = Double.isNaN(bb[3]) ? b[1] : Math.max(bb[3], b[1]);
    }
    return bb;
  }

  /** Intersection over union of the boxes at the facing ends (0 when the two overlap in time). */
  public double boxOverlapWith(Tracklet o) {
    if (overlaps(o)) {
      return 0;
    }
    double[] b1 = precedes(o) ? box(size() - 1) : box(0);
    double[] b2 = precedes(o) ? o.box(0) : o.box(o.size() - 1);
    return iou(b1, b2);
  }

  static double iou(double[] a, double[] b) {
    double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
    double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
    double inter = w * h;
    double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    return union > 0 ? inter / union : 0; // flat boxes (one bodypart, or all in a line) share no area
  }

  /** The rows of frames {@code from..to-1} (row indices). */
  Tracklet slice(int from, int to) {
    return new Tracklet(Arrays.copyOfRange(frames, from, to), Arrays.copyOfRange(data, from, to));
  }

  /** Pieces without gaps. */
  List<Tracklet> splitAtGaps() {
    List<Tracklet> out = new ArrayList<>();
    int s = 0;
    for (int i = 1; i <= frames.length; i++) {
      if (i == frames.length || frames[i] != frames[i - 1] + 1) {
        out.add(slice(s, i));
        s = i;
      }
    }
    return out;
  }

  /** Without the frames where no bodypart has a position; null when none is left. */
  Tracklet purified() {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      for (double[] b : data[i]) {
        if (!Double.isNaN(b[0]) || !Double.isNaN(b[1])) {
          keep.add(i);
          break;
        }
      }
    }
    if (keep.isEmpty()) {
      return null;
    }
    if (keep.size() == frames.length) {
      return this;
    }
    int[] f = new int[keep.size()];
    double[][][] d = new double[keep.size()][][];
    for (int k = 0; k < f.length; k++) {
      f[k] = frames[keep.get(k)];
      d[k] = data[keep.get(k)];
    }
    return new Tracklet(f, d);
  }

  /** The frames of all the given tracklets together, sorted (stably: equal frames keep input order). */
  public static Tracklet concat(Collection<Tracklet> parts) {
    int n = 0;
    for (Tracklet t : parts) {
      n += t.size();
    }
    int[] f = new int[n];
    double[][][] d = new double[n][][];
    int k = 0;
    for (Tracklet t : parts) {
      for (int i = 0; i < t.size(); i++) {
        f[k] = t.frames[i];
        d[k++] = t.data[i];
      }
    }
    return new Tracklet(f, d);
  }

  @Override
  public String toString() {
    return "Tracklet of " + size() + " frames from " + start() + " to " + end();
  }
}

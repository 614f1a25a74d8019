package org.labpose.multianimal.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.filter.DefaultMeasurementModel;
import org.apache.commons.math3.filter.DefaultProcessModel;
import org.apache.commons.math3.filter.KalmanFilter;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.labpose.multianimal.Matching;
import org.labpose.multianimal.assembly.Animal;

/**
 * Links each frame's animals into tracklets, SORT-style (Bewley et al. 2016, "Simple Online and Realtime
 * Tracking"): every track carries a constant-velocity Kalman filter on the box around its keypoints
 * (centre, width, height and their velocities, px and px/frame); each frame the filters predict and
 * the animals are matched to the tracks by the Hungarian algorithm, on the mean distance of their
 * bodyparts to the track's last pose moved by the filter's velocity (method {@code keypoints}, gated
 * at {@code maxDistance}) or on 1 - IoU of the boxes (method {@code box}, SORT's, gated at the IoU
 * threshold); unmatched animals start new tracks, and tracks unmatched for more than {@code maxAge}
 * frames end. Feed frames in increasing order; not thread-safe.
 */
public final class Tracker {
  private final TrackerParams params;
  private final List<Track> live = new ArrayList<>();
  private final List<Track> all = new ArrayList<>();
  private int lastFrame = Integer.MIN_VALUE;

  public Tracker(TrackerParams params) {
    this.params = params;
  }

  /**
   * Adds one frame's animals.
   *
   * @return per animal (same order) the id of the tracklet it joined
   */
  public int[] update(int frame, List<Animal> animals) {
    if (frame <= lastFrame) {
      throw new IllegalArgumentException("frame " + frame + " after frame " + lastFrame + ": frames must increase");
    }
    int step = lastFrame == Integer.MIN_VALUE ? 1 : frame - lastFrame;
    lastFrame = frame;
    List<double[]> boxes = new ArrayList<>();
    for (Animal a : animals) {
      boxes.add(box(a, params.boxSlack()));
    }
    for (Track t : live) {
      for (int s = 0; s < step; s++) {
        t.filter.predict();
      }
    }
    int[] ids = new int[animals.size()];
    java.util.Arrays.fill(ids, -1);
    boolean[] matchedTrack = new boolean[live.size()];
    List<Integer> usable = new ArrayList<>();
    for (int i = 0; i < animals.size(); i++) {
      if (boxes.get(i) != null) {
        usable.add(i);
      }
    }
    if (!live.isEmpty() && !usable.isEmpty() && params.method().equals("keypoints")) {
      double[][] cost = new double[usable.size()][live.size()];
      double[][] gate = new double[usable.size()][live.size()];
      for (int i = 0; i < usable.size(); i++) {
        Animal an = animals.get(usable.get(i));
        for (int j = 0; j < live.size(); j++) {
          Track t = live.get(j);
          cost[i][j] = t.distanceTo(an, frame);
          gate[i][j] = params.maxDistance() > 0 ? params.maxDistance() : Math.max(10, 0.5 * t.size());
        }
      }
      double[][] c = new double[cost.length][];
      for (int i = 0; i < cost.length; i++) {
        c[i] = new double[cost[i].length];
        for (int j = 0; j < c[i].length; j++) {
          c[i][j] = cost[i][j] <= gate[i][j] ? cost[i][j] : 1e9;
        }
      }
      for (int[] p : Matching.minimumAssignment(c)) {
        if (c[p[0]][p[1]] < 1e9) {
          int a = usable.get(p[0]);
          Track t = live.get(p[1]);
          t.add(frame, animals.get(a), boxes.get(a));
          ids[a] = t.id;
          matchedTrack[p[1]] = true;
        }
      }
    } else if (!live.isEmpty() && !usable.isEmpty()) {
      double[][] iou = new double[usable.size()][live.size()];
      for (int i = 0; i < usable.size(); i++) {
        for (int j = 0; j < live.size(); j++) {
          iou[i][j] = Tracklet.iou(boxes.get(usable.get(i)), live.get(j).predictedBox());
        }
      }
      for (int[] p : Matching.maximumAssignment(iou)) {
        if (iou[p[0]][p[1]] >= params.iouThreshold() && iou[p[0]][p[1]] > 0) {
          int a = usable.get(p[0]);
          Track t = live.get(p[1]);
          t.add(frame, animals.get(a), boxes.get(a));
          ids[a] = t.id;
          matchedTrack[p[1]] = true;
        }
      }
    }
    for (int j = live.size() - 1; j >= 0; j--) {
      if (!matchedTrack[j] && frame - live.get(j).lastFrame > params.maxAge()) {
        live.remove(j);
      }
    }
    for (int a : usable) {
      if (ids[a] < 0) {
        Track t = new Track(all.size(), frame, animals.get(a), boxes.get(a));
        all.add(t);
        live.add(t);
        ids[a] = t.id;
      }
    }
    return ids;
  }

  /** The tracklets so far (those with at least {@code minHits} detections), by id. */
  public Map<Integer, Tracklet> tracklets() {
    Map<Integer, Tracklet> out = new LinkedHashMap<>();
    for (Track t : all) {
      if (t.frames.size() >= params.minHits()) {
        out.put(t.id, new Tracklet(t.frames.stream().mapToInt(Integer::intValue).toArray(),
            t.rows.toArray(new double[0][][])));
      }
    }
    return out;
  }

  /** Box {xmin, ymin, xmax, ymax} around the animal's keypoints with slack, or null without keypoints. */
  static double[] box(Animal a, double slack) {
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    boolean any = false;
    for (int k = 0; k < a.size(); k++) {
      if (a.has(k)) {
        any = true;
        b[0] = Math.min(b[0], a.x(k));
        b[1] = Math.min(b[1], a.y(k));
        b[2] = Math.max(b[2], a.x(k));
        b[3] = Math.max(b[3], a.y(k));
      }
    }
    if (!any) {
      return null;
    }
    return new double[] {b[0] - slack, b[1] - slack, b[2] + slack, b[3] + slack};
  }

  /** One track: its Kalman filter on (cx, cy, w, h, vx, vy, vw, vh) and its detections. */
  private static final class Track {
    final int id;
    final KalmanFilter filter;
    final List<Integer> frames = new ArrayList<>();
    final List<double[][]> rows = new ArrayList<>();
    int lastFrame;
    double size;

    Track(int id, int frame, Animal a, double[] box) {
      this.id = id;
      RealMatrix f = MatrixUtils.createRealIdentityMatrix(8);
      for (int i = 0; i < 4; i++) {
        f.setEntry(i, i + 4, 1);
      }
      RealMatrix h = new Array2DRowRealMatrix(4, 8);
      for (int i = 0; i < 4; i++) {
        h.setEntry(i, i, 1);
      }
      // Noise as SORT sets it: uncertain velocities at the start, small process noise on velocities.
      RealMatrix q = MatrixUtils.createRealDiagonalMatrix(new double[] {1, 1, 1, 1, 0.01, 0.01, 0.0001, 0.0001});
      RealMatrix r = MatrixUtils.createRealDiagonalMatrix(new double[] {1, 1, 10, 10});
      RealMatrix p0 = MatrixUtils.createRealDiagonalMatrix(new double[] {10, 10, 10, 10, 1000, 1000, 1000, 1000});
      double[] z = measurement(box);
      ArrayRealVector x0 = new ArrayRealVector(new double[] {z[0], z[1], z[2], z[3], 0, 0, 0, 0});
      filter = new KalmanFilter(new DefaultProcessModel(f, null, q, x0, p0), new DefaultMeasurementModel(h, r));
      record(frame, a);
    }

    void add(int frame, Animal a, double[] box) {
      filter.correct(measurement(box));
      record(frame, a);
    }

    private void record(int frame, Animal a) {
      frames.add(frame);
      double[][] kp = a.keypoints();
      rows.add(kp);
      lastFrame = frame;
      double minx = Double.MAX_VALUE, maxx = -Double.MAX_VALUE, miny = Double.MAX_VALUE, maxy = -Double.MAX_VALUE;
      int n = 0;
      for (double[] k : kp) {
        if (!Double.isNaN(k[0])) {
          minx = Math.min(minx, k[0]);
          maxx = Math.max(maxx, k[0]);
          miny = Math.min(miny, k[1]);
          maxy = Math.max(maxy, k[1]);
          n++;
        }
      }
      if (n >= 2) {
        double d = Math.hypot(maxx - minx, maxy - miny);
        size = size == 0 ? d : 0.9 * size + 0.1 * d;
      }
    }

    /** Smoothed size of the animal (keypoint box diagonal), px. */
    double size() {
      return size;
    }

    /**
     * Mean distance (px) of the animal's bodyparts to this track's last pose moved by the track's
     * velocity to {@code frame}; +infinity when they share no bodypart.
     */
    double distanceTo(Animal a, int frame) {
      double[] s = filter.getStateEstimation();
      double[][] last = rows.get(rows.size() - 1);
      int dt = frame - lastFrame;
      double sum = 0;
      int n = 0;
      for (int b = 0; b < Math.min(a.size(), last.length); b++) {
        if (a.has(b) && !Double.isNaN(last[b][0])) {
          // the filter has already predicted to this frame: the velocity times the frames since the last match
          double px = last[b][0] + s[4] * dt;
          double py = last[b][1] + s[5] * dt;
          sum += Math.hypot(a.x(b) - px, a.y(b) - py);
          n++;
        }
      }
      return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    }

    static double[] measurement(double[] box) {
      return new double[] {(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, box[2] - box[0], box[3] - box[1]};
    }

    double[] predictedBox() {
      double[] s = filter.getStateEstimation();
      double w = Math.max(1, s[2]);
      double hgt = Math.max(1, s[3]);
      return new double[] {s[0] - w / 2, s[1] - hgt / 2, s[0] + w / 2, s[1] + hgt / 2};
    }
  }
}

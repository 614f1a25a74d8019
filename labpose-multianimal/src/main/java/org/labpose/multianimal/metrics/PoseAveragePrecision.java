package org.labpose.multianimal.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * COCO-style average precision of predicted animals against labelled ones, over object keypoint
 * similarity (OKS) thresholds 0.50, 0.55, ..., 0.95, as DeepLabCut's multi-animal benchmark reports
 * it. OKS of a prediction with a labelled animal: the mean over the labelled keypoints of
 * exp(-d² / (2 s² (2σ)²)), d the keypoint distance in px, s² the area of the labelled keypoints' box
 * (px²), σ = {@value #SIGMA}; a labelled animal with fewer than 2 keypoints or a flat box is not
 * scored (DeepLabCut's {@code calc_object_keypoint_similarity}). Predictions are ranked by score (mean
 * keypoint confidence); in each frame, each in turn takes the unmatched labelled animal it overlaps
 * most if the OKS reaches the threshold (true positive), else counts as a false positive. AP is the
 * precision interpolated at 101 recall levels, averaged; mAP averages the thresholds; mAR their
 * recalls.
 */
public final class PoseAveragePrecision {
  /** DeepLabCut's default keypoint σ for multi-animal evaluation. */
  public static final double SIGMA = 0.1;

  private PoseAveragePrecision() {}

  /** A predicted animal: keypoints (B x {x, y}, NaN when absent) and its score. */
  public record Prediction(double[][] xy, double score) {}

  /**
   * @param thresholds OKS thresholds
   * @param ap average precision per threshold
   * @param recall recall per threshold
   * @param map mean of {@code ap}
   * @param mar mean of {@code recall}
   * @param animals labelled animals scored
   */
  public record Result(double[] thresholds, double[] ap, double[] recall, double map, double mar, int animals) {}

  /** OKS of a prediction with a labelled animal, NaN when the labelled animal cannot be scored. */
  public static double oks(double[][] pred, double[][] truth, double sigma) {
    double minx = Double.POSITIVE_INFINITY, miny = Double.POSITIVE_INFINITY, maxx = Double.NEGATIVE_INFINITY, maxy = Double.NEGATIVE_INFINITY;
    int visible = 0;
    for (double[] t : truth) {
      if (!Double.isNaN(t[0]) && !Double.isNaN(t[1])) {
        visible++;
        minx = Math.min(minx, t[0]);
        maxx = Math.max(maxx, t[0]);
        miny = Math.min(miny, t[1]);
        maxy = Math.max(maxy, t[1]);
      }
    }
    if (visible < 2) {
      return Double.NaN;
    }
    double eps = Math.ulp(1.0);
    double scale2 = (maxx - minx + eps) * (maxy - miny + eps);
    if (scale2 < 1e-8) {
      return Double.NaN;
    }
    double k2 = 4 * sigma * sigma;
    double s = 0;
    for (int b = 0; b < truth.length; b++) {
      if (Double.isNaN(truth[b][0]) || Double.isNaN(truth[b][1])) {
        continue;
      }
      if (Double.isNaN(pred[b][0]) || Double.isNaN(pred[b][1])) {
        continue; // an absent prediction scores 0
      }
      double d2 = Math.pow(pred[b][0] - truth[b][0], 2) + Math.pow(pred[b][1] - truth[b][1], 2);
      s += Math.exp(-d2 / (2 * scale2 * k2));
    }
    return s / visible;
  }

  /**
   * @param truth per frame the labelled animals (B x {x, y})
   * @param predictions per frame (same order) the predicted animals
   */
  public static Result compute(List<List<double[][]>> truth, List<List<Prediction>> predictions) {
    if (truth.size() != predictions.size()) {
      throw new IllegalArgumentException(truth.size() + " frames of labels but " + predictions.size() + " of predictions");
    }
    double[] thresholds = new double[10];
    for (int i = 0; i < 10; i++) {
      thresholds[i] = 0.5 + 0.05 * i;
    }
    // scored labelled animals and each prediction's OKS with each of them
    int animals = 0;
    record Cand(int frame, int index, double score) {}
    List<Cand> all = new ArrayList<>();
    List<double[][]> oks = new ArrayList<>(); // per frame [pred][truth]
    List<boolean[]> scorable = new ArrayList<>();
    for (int f = 0; f < truth.size(); f++) {
      List<double[][]> ts = truth.get(f);
      List<Prediction> ps = predictions.get(f);
      boolean[] ok = new boolean[ts.size()];
      double[][] o = new double[ps.size()][ts.size()];
      for (int t = 0; t < ts.size(); t++) {
        ok[t] = !Double.isNaN(oks(ts.get(t), ts.get(t), SIGMA));
        animals += ok[t] ? 1 : 0;
      }
      for (int p = 0; p < ps.size(); p++) {
        for (int t = 0; t < ts.size(); t++) {
          o[p][t] = ok[t] ? oks(ps.get(p).xy(), ts.get(t), SIGMA) : Double.NaN;
        }
        all.add(new Cand(f, p, ps.get(p).score()));
      }
      oks.add(o);
      scorable.add(ok);
    }
    all.sort(Comparator.comparingDouble((Cand c) -> -c.score()));
    double[] ap = new double[thresholds.length];
    double[] rec = new double[thresholds.length];
    for (int k = 0; k < thresholds.length; k++) {
      List<boolean[]> taken = new ArrayList<>();
      for (boolean[] s : scorable) {
        taken.add(new boolean[s.length]);
      }
      int tp = 0;
      int fp = 0;
      double[] precision = new double[all.size()];
      double[] recall = new double[all.size()];
      for (int i = 0; i < all.size(); i++) {
        Cand c = all.get(i);
        double[] row = oks.get(c.frame())[c.index()];
        int best = -1;
        double bestOks = thresholds[k] - 1e-12;
        for (int t = 0; t < row.length; t++) {
          if (!taken.get(c.frame())[t] && !Double.isNaN(row[t]) && row[t] >= bestOks) {
            if (best < 0 || row[t] > row[best]) {
              best = t;
            }
          }
        }
        if (best >= 0) {
          taken.get(c.frame())[best] = true;
          tp++;
        } else {
          fp++;
        }
        precision[i] = tp / (double) (tp + fp);
        recall[i] = animals == 0 ? 0 : tp / (double) animals;
      }
      // precision made monotone from the right, read at 101 recall levels
      for (int i = precision.length - 2; i >= 0; i--) {
        precision[i] = Math.max(precision[i], precision[i + 1]);
      }
      double sum = 0;
      for (int r = 0; r <= 100; r++) {
        double level = r / 100.0;
        double p = 0;
        for (int i = 0; i < recall.length; i++) {
          if (recall[i] >= level - 1e-12) {
            p = precision[i];
            break;
          }
        }
        sum += p;
      }
      ap[k] = animals == 0 ? Double.NaN : sum / 101;
      rec[k] = animals == 0 ? Double.NaN : (recall.length == 0 ? 0 : recall[recall.length - 1]);
    }
    double map = 0;
    double mar = 0;
    for (int k = 0; k < thresholds.length; k++) {
      map += ap[k];
      mar += rec[k];
    }
    return new Result(thresholds, ap, rec, map / thresholds.length, mar / thresholds.length, animals);
  }
}

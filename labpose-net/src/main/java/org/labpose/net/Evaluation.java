package org.labpose.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.image.RgbImage;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import org.labpose.net.infer.PosePredictor;
import org.labpose.video.Images;

/**
 * Pixel errors of a trained model on labelled frames: Euclidean distance between prediction and
 * label in pixels of the original image, over every labelled keypoint.
 */
public final class Evaluation {
  private Evaluation() {}

  /** Predictions for one frame: x, y, likelihood per keypoint slot. */
  public record FramePrediction(LabeledFrame frame, double[] xyp) {}

  /**
   * Error statistics over a set of frames (pixels).
   *
   * @param frames frames evaluated
   * @param points labelled keypoints compared
   * @param meanError mean Euclidean error
   * @param rmse root mean square error
   * @param meanErrorPcutoff mean error over predictions with likelihood ≥ p-cutoff (NaN if none)
   * @param pointsPcutoff keypoints kept by the p-cutoff
   * @param pck5 fraction of keypoints within 5 px
   * @param pckBbox fraction within 10 % of the frame's labelled bounding-box diagonal
   * @param perBodypart bodypart → mean error
   */
  public record Stats(int frames, int points, double meanError, double rmse, double meanErrorPcutoff, int pointsPcutoff,
      double pck5, double pckBbox, Map<String, Double> perBodypart) {}

  /** Predicts every frame. */
  public static List<FramePrediction> predict(Project p, List<LabeledFrame> frames, PosePredictor predictor) throws IOException {
    List<FramePrediction> out = new ArrayList<>();
    for (LabeledFrame f : frames) {
      RgbImage img = Images.read(p.imagePath(f.imagePath(), null));
      out.add(new FramePrediction(f, predictor.predict(img)));
    }
    return out;
  }

  /** Statistics of predictions against their labels. */
  public static Stats stats(List<FramePrediction> preds, double pcutoff) {
    int n = 0;
    int nc = 0;
    int in5 = 0;
    int inBox = 0;
    double sum = 0;
    double sum2 = 0;
    double sumc = 0;
    Map<String, double[]> per = new LinkedHashMap<>();
    for (FramePrediction fp : preds) {
      LabeledFrame f = fp.frame();
      List<KeypointId> ks = f.layout().keypoints();
      double minx = Double.MAX_VALUE;
      double miny = Double.MAX_VALUE;
      double maxx = -Double.MAX_VALUE;
      double maxy = -Double.MAX_VALUE;
      for (KeypointId k : ks) {
        if (!f.isMissing(k)) {
          minx = Math.min(minx, f.x(k));
          maxx = Math.max(maxx, f.x(k));
          miny = Math.min(miny, f.y(k));
          maxy = Math.max(maxy, f.y(k));
        }
      }
      double diag = Math.hypot(maxx - minx, maxy - miny);
      for (int i = 0; i < ks.size(); i++) {
        KeypointId k = ks.get(i);
        if (f.isMissing(k)) {
          continue;
        }
        double e = Math.hypot(fp.xyp()[3 * i] - f.x(k), fp.xyp()[3 * i + 1] - f.y(k));
        n++;
        sum += e;
        sum2 += e * e;
        if (e <= 5) {
          in5++;
        }
        if (e <= 0.1 * diag) {
          inBox++;
        }
        if (org.labpose.core.model.Confidence.present(fp.xyp()[3 * i], fp.xyp()[3 * i + 1], fp.xyp()[3 * i + 2], pcutoff)) {
          nc++;
          sumc += e;
        }
        double[] acc = per.computeIfAbsent(k.bodypart(), x -> new double[2]);
        acc[0] += e;
        acc[1]++;
      }
    }
    Map<String, Double> perMean = new LinkedHashMap<>();
    per.forEach((b, a) -> perMean.put(b, a[0] / a[1]));
    return new Stats(preds.size(), n, n > 0 ? sum / n : Double.NaN, n > 0 ? Math.sqrt(sum2 / n) : Double.NaN,
        nc > 0 ? sumc / nc : Double.NaN, nc, n > 0 ? (double) in5 / n : Double.NaN, n > 0 ? (double) inBox / n : Double.NaN, perMean);
  }
}

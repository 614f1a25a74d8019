package org.labpose.net.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.metrics.PoseAveragePrecision;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.PosePredictor;
import org.labpose.video.draw.Overlay;
import org.labpose.video.io.Images;

/**
 * Pixel errors of a trained model on labelled frames: Euclidean distance between prediction and
 * label in pixels of the original image, over every labelled keypoint.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Predictions for one frame: x, y, likelihood per keypoint slot; with a multi-animal model also
   * the animals as assembled (before matching to the labels), else null.
   */
  public record FramePrediction(LabeledFrame frame, double[] xyp, FrameAssembly animals) {
    public FramePrediction(LabeledFrame frame, double[] xyp) {
      this(frame, xyp, null);
    }
  }

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

  /**
   * What {@link #evaluate} measured and wrote.
   *
   * @param scorer the network's scorer name (DeepLabCut's)
   * @param iterations training steps of the snapshot evaluated
   * @param pcutoff the p-cutoff used
   * @param train statistics on the training frames
   * @param test statistics on the test frames, or null when the split has none
   * @param results {@code <scorer>-results.csv} (DeepLabCut's columns)
   * @param bodyparts {@code <scorer>-bodyparts.csv}: mean train and test error per bodypart, px
   * @param plots folder of drawn test frames, or null when not asked for
   * @param plotted test frames drawn
   */
  public record Report(String scorer, int iterations, double pcutoff, Stats train, Stats test, Path results, Path bodyparts,
      Path plots, int plotted, AnimalScores animals) {}

  /**
   * A multi-animal model's detection of whole animals (COCO-style average precision over OKS
   * thresholds 0.5:0.95, see {@link PoseAveragePrecision}).
   *
   * @param train on the training frames
   * @param test on the test frames, or null without any
   */
  public record AnimalScores(PoseAveragePrecision.Result train, PoseAveragePrecision.Result test) {}

  /** Average precision of the predicted animals on labelled frames (a multi-animal model). */
  public static PoseAveragePrecision.Result animalPrecision(Project p, List<LabeledFrame> frames, PosePredictor predictor) throws IOException {
    var head = predictor.info().multiAnimalHead();
    return animalPrecision(predict(p, frames, predictor), head.individuals().size(), head.bodyparts().size());
  }

  /** Average precision of the animals of predictions made by a multi-animal model. */
  public static PoseAveragePrecision.Result animalPrecision(List<FramePrediction> predictions, int individuals, int bodyparts) {
    List<List<double[][]>> truth = new ArrayList<>();
    List<List<PoseAveragePrecision.Prediction>> preds = new ArrayList<>();
    for (FramePrediction fp : predictions) {
      double[] xy = fp.frame().coordinates();
      List<double[][]> animals = new ArrayList<>();
      for (int i = 0; i < individuals; i++) {
        double[][] an = new double[bodyparts][2];
        boolean any = false;
        for (int b = 0; b < bodyparts; b++) {
          an[b][0] = xy[2 * (i * bodyparts + b)];
          an[b][1] = xy[2 * (i * bodyparts + b) + 1];
          any |= !Double.isNaN(an[b][0]);
        }
        if (any) {
          animals.add(an);
        }
      }
      truth.add(animals);
      List<PoseAveragePrecision.Prediction> ps = new ArrayList<>();
      for (Animal a : fp.animals().animals()) {
        double[][] an = new double[bodyparts][2];
        for (int b = 0; b < bodyparts; b++) {
          an[b][0] = a.x(b);
          an[b][1] = a.y(b);
        }
        ps.add(new PoseAveragePrecision.Prediction(an, a.meanConfidence()));
      }
      preds.add(ps);
    }
    return PoseAveragePrecision.compute(truth, preds);
  }

  /**
   * Evaluates the latest snapshot of a shuffle on its train and test frames and writes DeepLabCut's
   * results table into {@code evaluation-results/iteration-<n>/<shuffle>/}; with {@code plot}, each
   * test frame with its labels (crosses) and predictions (dots, hollow under the p-cutoff).
   *
   * @param threads inference threads
   */
  public static Report evaluate(Project p, double fraction, int shuffle, double pcutoff, boolean plot, int threads) throws IOException {
    Confidence.checkPcutoff(pcutoff);
    TrainingDataset d = TrainingDataset.load(p, fraction, shuffle);
    Path modelDir = TrainingDataset.modelDir(p, fraction, shuffle);
    try (PosePredictor pred = new PosePredictor(modelDir, null, threads)) {
      pred.withAssemblyConfig(p.config().get("assembly")); // animals assembled as analyze assembles them
      List<FramePrediction> trainPreds = predict(p, d.trainFrames(), pred);
      Stats tr = stats(trainPreds, pcutoff);
      List<FramePrediction> testPreds = d.test().isEmpty() ? List.of() : predict(p, d.testFrames(), pred);
      Stats te = d.test().isEmpty() ? null : stats(testPreds, pcutoff);
      int iters = pred.iterations();
      String scorer = pred.info().scorer(iters);
      Path dir = p.layout().evaluationDir(fraction, shuffle);
      Files.createDirectories(dir);
      Path csv = dir.resolve(scorer + "-results.csv");
      String header = "Training iterations:,%Training dataset,Shuffle number,Train error(px),Test error(px),p-cutoff used,Train error with p-cutoff,"
          + "Test error with p-cutoff,Train RMSE(px),Test RMSE(px),Train PCK@5px,Test PCK@5px\n";
      String row = String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.4f,%.2f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n", iters, ProjectLayout.percent(fraction), shuffle,
          tr.meanError(), te == null ? Double.NaN : te.meanError(), pcutoff, tr.meanErrorPcutoff(), te == null ? Double.NaN : te.meanErrorPcutoff(),
          tr.rmse(), te == null ? Double.NaN : te.rmse(), tr.pck5(), te == null ? Double.NaN : te.pck5());
      AnimalScores animals = null;
      if (pred.info().multiAnimalHead() != null) {
        int ni = pred.info().multiAnimalHead().individuals().size();
        int nb = pred.info().multiAnimalHead().bodyparts().size();
        animals = new AnimalScores(animalPrecision(trainPreds, ni, nb), d.test().isEmpty() ? null : animalPrecision(testPreds, ni, nb));
        header = header.replace("\n", ",Train mAP,Test mAP,Train mAR,Test mAR\n");
        row = row.replace(String.format("%n"), "") + String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f%n", animals.train().map(),
            animals.test() == null ? Double.NaN : animals.test().map(), animals.train().mar(),
            animals.test() == null ? Double.NaN : animals.test().mar());
      }
      AtomicFiles.writeString(csv, header + row);
      StringBuilder per = new StringBuilder("bodypart,train error(px),test error(px)\n");
      for (String b : tr.perBodypart().keySet()) {
        per.append(String.format(Locale.ROOT, "%s,%.4f,%.4f%n", b, tr.perBodypart().get(b),
            te == null ? Double.NaN : te.perBodypart().getOrDefault(b, Double.NaN)));
      }
      Path perCsv = dir.resolve(scorer + "-bodyparts.csv");
      AtomicFiles.writeString(perCsv, per.toString());
      Path plots = null;
      if (plot) {
        plots = dir.resolve("LabeledImages_" + scorer);
        plotFrames(p, testPreds, plots, pcutoff);
      }
      return new Report(scorer, iters, pcutoff, tr, te, csv, perCsv, plots, plot ? testPreds.size() : 0, animals);
    }
  }

  /** Each frame with labels as crosses and predictions as dots (hollow under the p-cutoff). */
  private static void plotFrames(Project p, List<FramePrediction> preds, Path dir, double pcutoff) throws IOException {
    Files.createDirectories(dir);
    var c = p.config();
    for (FramePrediction fp : preds) {
      var layout = fp.frame().layout();
      java.awt.Color[] colors = Overlay.keypointColors(layout, c.colormap());
      java.awt.image.BufferedImage img = Images.toBuffered(Images.read(p.imagePath(fp.frame().imagePath(), null)));
      int k = layout.size();
      double[] xy = new double[2 * k];
      boolean[] vis = new boolean[k];
      for (int i = 0; i < k; i++) {
        xy[2 * i] = fp.xyp()[3 * i];
        xy[2 * i + 1] = fp.xyp()[3 * i + 1];
        vis[i] = Confidence.present(xy[2 * i], xy[2 * i + 1], fp.xyp()[3 * i + 2], pcutoff);
      }
      double dot = Math.max(3, c.dotsize());
      Overlay.draw(img, fp.frame().coordinates(), null, colors, List.of(), dot, 1.0, true, null);
      Overlay.draw(img, xy, vis, colors, List.of(), dot, c.alphavalue(), false, null);
      String name = fp.frame().imagePath().replace('/', '_');
      Images.writePng(Images.fromBuffered(img), dir.resolve(name));
    }
  }

  /**
   * Predicts every frame. With a multi-animal (bottom-up) model the predicted animals, which come in
   * no particular order, are first matched to the labelled individuals by the Hungarian algorithm on
   * the mean distance of their shared keypoints ({@link #matchAnimals}).
   */
  public static List<FramePrediction> predict(Project p, List<LabeledFrame> frames, PosePredictor predictor) throws IOException {
    List<FramePrediction> out = new ArrayList<>();
    for (LabeledFrame f : frames) {
      out.add(predict(f, Images.read(p.imagePath(f.imagePath(), null)), predictor));
    }
    return out;
  }

  /** Predicts one labelled frame's image (multi-animal: animals matched to the labels, see {@link #predict(Project, List, PosePredictor)}). */
  public static FramePrediction predict(LabeledFrame f, RgbImage img, PosePredictor predictor) {
    var head = predictor.info().multiAnimalHead();
    if (head == null) {
      return new FramePrediction(f, predictor.predict(img));
    }
    FrameAssembly animals = predictor.predictAnimals(new PosePredictor.Input[] {predictor.prepare(img)}).get(0);
    double[] xyp = matchAnimals(f.coordinates(), predictor.slots(animals), head.individuals().size(), head.bodyparts().size());
    return new FramePrediction(f, xyp, animals);
  }

  /**
   * Reorders predicted animals to the labelled individuals they match best.
   *
   * @param labels x, y per slot (individuals x bodyparts, then unique), NaN where not labelled
   * @param xyp x, y, likelihood per slot of the predicted animals (in any order)
   * @return the predictions with animal slots permuted; a labelled individual without a match gets NaN
   */
  public static double[] matchAnimals(double[] labels, double[] xyp, int individuals, int bodyparts) {
    double[][] cost = new double[individuals][individuals];
    for (int l = 0; l < individuals; l++) {
      for (int a = 0; a < individuals; a++) {
        double s = 0;
        int n = 0;
        for (int b = 0; b < bodyparts; b++) {
          int ls = l * bodyparts + b;
          int ps = a * bodyparts + b;
          if (!Double.isNaN(labels[2 * ls]) && !Double.isNaN(xyp[3 * ps])) {
            s += Math.hypot(labels[2 * ls] - xyp[3 * ps], labels[2 * ls + 1] - xyp[3 * ps + 1]);
            n++;
          }
        }
        cost[l][a] = n == 0 ? 1e12 : s / n;
      }
    }
    double[] out = xyp.clone();
    java.util.Arrays.fill(out, 0, 3 * individuals * bodyparts, Double.NaN);
    for (int[] m : org.labpose.multianimal.Matching.minimumAssignment(cost)) {
      if (cost[m[0]][m[1]] >= 1e12) {
        continue;
      }
      System.arraycopy(xyp, 3 * m[1] * bodyparts, out, 3 * m[0] * bodyparts, 3 * bodyparts);
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
        if (Double.isNaN(e)) {
          continue; // a multi-animal model found no animal for this labelled one
        }
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

package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.project.Project;
import org.labpose.net.Evaluation;
import org.labpose.net.ProjectTraining;
import org.labpose.net.TrainingDataset;
import org.labpose.net.infer.PosePredictor;
import org.labpose.video.Images;
import org.labpose.video.Overlay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Pixel errors of a trained shuffle on its train and test frames (mean, RMSE, with p-cutoff, PCK, per bodypart); writes a DeepLabCut-style results CSV.")
final class EvaluateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @CommandLine.Mixin ShuffleOptions sel;
  @Option(names = "--pcutoff", description = "Likelihood cut-off (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--plot", description = "Also draw each test frame with its labels (+) and predictions (dots, hollow below the p-cutoff).") boolean plot;

  @Override
  public Integer call() throws Exception {
    sel.startEngine();
    Project p = Out.openProject(spec, config);
    double f = sel.fraction(p);
    int shuffle = sel.shuffle;
    double pc = pcutoff != null ? pcutoff : p.config().pcutoff();
    TrainingDataset d = TrainingDataset.load(p, f, shuffle);
    Path modelDir = TrainingDataset.modelDir(p, f, shuffle);
    PrintWriter o = Out.out(spec);
    try (PosePredictor pred = new PosePredictor(modelDir, null, sel.threads())) {
      Evaluation.Stats tr = Evaluation.stats(Evaluation.predict(p, d.trainFrames(), pred), pc);
      List<Evaluation.FramePrediction> testPreds = d.test().isEmpty() ? List.of() : Evaluation.predict(p, d.testFrames(), pred);
      Evaluation.Stats te = d.test().isEmpty() ? null : Evaluation.stats(testPreds, pc);
      int iters = pred.iterations();
      o.printf(Locale.ROOT, "%s (snapshot at %d steps), p-cutoff %.2f%n", ProjectTraining.scorerName(pred.info(), iters), iters, pc);
      print(o, "train", tr);
      if (te != null) {
        print(o, "test", te);
      }
      Path dir = p.layout().evaluationDir(f, shuffle);
      Files.createDirectories(dir);
      Path csv = dir.resolve(ProjectTraining.scorerName(pred.info(), iters) + "-results.csv");
      String header = "Training iterations:,%Training dataset,Shuffle number,Train error(px),Test error(px),p-cutoff used,Train error with p-cutoff,Test error with p-cutoff,Train RMSE(px),Test RMSE(px),Train PCK@5px,Test PCK@5px\n";
      String row = String.format(Locale.ROOT, "%d,%d,%d,%.4f,%.4f,%.2f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n", iters, Math.round(f * 100), shuffle,
          tr.meanError(), te == null ? Double.NaN : te.meanError(), pc, tr.meanErrorPcutoff(), te == null ? Double.NaN : te.meanErrorPcutoff(),
          tr.rmse(), te == null ? Double.NaN : te.rmse(), tr.pck5(), te == null ? Double.NaN : te.pck5());
      AtomicFiles.writeString(csv, header + row);
      StringBuilder per = new StringBuilder("bodypart,train error(px),test error(px)\n");
      for (String b : tr.perBodypart().keySet()) {
        per.append(String.format(Locale.ROOT, "%s,%.4f,%.4f%n", b, tr.perBodypart().get(b), te == null ? Double.NaN : te.perBodypart().getOrDefault(b, Double.NaN)));
      }
      AtomicFiles.writeString(dir.resolve(ProjectTraining.scorerName(pred.info(), iters) + "-bodyparts.csv"), per.toString());
      o.println("results: " + p.relativize(csv));
      if (plot) {
        Path plots = dir.resolve("LabeledImages_" + ProjectTraining.scorerName(pred.info(), iters));
        plotFrames(p, testPreds, plots, pc);
        o.println("plots: " + p.relativize(plots) + " (" + testPreds.size() + " test frames)");
      }
    }
    return 0;
  }

  /** Each frame with labels as crosses and predictions as dots (only those above the p-cutoff). */
  private static void plotFrames(Project p, List<Evaluation.FramePrediction> preds, Path dir, double pc) throws java.io.IOException {
    Files.createDirectories(dir);
    var c = p.config();
    for (Evaluation.FramePrediction fp : preds) {
      var layout = fp.frame().layout();
      java.awt.Color[] colors = Overlay.keypointColors(layout, c.colormap());
      java.awt.image.BufferedImage img = Images.toBuffered(Images.read(p.imagePath(fp.frame().imagePath(), null)));
      int k = layout.size();
      double[] xy = new double[2 * k];
      boolean[] vis = new boolean[k];
      for (int i = 0; i < k; i++) {
        xy[2 * i] = fp.xyp()[3 * i];
        xy[2 * i + 1] = fp.xyp()[3 * i + 1];
        vis[i] = fp.xyp()[3 * i + 2] >= pc;
      }
      double dot = Math.max(3, c.dotsize());
      Overlay.draw(img, fp.frame().coordinates(), null, colors, List.of(), dot, 1.0, true, null);
      Overlay.draw(img, xy, vis, colors, List.of(), dot, c.alphavalue(), false, null);
      String name = fp.frame().imagePath().replace('/', '_');
      Images.writePng(Images.fromBuffered(img), dir.resolve(name));
    }
  }

  private static void print(PrintWriter o, String name, Evaluation.Stats s) {
    o.printf(Locale.ROOT, "  %-5s %3d frames: mean error %.2f px, RMSE %.2f px, with p-cutoff %.2f px (%d/%d points), PCK@5px %.1f %%, PCK@10%%bbox %.1f %%%n",
        name, s.frames(), s.meanError(), s.rmse(), s.meanErrorPcutoff(), s.pointsPcutoff(), s.points(), 100 * s.pck5(), 100 * s.pckBbox());
    StringBuilder sb = new StringBuilder();
    for (var e : s.perBodypart().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue()));
    }
    o.println("        per bodypart (px):" + sb);
  }

}

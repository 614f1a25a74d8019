package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.labpose.net.dataset.TrainingDataset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.net.evaluate.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

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
    Evaluation.Report r = Evaluation.evaluate(p, sel.fraction(p), sel.shuffle, pcutoff != null ? pcutoff : p.config().pcutoff(), plot, sel.threads());
    PrintWriter o = Out.out(spec);
    o.printf(Locale.ROOT, "%s (snapshot at %d steps), p-cutoff %.2f%n", r.scorer(), r.iterations(), r.pcutoff());
    print(o, "train", r.train());
    if (r.test() != null) {
      print(o, "test", r.test());
    }
    if (r.animals() != null) {
      o.printf(Locale.ROOT, "  animals (OKS 0.50:0.95): train mAP %.3f, mAR %.3f", r.animals().train().map(), r.animals().train().mar());
      if (r.animals().test() != null) {
        o.printf(Locale.ROOT, "; test mAP %.3f, mAR %.3f", r.animals().test().map(), r.animals().test().mar());
      }
      o.println();
    }
    o.println("results: " + p.relativize(r.results()));
    Out.record(spec, p, List.of(TrainingDataset.datasetDir(p)), List.of(r.results()));
    if (r.plots() != null) {
      o.println("plots: " + p.relativize(r.plots()) + " (" + r.plotted() + " test frames)");
    }
    return 0;
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

package org.labpose.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.analysis.behavior.BehaviorClassifier;
import org.labpose.analysis.behavior.BehaviorFeatures;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.stats.Annotations;
import org.labpose.analysis.stats.BinaryAgreement;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose classifier train|predict|validate}. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
    description = "Supervised behaviour classifiers (random forests over windowed pose features, as SimBA): train, predict, validate.",
    subcommands = {ClassifierCommand.Train.class, ClassifierCommand.Predict.class, ClassifierCommand.Validate.class})
final class ClassifierCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Out.out(spec));
  }

  /** Options shared by the subcommands. */
  static final class Common {
    @Parameters(index = "0", description = "The project's config.yaml.") Path config;
    @Option(names = "--fps", description = "Frames per second, when no video gives it.") Double fps;
    @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: the config's pcutoff).") Double pcutoff;

    Project project(CommandLine.Model.CommandSpec spec) throws IOException {
      return Out.openProject(spec, config);
    }

    /** Predictions of an input, its name, frame rate and features. */
    record Input(String name, Path csv, double fps, BehaviorFeatures.Matrix features) {}

    Input input(Project p, Path in) throws IOException {
      Path csv = Out.predictionsFor(in, false);
      PoseTable t = ProjectLayout.readPredictions(csv);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      double rate = Out.frameRate(p, in, csv, name, fps);
      KinematicsConfig kc = KinematicsConfig.defaults().withPcutoff(pcutoff != null ? pcutoff : p.config().pcutoff());
      try {
        return new Input(name, csv, rate, BehaviorFeatures.compute(t, rate, Calibration.pixels(), kc, BehaviorFeatures.WINDOWS_S));
      } catch (IllegalArgumentException e) {
        throw new UserError(csv + ": " + e.getMessage());
      }
    }
  }

  /** {@code classifier train}. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train one random forest per annotated behaviour from pairs of predictions and annotations (frame,behavior | behavior,start,stop | BORIS Start (s)/Stop (s)).")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Common common;
    @Option(names = "--data", required = true, description = "VIDEO_OR_CSV=ANNOTATIONS.csv, once per training video.") Map<String, String> data = new LinkedHashMap<>();
    @Option(names = "--model", required = true, description = "Model file to write.") Path model;
    @Option(names = "--trees", description = "Trees per forest (default: ${DEFAULT-VALUE}).") int trees = 100;
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed = 1;
    @Option(names = "--threshold", description = "Probability from which a frame is the behaviour (default: ${DEFAULT-VALUE}).") double threshold = 0.5;
    @Option(names = "--min-bout", description = "Shortest bout kept, s (default: ${DEFAULT-VALUE}).") double minBout = 0.2;

    @Override
    public Integer call() throws Exception {
      Project p = common.project(spec);
      List<BehaviorFeatures.Matrix> feats = new ArrayList<>();
      List<Map<String, boolean[]>> labels = new ArrayList<>();
      for (Map.Entry<String, String> e : data.entrySet()) {
        Common.Input in = common.input(p, Path.of(e.getKey()));
        feats.add(in.features());
        labels.add(Annotations.read(Path.of(e.getValue()), in.fps(), in.features().frames()));
      }
      BehaviorClassifier c;
      try {
        c = BehaviorClassifier.train(feats, labels, BehaviorFeatures.WINDOWS_S, new BehaviorClassifier.Settings(trees, seed, threshold, minBout));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      c.save(model);
      Out.out(spec).printf("trained %s on %d videos (%d frames, %d features) -> %s%n", c.model().behaviors(), feats.size(),
          feats.stream().mapToInt(BehaviorFeatures.Matrix::frames).sum(), c.model().features().size(), model);
      return 0;
    }
  }

  /** {@code classifier predict}. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Score every frame: writes <video>_behaviors.csv (frame, probability and 0/1 per behaviour) next to the predictions or into --out.")
  static final class Predict implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Common common;
    @Parameters(index = "1..*", arity = "1..*", description = "Videos or prediction CSVs.") List<Path> inputs;
    @Option(names = "--model", required = true, description = "Model file from 'classifier train'.") Path model;
    @Option(names = "--out", description = "Output folder (default: next to the predictions).") Path out;

    @Override
    public Integer call() throws Exception {
      Project p = common.project(spec);
      BehaviorClassifier c = BehaviorClassifier.load(model);
      for (Path i : inputs) {
        Common.Input in = common.input(p, i);
        Map<String, double[]> prob;
        try {
          prob = c.probabilities(in.features());
        } catch (IllegalArgumentException e) {
          throw new UserError(in.csv() + ": " + e.getMessage());
        }
        Map<String, boolean[]> on = c.classify(prob, in.fps());
        Path dir = out != null ? out : in.csv().toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path file = dir.resolve(in.name() + "_behaviors.csv");
        AtomicFiles.writeText(file, w -> {
          List<String> head = new ArrayList<>(List.of("frame"));
          for (String b : prob.keySet()) {
            head.add("probability_" + b);
            head.add(b);
          }
          CsvTable.writeRow(w, head);
          for (int f = 0; f < in.features().frames(); f++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(f)));
            for (String b : prob.keySet()) {
              row.add(String.format(Locale.ROOT, "%.4f", prob.get(b)[f]));
              row.add(on.get(b)[f] ? "1" : "0");
            }
            CsvTable.writeRow(w, row);
          }
        });
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, boolean[]> e : on.entrySet()) {
          int n = 0;
          for (boolean v : e.getValue()) {
            n += v ? 1 : 0;
          }
          parts.add(String.format(Locale.ROOT, "%s %.1f s", e.getKey(), n / in.fps()));
        }
        Out.out(spec).println(in.name() + ": " + String.join(", ", parts) + " -> " + file);
      }
      return 0;
    }
  }

  /** {@code classifier validate}. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Agreement of the classifier with annotations of held-out videos, per behaviour: Cohen's kappa, precision, recall (sensitivity), specificity, F1.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Common common;
    @Option(names = "--data", required = true, description = "VIDEO_OR_CSV=ANNOTATIONS.csv, once per held-out video.") Map<String, String> data = new LinkedHashMap<>();
    @Option(names = "--model", required = true, description = "Model file from 'classifier train'.") Path model;
    @Option(names = "--out", description = "Also write the table as CSV here.") Path out;

    @Override
    public Integer call() throws Exception {
      Project p = common.project(spec);
      BehaviorClassifier c = BehaviorClassifier.load(model);
      Map<String, List<boolean[]>> ref = new LinkedHashMap<>();
      Map<String, List<boolean[]>> got = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : data.entrySet()) {
        Common.Input in = common.input(p, Path.of(e.getKey()));
        int n = in.features().frames();
        Map<String, boolean[]> truth = Annotations.read(Path.of(e.getValue()), in.fps(), n);
        Map<String, boolean[]> pred;
        try {
          pred = c.classify(c.probabilities(in.features()), in.fps());
        } catch (IllegalArgumentException ex) {
          throw new UserError(in.csv() + ": " + ex.getMessage());
        }
        for (String b : c.model().behaviors()) {
          ref.computeIfAbsent(b, k -> new ArrayList<>()).add(java.util.Arrays.copyOf(truth.getOrDefault(b, new boolean[0]), n));
          got.computeIfAbsent(b, k -> new ArrayList<>()).add(pred.get(b));
        }
      }
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("behavior", "frames", "kappa", "precision", "recall", "specificity", "f1"));
      for (String b : ref.keySet()) {
        BinaryAgreement a = BinaryAgreement.of(concat(ref.get(b)), concat(got.get(b)));
        table.add(List.of(b, Integer.toString(a.total()), f(a.kappa()), f(a.precision()), f(a.sensitivity()), f(a.specificity()), f(a.f1())));
      }
      for (List<String> row : table) {
        Out.out(spec).println(String.join("\t", row));
      }
      if (out != null) {
        AtomicFiles.writeText(out, w -> {
          for (List<String> row : table) {
            CsvTable.writeRow(w, row);
          }
        });
      }
      return 0;
    }

    private static boolean[] concat(List<boolean[]> parts) {
      int n = parts.stream().mapToInt(a -> a.length).sum();
      boolean[] out = new boolean[n];
      int at = 0;
      for (boolean[] a : parts) {
        System.arraycopy(a, 0, out, at, a.length);
        at += a.length;
      }
      return out;
    }

    private static String f(double v) {
      return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
  }
}

package org.labpose.net.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.train.PoseTrainer;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;

/**
 * The accuracy benchmark: trains a project's labelled frames under one training setting (usually a
 * CPU-time budget, see {@link TrainConfig#budgetMinutes()}) on a fixed split or on each fold of a
 * k-fold cross-validation, and measures train and test pixel errors in the original frames.
 *
 * <p>The source project is only read: its {@code config.yaml} and {@code labeled-data/} are copied
 * into a work folder, where each split becomes one shuffle ({@code 1} for a split file, {@code
 * 1..k} for folds) with its model under {@code labpose-models/}.
 */
public final class AccuracyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccuracyBenchmark() {}

  /**
   * One split's result.
   *
   * @param shuffle shuffle number in the work project (the fold, 1-based)
   * @param trainFrames frames trained on
   * @param testFrames frames tested on
   * @param steps training steps done
   * @param wallMinutes training wall-clock minutes
   * @param cpuMinutes training CPU minutes divided by the training threads ("minutes of the cores")
   * @param train errors on the training frames (px, original frames)
   * @param test errors on the test frames (px, original frames)
   */
  public record Split(int shuffle, int trainFrames, int testFrames, int steps, double wallMinutes, double cpuMinutes,
      Evaluation.Stats train, Evaluation.Stats test) {}

  /** Told before each split trains and after it is measured. */
  public interface Listener {
    /** Training split {@code index} (1-based) of {@code count} starts. */
    void starting(int index, int count, int trainFrames, int testFrames);

    /** After each training step. */
    void step(int iteration, int total, double loss);

    /** A split is measured. */
    void done(Split split);
  }

  /**
   * Runs the benchmark.
   *
   * @param source the project's config.yaml or folder (read only)
   * @param work an empty or missing folder for the copy, training sets and models
   * @param cfg training settings (the network, budget or steps, init, augmentation...)
   * @param splitFile a JSON file with {@code train} and {@code test} lists of image paths, used when
   *     {@code folds} is 0
   * @param folds 0 to use {@code splitFile}; k ≥ 2 for k-fold cross-validation over all frames
   * @param seed seed of the fold assignment
   * @return one result per split
   * @throws InputFormatException for a missing split file, too few frames for the folds, or a work
   *     folder that is not empty
   */
  public static List<Split> run(Path source, Path work, TrainConfig cfg, Path splitFile, int folds, long seed, Listener listener) throws IOException {
    if (folds == 1 || folds < 0) {
      throw new IllegalArgumentException("folds must be 0 (use the split file) or at least 2, got " + folds);
    }
    Project src = Project.open(source);
    if (folds == 0 && (splitFile == null || !Files.isRegularFile(splitFile))) {
      throw new InputFormatException(splitFile == null ? src.root() : splitFile, null, "no split file: give one, or ask for k folds");
    }
    if (Files.isDirectory(work)) {
      try (Stream<Path> s = Files.list(work)) {
        if (s.findAny().isPresent()) {
          throw new InputFormatException(work, null, "the work folder is not empty; give a new one");
        }
      }
    }
    Files.createDirectories(work);
    Files.copy(src.configFile(), work.resolve(Project.CONFIG_FILE), StandardCopyOption.REPLACE_EXISTING);
    copyTree(src.labeledDataDir(), work.resolve("labeled-data"));
    Project p = Project.open(work.resolve(Project.CONFIG_FILE));
    double fraction = p.config().trainingFractions().get(0); // names the shuffles; the splits decide the frames

    List<Path> splits = new ArrayList<>();
    if (folds == 0) {
      splits.add(splitFile);
    } else {
      LabelSet labels = p.loadAllLabels();
      if (labels.size() < folds) {
        throw new InputFormatException(p.labeledDataDir(), null, folds + " folds need at least " + folds + " labelled frames, found " + labels.size());
      }
      List<String> order = new ArrayList<>(labels.frames().stream().map(f -> f.imagePath()).toList());
      java.util.Collections.shuffle(order, new Random(seed));
      Path dir = work.resolve("folds");
      Files.createDirectories(dir);
      for (int k = 0; k < folds; k++) {
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
          (i % folds == k ? test : train).add(order.get(i));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("test", test);
        Path f = dir.resolve("fold" + (k + 1) + ".json");
        AtomicFiles.writeString(f, JSON.writeValueAsString(m));
        splits.add(f);
      }
    }
    List<Split> out = new ArrayList<>();
    for (int i = 0; i < splits.size(); i++) {
      int shuffle = i + 1;
      TrainingDataset d = TrainingDataset.create(p, fraction, shuffle, seed, cfg.net(), splits.get(i));
      if (d.test().isEmpty()) {
        throw new InputFormatException(splits.get(i), "key 'test'", "no test frames");
      }
      if (listener != null) {
        listener.starting(shuffle, splits.size(), d.train().size(), d.test().size());
      }
      PoseTrainer.Result r = ProjectTraining.train(p, d, cfg, false,
          listener == null ? null : (it, total, loss, lr, rate) -> listener.step(it, total, loss));
      Path modelDir = TrainingDataset.modelDir(p, fraction, shuffle);
      try (PosePredictor pred = new PosePredictor(modelDir, null, cfg.threads())) {
        double pc = p.config().pcutoff();
        Evaluation.Stats tr = Evaluation.stats(Evaluation.predict(p, d.trainFrames(), pred), pc);
        Evaluation.Stats te = Evaluation.stats(Evaluation.predict(p, d.testFrames(), pred), pc);
        Split s = new Split(shuffle, d.train().size(), d.test().size(), r.iterations(), r.seconds() / 60,
            r.cpuSeconds() / 60 / cfg.threads(), tr, te);
        out.add(s);
        if (listener != null) {
          listener.done(s);
        }
      }
    }
    return out;
  }

  /** Mean test error over splits, each frame weighted equally (px). */
  public static double pooledTestError(List<Split> splits) {
    double sum = 0;
    int n = 0;
    for (Split s : splits) {
      sum += s.test().meanError() * s.test().points();
      n += s.test().points();
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new InputFormatException(from, null, "no labeled-data folder");
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

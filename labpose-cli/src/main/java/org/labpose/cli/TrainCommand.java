package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import org.labpose.net.dataset.TrainingDataset;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.net.train.PoseTrainer;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the pose network of a shuffle (AdamW, step learning-rate schedule, checkpoints; --resume continues).")
final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @CommandLine.Mixin ShuffleOptions sel;
  @Option(names = "--net", description = "Network (default: the one chosen for the training set).") String net;
  @Option(names = "--batch-size", description = "Images per step (default: ${DEFAULT-VALUE}).") int batchSize = 8;
  @Option(names = "--target", description = "Score-map target: disk (DeepLabCut's, 1 within 17 px) or gaussian (σ = 8.5 px) (default: ${DEFAULT-VALUE}).") String target = "disk";
  @Option(names = "--augment", description = "Augmentation: a preset (default, light, none) and/or key=value overrides, e.g. light,rotation=15 (keys: rotation, scale=min:max, mirror, brightness, contrast, noise, blur, occlusion, jitter, random-crop). Default: ${DEFAULT-VALUE}.") String augment = "default";
  @Option(names = "--max-iters", description = "Training steps (default: ${DEFAULT-VALUE}).") int iterations = 10_000;
  @Option(names = "--epochs", description = "Train for this many passes over the training frames instead of --max-iters (steps = epochs × frames / batch size, rounded up).") Integer epochs;
  @Option(names = "--budget-minutes", description = "Train for this many minutes of --threads CPU cores (the process's CPU time, so other work on the machine does not change it) instead of a step count; --max-iters then caps the steps.") Double budgetMinutes;
  @Option(names = "--lr", description = "Base learning rate (default: ${DEFAULT-VALUE}).") double lr = 5e-4;
  @Option(names = "--crop", description = "Training crop side in pixels, a multiple of 16 (default: ${DEFAULT-VALUE}).") int crop = 256;
  @Option(names = "--global-scale", description = "Image scale before the network (default: ${DEFAULT-VALUE}).") double globalScale = 0.8;
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed = 0;
  @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).") int every = 500;
  @Option(names = "--test-every", description = "Steps between test-error measurements into train/test_log.csv, 0 for none (default: ${DEFAULT-VALUE}).") int testEvery = 500;
  @Option(names = "--init", description = "Initialisation: auto (after merge-datasets, the previous iteration's model of this shuffle; else a fetched pretrained backbone that fits the network; else none), none, imagenet (= mobilenet_v2_imagenet), movenet (= movenet_lightning; see 'labpose models'), iteration-N. Default: ${DEFAULT-VALUE}.") String init = "auto";
  @Option(names = "--resume", description = "Continue from the newest checkpoint.") boolean resume;

  @Override
  public Integer call() throws Exception {
    sel.startEngine();
    org.labpose.net.data.AugmentConfig aug = org.labpose.net.data.AugmentConfig.parse(augment);
    Project p = Out.openProject(spec, config);
    TrainingDataset d = TrainingDataset.load(p, sel.fraction(p), sel.shuffle);
    String n = net != null ? net : d.net();
    CreateTrainingDatasetCommand.checkNet(n);
    ProjectTraining.Init start = ProjectTraining.resolveInit(p, d, init, n);
    if (start.note() != null) {
      Out.err(spec).println("labpose: note: " + start.note());
    }
    String initName = start.name();
    if (epochs != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--max-iters")) {
        throw new UserError("give --epochs or --max-iters, not both");
      }
      if (epochs < 1) {
        throw new UserError("--epochs must be at least 1, got " + epochs);
      }
      iterations = (int) Math.ceil((double) epochs * d.train().size() / batchSize);
    }
    if (budgetMinutes != null) {
      if (epochs != null) {
        throw new UserError("give --epochs or --budget-minutes, not both");
      }
      if (resume) {
        throw new UserError("--resume continues a step count; a run with --budget-minutes cannot be resumed");
      }
      if (!spec.commandLine().getParseResult().hasMatchedOption("--max-iters")) {
        iterations = 1_000_000;
      }
    }
    TrainConfig cfg = TrainConfig.defaults(n).withBatchSize(batchSize).withIterations(iterations).withLr(lr).withCropSize(crop)
        .withGlobalScale(globalScale).withSeed(seed).withCheckpoints(every, 3)
        .withThreads(sel.threads()).withInit(initName).withTarget(target)
        .withAugment(aug).withBudgetMinutes(budgetMinutes == null ? 0 : budgetMinutes);
    Out.out(spec).printf("training %s (init: %s) on %d frames (shuffle %d) for %s, batch %d, crop %d, %d threads%n",
        n, initName, d.train().size(), sel.shuffle, budgetMinutes != null ? budgetMinutes + " minutes of " + cfg.threads() + " cores" : iterations + " steps",
        batchSize, crop, cfg.threads());
    Progress bar = new Progress(Out.err(spec), "  training", "steps");
    double[] lastLoss = {Double.NaN};
    PoseTrainer.Result r = ProjectTraining.train(p, d, cfg, resume, (it, total, loss, rate, sps) -> {
      lastLoss[0] = loss;
      bar.update(it, total, loss);
    }, Math.max(0, testEvery));
    Out.out(spec).printf("done: %d steps, loss %.4f -> %.4f in %.0f s (%.1f CPU minutes); snapshot %s%n", r.iterations(), r.firstLoss(), r.lastLoss(),
        r.seconds(), r.cpuSeconds() / 60, p.relativize(r.snapshot()));
    Out.record(spec, p, List.of(TrainingDataset.datasetDir(p)), List.of(r.snapshot(), r.snapshot().resolveSibling("log.csv")));
    if (r.recomputedSteps() > 0 || r.restarts() > 0) {
      Out.err(spec).printf("labpose: note: %d step(s) gave non-finite gradients and were computed again, %d restart(s) from a checkpoint "
          + "(see README, Requirements: wrong arithmetic on some CPUs)%n", r.recomputedSteps(), r.restarts());
    }
    return 0;
  }
}

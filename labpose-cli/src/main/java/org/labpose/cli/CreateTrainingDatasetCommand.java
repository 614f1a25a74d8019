package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import org.labpose.net.dataset.TrainingDataset;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.net.model.NetSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose create-training-dataset}. */
@Command(name = "create-training-dataset", mixinStandardHelpOptions = true,
    description = "Merge every labeled-data folder and split it into train and test frames (stored, so the same shuffle always gives the same split).")
final class CreateTrainingDatasetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Option(names = "--train-fraction", description = "Fraction of frames for training (default: the config's TrainingFraction).") Double fraction;
  @Option(names = "--shuffle", description = "Shuffle index (default: ${DEFAULT-VALUE}).") int shuffle = 1;
  @Option(names = "--seed", description = "Random seed of the split (default: ${DEFAULT-VALUE}).") long seed = 0;
  @Option(names = "--net", description = "Network: ${COMPLETION-CANDIDATES} (default: mobilenet_v2_1.0).", completionCandidates = Nets.class) String net = "mobilenet_v2_1.0";
  @Option(names = "--split-file", description = "A JSON file with 'train' and 'test' lists of image paths to use as the split.") Path splitFile;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    checkNet(net);
    double f = fraction != null ? fraction : p.config().trainingFractions().get(0);
    if (!(f > 0 && f <= 1)) {
      throw new UserError("--train-fraction must be in (0, 1], got " + f);
    }
    TrainingDataset d = TrainingDataset.create(p, f, shuffle, seed, net, splitFile);
    Out.out(spec).printf("training set: %d frames, %d for training, %d for testing (shuffle %d, fraction %.2f)%n",
        d.labels().size(), d.train().size(), d.test().size(), shuffle, f);
    Out.out(spec).println("stored in " + TrainingDataset.datasetDir(p));
    Out.record(spec, p, p.labelFolders(), List.of(TrainingDataset.datasetDir(p)));
    return 0;
  }

  static void checkNet(String net) {
    if (!NetSpec.NAMES.contains(net)) {
      throw new UserError("--net " + net + ": unknown network; known: " + String.join(", ", NetSpec.NAMES));
    }
  }

  /** Network names for help texts. */
  static final class Nets extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Nets() {
      super(NetSpec.NAMES);
    }
  }
}

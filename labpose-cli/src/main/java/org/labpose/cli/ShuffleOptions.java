package org.labpose.cli;

import org.labpose.core.project.Project;
import picocli.CommandLine.Option;

/** The options that pick a trained shuffle and the CPU threads, shared by train, evaluate and analyze. */
final class ShuffleOptions {
  @Option(names = "--shuffle", description = "Shuffle index (default: ${DEFAULT-VALUE}).") int shuffle = 1;
  @Option(names = "--train-fraction", description = "Training fraction of the shuffle (default: the config's TrainingFraction).") Double fraction;
  @Option(names = "--threads", description = "CPU threads for the network (default: all cores).") Integer threads;
  @Option(names = "--device", description = "cpu, gpu or auto: a GPU when PyTorch sees one, which needs the 'mvn -Pgpu' build (default: ${DEFAULT-VALUE}).")
  String device = "auto";

  /** The training fraction: the option, else the config's first. */
  double fraction(Project p) {
    double f = fraction != null ? fraction : p.config().trainingFractions().get(0);
    if (!(f > 0 && f <= 1)) {
      throw new UserError("--train-fraction must be in (0, 1], got " + f);
    }
    return f;
  }

  /** CPU threads: the option, else every core. */
  int threads() {
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be at least 1, got " + threads);
    }
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** Starts the engine on the chosen device and threads; a GPU that is not there is bad input. */
  void startEngine() {
    org.labpose.net.Engines.start(threads());
    org.labpose.net.Engines.selectDevice(device);
  }
}

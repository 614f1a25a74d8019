package org.labpose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code labpose demo}: placeholder replaced below. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run every landed pipeline stage end to end on synthetic data that LabPose generates itself.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new UserError("demo: not yet implemented");
  }
}

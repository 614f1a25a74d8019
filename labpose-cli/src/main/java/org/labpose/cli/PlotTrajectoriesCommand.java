package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.draw.TrajectoryPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose plot-trajectories}. */
@Command(name = "plot-trajectories", mixinStandardHelpOptions = true,
    description = "PNG plots of predictions: trajectories in image coordinates, x/y and likelihood against time, histogram of frame-to-frame jumps (into plot-poses/<video-stem>/).")
final class PlotTrajectoriesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions are used) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--pcutoff", description = "Leave out points below this likelihood (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--filtered", description = "Use *_filtered.csv predictions.") boolean filtered;
  @Option(names = "--fps", description = "Frames per second for the time axis (default: frames).") Double fps;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      PoseTable t = ProjectLayout.readPredictions(csv);
      Path dir = ProjectLayout.plots(csv);
      List<Path> files = TrajectoryPlots.write(t, dir, pcutoff != null ? pcutoff : p.config().pcutoff(),
          fps != null ? fps : Double.NaN, p.config().colormap());
      Out.out(spec).printf("%s: %d plots -> %s%n", csv.getFileName(), files.size(), dir);
      Out.record(spec, p, List.of(csv), files);
    }
    return 0;
  }
}

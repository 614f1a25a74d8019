package org.labpose.cli;

import org.labpose.core.project.ProjectLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.analysis.filter.PoseFilter;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose filter}. */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = "Filter predictions (median, savgol, kalman = constant-velocity Kalman + RTS smoother, interpolate) into *_filtered.csv; points under the p-cutoff count as missing.")
final class FilterCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--filter", description = "median, savgol, kalman or interpolate (default: ${DEFAULT-VALUE}).") String method = "median";
  @Option(names = "--window", description = "Window in frames, odd (default: ${DEFAULT-VALUE}).") int window = 5;
  @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--max-gap", description = "Longest gap in frames that interpolate fills (default: ${DEFAULT-VALUE}).") int maxGap = 10;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    PoseFilter f;
    try {
      f = new PoseFilter(PoseFilter.Method.parse(method), window, pcutoff != null ? pcutoff : p.config().pcutoff(), maxGap);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, false);
      PoseTable t = ProjectLayout.readPredictions(csv);
      Path out = ProjectLayout.filtered(csv);
      DlcPredictionCsv.write(f.apply(t), out);
      Out.out(spec).printf("%s: %d frames filtered (%s) -> %s%n", csv.getFileName(), t.frameCount(), method, out);
    }
    return 0;
  }
}

package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.analysis.filter.PoseFilter;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.TimeSpan;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose filter}. */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = "Filter predictions (median, savgol, kalman = constant-velocity Kalman + RTS smoother, interpolate) into *_filtered.csv; points under the p-cutoff count as missing.")
final class FilterCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--filter", description = "median, savgol, kalman or interpolate (default: ${DEFAULT-VALUE}).") String method = "median";
  @Option(names = "--window", description = "Window of median and savgol, s, or frames with an f suffix (15f); made an odd number of frames (default: ${DEFAULT-VALUE} s).") TimeSpan window = TimeSpan.seconds(0.15);
  @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--max-gap", description = "Longest gap that interpolate fills, s, or frames with an f suffix (default: ${DEFAULT-VALUE} s, as assay's).") TimeSpan maxGap = TimeSpan.seconds(0.5);
  @Option(names = "--fps", description = "Frames per second, when no video gives it (needed for spans in seconds).") Double fps;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    PoseFilter.Method m = PoseFilter.Method.parse(method);
    // each filter uses one of the two spans; the other is not converted (nor its frame rate asked for)
    boolean usesWindow = m == PoseFilter.Method.MEDIAN || m == PoseFilter.Method.SAVGOL;
    boolean usesGap = m == PoseFilter.Method.INTERPOLATE;
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, false);
      PoseTable t = ProjectLayout.readPredictions(csv);
      double rate = (usesWindow && window.needsFrameRate()) || (usesGap && maxGap.needsFrameRate())
          ? Out.frameRate(p, in, csv, ProjectLayout.videoStemOfPredictions(csv), fps) : Double.NaN;
      PoseFilter f = new PoseFilter(m, usesWindow ? window.toOddFrames(rate) : 1, pcutoff != null ? pcutoff : p.config().pcutoff(),
          usesGap ? maxGap.toFrames(rate) : 0);
      Path out = ProjectLayout.filtered(csv);
      org.labpose.core.io.dlc.DlcH5.writeCsvAndH5(f.apply(t), out);
      Out.record(spec, p, List.of(csv), List.of(out, org.labpose.core.io.dlc.DlcH5.besideCsv(out)));
      Out.out(spec).printf("%s: %d frames filtered (%s) -> %s%n", csv.getFileName(), t.frameCount(), method, out);
    }
    return 0;
  }
}

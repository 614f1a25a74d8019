package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.analysis.behavior.Motifs;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.report.MotifReport;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose motifs}. */
@Command(name = "motifs", mixinStandardHelpOptions = true,
    description = {"Unsupervised behaviour motifs: egocentrically aligned poses, PCA, k-means.",
        "Writes <video>_motifs.csv (motif per frame), motifs_summary.csv (usage and mean bout per motif and video), motif_transitions.csv and motifs_report.html (ethograms) into --out."})
final class MotifsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos or prediction CSVs (all must share a frame rate).") List<Path> inputs;
  @Option(names = "--k", description = "Number of motifs (default: ${DEFAULT-VALUE}).") int k = 8;
  @Option(names = "--variance", description = "Fraction of variance the PCA keeps (default: ${DEFAULT-VALUE}).") double variance = 0.9;
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed = 1;
  @Option(names = "--fps", description = "Frames per second, when no video gives it.") Double fps;
  @Option(names = "--out", description = "Output folder (default: <project>/motifs).") Path out;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    List<PoseTable> tables = new ArrayList<>();
    List<String> names = new ArrayList<>();
    double rate = Double.NaN;
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, false);
      tables.add(ProjectLayout.readPredictions(csv));
      String name = ProjectLayout.videoStemOfPredictions(csv);
      names.add(name);
      double r = Out.frameRate(p, in, csv, name, fps);
      if (!Double.isNaN(rate) && Math.abs(r - rate) > 1e-6) {
        throw new UserError(csv + ": frame rate " + r + " differs from the other videos' " + rate + "; motifs need one frame rate");
      }
      rate = r;
    }
    Motifs.Result r = Motifs.fit(tables, rate, KinematicsConfig.defaults().withPcutoff(p.config().pcutoff()), k, variance, seed);
    Path dir = out != null ? out : p.layout().motifs();
    MotifReport.write(dir, names, r, rate);
    Out.out(spec).printf(Locale.ROOT, "%d motifs from %d videos (%d principal components, %.0f %% of the variance) -> %s%n", k, names.size(),
        r.components(), 100 * r.explained(), dir);
    return 0;
  }
}

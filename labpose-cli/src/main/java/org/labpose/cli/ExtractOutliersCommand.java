package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.analysis.outliers.Outliers;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.frames.OutlierFrames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose extract-outliers}. */
@Command(name = "extract-outliers", mixinStandardHelpOptions = true,
    description = {"Frames where the network is unsure or wrong, for refinement: candidates by likelihood (uncertain), "
        + "frame-to-frame jumps (jump), deviation from a Kalman smoother (fitting) or given frames (manual); "
        + "--num diverse ones among them (k-means on thumbnails).",
        "Writes labeled-data/<video>/img*.png and the predictions on them as machinelabels-iter<N>.csv, which 'labpose label' shows as starting points."})
final class ExtractOutliersCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Analysed videos (their newest predictions are used).") List<Path> videos;
  @Option(names = "--algo", description = "uncertain, jump, fitting or manual (default: ${DEFAULT-VALUE}).") String algo = "jump";
  @Option(names = "--pcutoff", description = "Likelihood bound (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--epsilon", description = "Distance in px for jump and fitting (default: ${DEFAULT-VALUE}).") double epsilon = 20;
  @Option(names = "--num", description = "Frames to extract per video (default: ${DEFAULT-VALUE}).") int num = 20;
  @Option(names = "--bodyparts", split = ",", description = "Only these bodyparts (default: all).") List<String> bodyparts = List.of();
  @Option(names = "--frames", split = ",", description = "The frames for --algo manual.") List<Integer> frames = List.of();
  @Option(names = "--seed", description = "Random seed of k-means (default: ${DEFAULT-VALUE}).") long seed = 0;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    Outliers.Algorithm a = Outliers.Algorithm.parse(algo);
    if (a == Outliers.Algorithm.MANUAL && frames.isEmpty()) {
      throw new UserError("--algo manual needs --frames i,j,k");
    }
    if (num < 1) {
      throw new UserError("--num must be at least 1, got " + num);
    }
    KeypointLayout projectLayout = p.keypointLayout();
    for (Path video : videos) {
      if (video.toString().endsWith(".csv")) {
        throw new UserError(video + ": give the video (frames are extracted from it), not its predictions");
      }
      Path csv = Out.predictionsFor(video, false);
      PoseTable t = ProjectLayout.readPredictions(csv);
      if (!t.layout().equals(projectLayout)) {
        throw new UserError(csv + ": its keypoints " + t.layout().keypoints() + " are not the project's " + projectLayout.keypoints());
      }
      List<KeypointId> ks = new ArrayList<>();
      for (String b : bodyparts) {
        for (KeypointId k : t.layout().keypoints()) {
          if (k.bodypart().equals(b)) {
            ks.add(k);
          }
        }
        if (ks.stream().noneMatch(k -> k.bodypart().equals(b))) {
          throw new UserError("--bodyparts: no bodypart '" + b + "' in " + t.layout().bodyparts());
        }
      }
      List<Integer> cand;
      try {
        cand = Outliers.candidates(t, a, pcutoff != null ? pcutoff : p.config().pcutoff(), epsilon, ks, frames);
      } catch (IllegalArgumentException e) {
        throw new UserError(csv + ": " + e.getMessage());
      }
      String stem = Project.videoStem(video.toString());
      if (cand.isEmpty()) {
        Out.out(spec).printf("%s: no outlier frames (%s)%n", stem, algo);
        continue;
      }
      OutlierFrames.Result r = OutlierFrames.extract(p, video, t, cand, num, seed);
      Out.out(spec).printf("%s: %d candidate frames (%s), %d extracted (%d new) -> %s, machine labels in %s%n", stem, cand.size(), algo,
          r.chosen().size(), r.written().size(), p.relativize(r.folder()), r.machineLabels().getFileName());
      java.util.List<Path> outs = new java.util.ArrayList<>(r.written());
      outs.add(r.machineLabels());
      Out.record(spec, p, java.util.List.of(video, csv), outs);
    }
    return 0;
  }
}

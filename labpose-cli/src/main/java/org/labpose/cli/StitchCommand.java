package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.track.MultiAnimalTracking;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose stitch}. */
@Command(name = "stitch", mixinStandardHelpOptions = true,
    description = {"Redo the tracking of analysed multi-animal videos from the animals each frame kept (<video>DLC_..._assemblies.jsonl): "
        + "tracklets frame to frame, then stitched into one track per animal by a minimum-cost flow; rewrites the prediction CSV.",
        "Settings come from the config's tracking section (max_age, min_hits, iou_threshold, box_slack, min_tracklet_length, n_tracks)."})
final class StitchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "CONFIG VIDEO", description = "The project's config.yaml, then analysed videos or folders of videos.") List<Path> args;
  @Option(names = "--n-tracks", description = "Number of animals to track (default: the config's tracking.n_tracks, else its individuals).") Integer nTracks;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, args.get(0));
    MultiAnimalTracking.Settings s = MultiAnimalTracking.Settings.fromConfig(p.config().get("tracking"));
    if (nTracks != null) {
      s = s.withTracks(nTracks);
    }
    PrintWriter o = Out.out(spec);
    for (Path v : VideoArgs.expand(args.subList(1, args.size()))) {
      Path csv = ProjectLayout.findPredictions(v, false)
          .orElseThrow(() -> new UserError(v + ": no prediction CSV beside it (run labpose analyze first)"));
      MultiAnimalTracking.Result r = MultiAnimalTracking.restitch(csv, s);
      Out.record(spec, p, List.of(ProjectLayout.assemblies(csv)), List.of(csv, org.labpose.core.io.dlc.DlcH5.besideCsv(csv)));
      o.printf("%s: %d tracklets stitched into %d tracks (%d animal-frames left out) -> %s%n", v, r.tracklets(), r.tracksFilled(),
          r.framesLeftOut(), csv);
    }
    return 0;
  }
}

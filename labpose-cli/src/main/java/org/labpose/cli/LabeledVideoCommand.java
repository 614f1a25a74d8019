package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.draw.LabeledVideo;
import org.labpose.video.draw.Overlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose labeled-video}. */
@Command(name = "labeled-video", mixinStandardHelpOptions = true,
    description = "Overlay predictions (points under the p-cutoff hidden), skeleton and trailing points on videos; writes an H.264 mp4 next to the predictions.")
final class LabeledVideoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos.") List<Path> videos;
  @Option(names = "--predictions", description = "Prediction CSV (default: the newest <video-stem>DLC_*.csv next to the video).") Path predictions;
  @Option(names = "--pcutoff", description = "Hide points below this likelihood (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--skeleton", description = "Draw the config's skeleton.") boolean skeleton;
  @Option(names = "--trail", description = "Draw the last N frames' points, fading (default: ${DEFAULT-VALUE}).") int trail = 0;
  @Option(names = "--filtered", description = "Use *_filtered.csv predictions.") boolean filtered;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    ProjectConfig c = p.config();
    for (Path v : VideoArgs.expand(videos)) {
      Path csv = predictions != null ? predictions : Out.predictionsFor(v, filtered);
      PoseTable t = ProjectLayout.readPredictions(csv);
      if (t.frameCount() == 0) {
        throw new org.labpose.core.io.InputFormatException(csv, null, "holds no frames; nothing to draw on " + v.getFileName());
      }
      Path out = ProjectLayout.labeledVideo(csv);
      LabeledVideo.Style style = new LabeledVideo.Style(c.colormap(), Math.max(2, c.dotsize()), c.alphavalue(),
          pcutoff != null ? pcutoff : c.pcutoff(), skeleton, Overlay.named(c.skeletonColor()), trail);
      Progress bar = new Progress(Out.err(spec), "  " + v.getFileName(), "frames");
      int n = LabeledVideo.render(v, t, c.skeletonEdges(), style, out, bar::update);
      if (n != t.frameCount()) {
        Out.err(spec).printf("labpose: warning: %s: holds %d frames but %s has %d; %s%n", csv, t.frameCount(), v.getFileName(), n,
            n > t.frameCount() ? "frames " + t.frameCount() + " to " + (n - 1) + " are drawn without points" : "the rows past the video's end are not drawn");
      }
      Out.out(spec).printf("%s: %d frames -> %s%n", v, n, out);
      Out.record(spec, p, java.util.List.of(v, csv), java.util.List.of(out));
    }
    return 0;
  }
}

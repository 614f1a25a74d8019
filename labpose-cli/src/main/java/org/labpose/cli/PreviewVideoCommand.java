package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.io.InputFormatException;
import org.labpose.video.io.PreviewVideo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose preview-video}. */
@Command(name = "preview-video", mixinStandardHelpOptions = true,
    description = "Write a copy of videos that browsers play (H.264, yuv420p, at most --max-width px wide): <stem>_preview.mp4. "
        + "The studio makes one on demand for videos in codecs a browser cannot play.")
final class PreviewVideoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", description = "Video files or folders of videos.") List<Path> videos;
  @Option(names = "--out-dir", description = "Where to write the previews (default: next to each video).") Path outDir;
  @Option(names = "--max-width", description = "Widest preview in pixels (default: ${DEFAULT-VALUE}).") int maxWidth = 960;

  @Override
  public Integer call() throws Exception {
    if (maxWidth < 16) {
      throw new UserError("--max-width must be at least 16, got " + maxWidth);
    }
    int bad = 0;
    for (Path v : VideoArgs.expand(videos)) {
      Path dir = outDir != null ? outDir : v.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path out = dir.resolve(previewName(v));
      try {
        Progress bar = new Progress(Out.err(spec), "preview " + v.getFileName(), "frames");
        int n = PreviewVideo.write(v, out, maxWidth, bar::update);
        Out.out(spec).printf("%s: %d frames -> %s%n", v, n, out);
      } catch (InputFormatException e) {
        bad++;
        Out.err(spec).println("labpose: error: " + e.getMessage());
      }
    }
    return bad == 0 ? 0 : LabPose.BAD_INPUT;
  }

  /** {@code <stem>_preview.mp4}. */
  static String previewName(Path video) {
    String n = video.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return (dot > 0 ? n.substring(0, dot) : n) + "_preview.mp4";
  }
}

package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.io.InputFormatException;
import org.labpose.video.io.VideoCheck;
import org.labpose.video.io.VideoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose check-video}. */
@Command(name = "check-video", mixinStandardHelpOptions = true,
    description = "Decode every frame of each video and report frames decoded vs claimed, duration, fps, size and the first unreadable frame.")
final class CheckVideoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", description = "Video files or folders of videos.") List<Path> videos;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = Out.out(spec);
    int bad = 0;
    for (Path v : VideoArgs.expand(videos)) {
      try {
        Progress bar = new Progress(Out.err(spec), "decoding " + v.getFileName(), "frames");
        VideoCheck c = VideoCheck.run(v, bar::update);
        VideoInfo i = c.info();
        out.printf("%s: %dx%d, %.3f fps, %s (%s), %d frames claimed, %d decoded, %.2f s%n", v, i.width(), i.height(),
            i.fps(), i.codec(), i.pixelFormat(), i.frameCount(), c.decoded(), i.durationSeconds());
        if (!c.ok()) {
          bad++;
          Out.err(spec).printf("labpose: error: %s: frame %d: %s%n", v, c.firstBadFrame(), c.error());
        }
      } catch (InputFormatException e) {
        bad++;
        Out.err(spec).println("labpose: error: " + e.getMessage());
      }
    }
    return bad == 0 ? 0 : LabPose.BAD_INPUT;
  }
}

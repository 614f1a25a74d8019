package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabelStats;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.VideoCheck;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labpose demo}: every landed stage, end to end, on synthetic data LabPose makes itself. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run every landed pipeline stage end to end on synthetic data that LabPose generates itself (no outside data needed).")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", description = "Output folder, replaced if it exists (default: ${DEFAULT-VALUE}).")
  Path out = Paths.get("demo-output");

  @Option(names = "--frames", description = "Frames of the synthetic training video (default: ${DEFAULT-VALUE}).")
  int frames = 600;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = Out.out(spec);
    Path dir = out.toAbsolutePath().normalize();
    deleteDemoFolder(dir);
    Files.createDirectories(dir);
    o.println("LabPose demo: everything below is generated here, from synthetic data; no outside data is used.");
    o.println("Output folder: " + dir);

    o.println();
    o.println("[1/3] synth: rendering a synthetic top-view mouse video with exact ground truth");
    SynthConfig cfg = SynthConfig.defaults().withFrames(frames).withSeed(seed);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(cfg, video, dir.resolve("synth_groundtruth.csv"),
        new Progress(Out.err(spec), "  rendering", "frames")::update);
    o.printf("      video %s (%d frames, %dx%d, %.0f fps)%n", video, cfg.frames(), cfg.width(), cfg.height(), cfg.fps());
    o.printf("      ground truth %s%n", dir.resolve("synth_groundtruth.csv"));

    o.println("[2/3] create-project + labels: a DeepLabCut-layout project with frames extracted from the video and their true labels");
    Project p = SyntheticProject.create(dir, video, truth, cfg, 80, LocalDate.now());
    LabelSet labels = p.loadAllLabels();
    LabelStats st = LabelStats.of(labels);
    o.printf("      project %s%n", p.configFile());
    o.printf("      summary: %d bodyparts %s, %d labelled frames, %d points, %d missing%n",
        labels.layout().bodyparts().size(), labels.layout().bodyparts(), st.frames(), st.points(), st.missing());

    o.println("[3/3] check-video: decoding every frame of the project's video");
    VideoCheck c = VideoCheck.run(p.resolveVideo(p.config().videoSets().get(0).path()), null);
    o.printf("      %d of %d claimed frames decoded%s%n", c.decoded(), c.info().frameCount(), c.ok() ? "" : " (PROBLEM: " + c.error() + ")");

    o.println();
    o.println("Not in the demo yet (not landed): training, evaluation, video analysis, labeled videos, behavior analysis.");
    o.println("Next: ./labpose summary " + p.configFile());
    return c.ok() ? 0 : 1;
  }

  /** Removes a previous demo output folder, refusing anything that does not look like one. */
  private static void deleteDemoFolder(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.exists(dir.resolve("synth.mp4")) && Files.list(dir).findAny().isPresent()) {
      throw new UserError(dir + " exists and is not a LabPose demo folder; choose another --out");
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

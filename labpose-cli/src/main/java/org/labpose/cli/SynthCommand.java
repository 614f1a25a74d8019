package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose synth}. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = {
      "Render a synthetic top-view mouse video with exact ground truth (an mp4 and a DeepLabCut prediction CSV with likelihood 1);",
      "with --project, also a DeepLabCut-layout project whose labeled-data holds extracted frames with their true labels."})
final class SynthCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Output folder.") Path outdir;

  @Option(names = "--frames", description = "Number of frames (default: ${DEFAULT-VALUE}).") int frames = 300;
  @Option(names = "--size", description = "Frame size WxH in pixels, even (default: ${DEFAULT-VALUE}).") String size = "320x240";
  @Option(names = "--fps", description = "Frames per second (default: ${DEFAULT-VALUE}).") double fps = 30;
  @Option(names = "--seed", description = "Random seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).") long seed = 0;
  @Option(names = "--animals", description = "Number of animals, 1 to 4 (default: ${DEFAULT-VALUE}).") int animals = 1;
  @Option(names = "--name", description = "File stem of the video (default: ${DEFAULT-VALUE}).") String name = "synth";
  @Option(names = "--project", description = "Also create a DeepLabCut-layout project with labelled frames.") boolean project;
  @Option(names = "--label-frames", description = "Frames to label in the project (default: ${DEFAULT-VALUE}).") int labelFrames = 60;

  @Override
  public Integer call() throws Exception {
    SynthConfig cfg = config();
    Path mp4 = outdir.resolve(name + ".mp4");
    Path csv = outdir.resolve(name + "_groundtruth.csv");
    Files.createDirectories(outdir);
    Progress bar = new Progress(Out.err(spec), "rendering", "frames");
    PoseTable truth = SyntheticVideo.generate(cfg, mp4, csv, bar::update);
    Out.out(spec).println("video:        " + mp4);
    Out.out(spec).println("ground truth: " + csv);
    if (project) {
      Project p = SyntheticProject.create(outdir, mp4, truth, cfg, labelFrames, LocalDate.now());
      Out.out(spec).println("project:      " + p.configFile());
    }
    return 0;
  }

  private SynthConfig config() {
    String[] wh = size.toLowerCase().split("x");
    try {
      if (wh.length != 2) {
        throw new NumberFormatException();
      }
      return new SynthConfig(frames, Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()), fps, seed, animals, 4);
    } catch (NumberFormatException e) {
      throw new UserError("--size: expected WxH such as 320x240, found '" + size + "'");
    }
  }
}

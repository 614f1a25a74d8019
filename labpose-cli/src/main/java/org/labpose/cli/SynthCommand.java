package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticRig;
import org.labpose.video.synth.SyntheticVideo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose synth}. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = {
      "Render a synthetic top-view mouse video with exact ground truth (an mp4 and a DeepLabCut prediction CSV with likelihood 1);",
      "with --project, also a DeepLabCut-layout project whose labeled-data holds extracted frames with their true labels.",
      "With --cameras N, a 3D mouse seen by N calibrated cameras with lens distortion: each camera's video and true 2D points,"
          + " the true 3D points (mm, the floor z = 0), the true calibration, and checkerboard videos (9x6, 25 mm) to calibrate from."})
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
  @Option(names = "--cameras", description = "Render a 3D mouse from this many cameras (2 to 8) instead of the top view.") int cameras;
  @Option(names = "--arena", description = "With --cameras: the square arena's side, mm (default: ${DEFAULT-VALUE}).") double arena = 300;
  @Option(names = "--spine", description = "Also label the shoulder and the middle of the back (six bodyparts):"
      + " points on the body, which stay apart where touching animals' heads overlap.") boolean spine;
  @Option(names = "--label-frames", description = "Frames to label in the project (default: ${DEFAULT-VALUE}).") int labelFrames = 60;

  @Override
  public Integer call() throws Exception {
    if (cameras != 0) {
      return cameras();
    }
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

  private Integer cameras() throws Exception {
    if (animals != 1 || project || spine) {
      throw new UserError("--cameras renders one animal and no project: leave out --animals, --project and --spine");
    }
    SynthConfig size2d = config();
    SyntheticRig.Config cfg;
    try {
      cfg = new SyntheticRig.Config(cameras, frames, size2d.width(), size2d.height(), fps, seed, arena);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Progress bar = new Progress(Out.err(spec), "rendering", "frames");
    SyntheticRig.Output o = SyntheticRig.generate(cfg, outdir, name, bar::update);
    java.io.PrintWriter out = Out.out(spec);
    for (String cam : o.videos().keySet()) {
      out.println(cam + ": " + o.videos().get(cam) + ", ground truth " + o.truth2d().get(cam) + ", board video " + o.boardVideos().get(cam));
    }
    out.println("3D ground truth: " + o.truth3d() + " (mm, z up, the floor z = 0, origin the arena's centre)");
    out.println("true cameras:    " + o.calibration());
    return 0;
  }

  private SynthConfig config() {
    String[] wh = size.toLowerCase().split("x");
    try {
      if (wh.length != 2) {
        throw new NumberFormatException();
      }
      return new SynthConfig(frames, Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()), fps, seed, animals, 4, spine);
    } catch (NumberFormatException e) {
      throw new UserError("--size: expected WxH such as 320x240, found '" + size + "'");
    }
  }
}

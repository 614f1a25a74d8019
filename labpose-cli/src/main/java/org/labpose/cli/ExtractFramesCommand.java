package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.frames.FrameExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose extract-frames}. */
@Command(name = "extract-frames", mixinStandardHelpOptions = true,
    description = "Pick frames to label (k-means on small grey thumbnails, uniform, or given indices) into labeled-data/<video-stem>/img<index>.png; never overwrites.")
final class ExtractFramesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Option(names = "--algo", description = "kmeans or uniform (default: ${DEFAULT-VALUE}).") String algo = "kmeans";
  @Option(names = "--num", description = "Frames per video (default: the config's numframes2pick).") Integer num;
  @Option(names = "--start", description = "Start as a fraction of the video (default: the config's start).") Double start;
  @Option(names = "--stop", description = "Stop as a fraction of the video (default: the config's stop).") Double stop;
  @Option(names = "--crop", split = ",", description = "x1,x2,y1,y2 in pixels applied to the saved frames.") List<Integer> crop;
  @Option(names = "--videos", arity = "1..*", description = "Only these videos (default: every video of the project).") List<Path> videos;
  @Option(names = "--frames", split = ",", description = "Exact frame indices to extract (manual).") List<Integer> frames;
  @Option(names = "--seed", description = "Random seed of k-means (default: ${DEFAULT-VALUE}).") long seed = 0;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    ProjectConfig c = p.config();
    FrameExtractor.Algorithm a;
    try {
      a = FrameExtractor.Algorithm.valueOf(algo.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--algo " + algo + ": expected kmeans or uniform");
    }
    int n = num != null ? num : c.numFramesToPick();
    double s0 = start != null ? start : c.start();
    double s1 = stop != null ? stop : c.stop();
    if (n < 1 || s0 < 0 || s1 > 1 || s0 >= s1) {
      throw new UserError("need --num >= 1 and 0 <= --start < --stop <= 1");
    }
    int[] cr = null;
    if (crop != null) {
      if (crop.size() != 4 || crop.get(1) <= crop.get(0) || crop.get(3) <= crop.get(2) || crop.get(0) < 0 || crop.get(2) < 0) {
        throw new UserError("--crop: expected x1,x2,y1,y2 with x1 < x2 and y1 < y2, found " + crop);
      }
      cr = crop.stream().mapToInt(Integer::intValue).toArray();
    }
    List<Path> vs = new ArrayList<>();
    if (videos != null) {
      vs.addAll(VideoArgs.expand(videos));
    } else {
      for (ProjectConfig.VideoSet v : c.videoSets()) {
        vs.add(p.resolveVideo(v.path()));
      }
    }
    if (vs.isEmpty()) {
      throw new UserError(p.configFile() + ": the project has no videos (add some with 'labpose add-videos')");
    }
    for (Path v : vs) {
      if (!Files.exists(v)) {
        throw new UserError(v + ": video file not found");
      }
      List<Integer> picked = frames != null ? frames : FrameExtractor.pick(v, a, n, s0, s1, cr, seed);
      Path folder = p.labeledDataDir(Project.videoStem(v.toString()));
      FrameExtractor.Result r = FrameExtractor.extract(v, picked, folder, cr);
      Out.out(spec).printf("%s: %d frames chosen, %d written, %d already there -> %s%n", v.getFileName(), picked.size(),
          r.written().size(), r.skipped().size(), p.relativize(folder));
      Out.record(spec, p, java.util.List.of(v), new java.util.ArrayList<>(r.written()));
    }
    return 0;
  }
}

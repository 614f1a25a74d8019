package org.labpose.video.frames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.labpose.core.SettingException;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.sleap.SlpFile;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.io.VideoFrameSource;

/**
 * Makes a LabPose (DeepLabCut-layout) project from SLEAP labels: the {@code .slp} file's first video,
 * its frames that carry user instances (optionally a frame range, at most N of them spread evenly)
 * extracted and labelled, tracks as individuals, nodes as bodyparts, the skeleton's edges.
 */
public final class SleapImport {
  private SleapImport() {}

  /**
   * @param task task name of the new project
   * @param scorer the labels' scorer (experimenter)
   * @param first first frame index to take labels from
   * @param last last frame index (inclusive; -1: the video's end)
   * @param max at most this many labelled frames (0: all)
   * @param posesCsv where to also write every frame's poses as a prediction CSV (a reference for
   *     validation), or null
   */
  public record Options(String task, String scorer, Path workingDir, int first, int last, int max, Path posesCsv, LocalDate date) {}

  /** What was imported. */
  public record Result(Project project, int labelledFrames, int framesAvailable, PoseTable poses) {}

  public static Result importProject(Path slp, Options o) throws IOException {
    if (o.max() < 0 || o.first() < 0 || (o.last() >= 0 && o.last() < o.first())) {
      throw new SettingException("frames", "expected 0 <= first <= last and max >= 0, got " + o.first() + "-" + o.last() + " max " + o.max());
    }
    SlpFile.SlpLabels labels = SlpFile.read(slp);
    if (labels.videos().isEmpty()) {
      throw new InputFormatException(slp, "videos_json", "the file names no video");
    }
    Path recorded = Path.of(labels.videos().get(0));
    Path video = recorded.isAbsolute() && Files.isRegularFile(recorded) ? recorded
        : slp.toAbsolutePath().getParent().resolve(recorded.getFileName().toString());
    if (!Files.isRegularFile(video)) {
      throw new InputFormatException(slp, "videos_json", "its video " + recorded + " is not found (looked for " + video + ")");
    }
    int frameCount;
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      frameCount = src.frameCount();
    }
    PoseTable poses = labels.toPoseTable(0, frameCount, o.scorer());
    TreeSet<Integer> userFrames = new TreeSet<>();
    for (SlpFile.Frame f : labels.frames()) {
      int last = o.last() < 0 ? Integer.MAX_VALUE : o.last();
      if (f.video() == 0 && f.frame() >= o.first() && f.frame() <= last && f.frame() < frameCount
          && f.instances().stream().anyMatch(SlpFile.Instance::user)) {
        userFrames.add(f.frame());
      }
    }
    if (userFrames.isEmpty()) {
      throw new InputFormatException(slp, null, "no frame with user (human) instances in frames " + o.first() + "-" + (o.last() < 0 ? "end" : o.last()));
    }
    List<Integer> all = new ArrayList<>(userFrames);
    List<Integer> chosen = new ArrayList<>();
    if (o.max() == 0 || o.max() >= all.size()) {
      chosen.addAll(all);
    } else {
      for (int i = 0; i < o.max(); i++) {
        chosen.add(all.get((int) ((long) i * all.size() / o.max())));
      }
    }
    List<List<String>> skeleton = new ArrayList<>();
    for (int[] e : labels.edges()) {
      skeleton.add(List.of(labels.nodes().get(e[0]), labels.nodes().get(e[1])));
    }
    Project p = ProjectFromPoses.create(new ProjectFromPoses.Request(o.task(), o.scorer(), video, poses, chosen, skeleton,
        o.workingDir(), false, o.date()));
    if (o.posesCsv() != null) {
      DlcPredictionCsv.write(poses, o.posesCsv());
    }
    return new Result(p, chosen.size(), all.size(), poses);
  }
}

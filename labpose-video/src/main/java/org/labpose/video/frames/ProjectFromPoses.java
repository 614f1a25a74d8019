package org.labpose.video.frames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectLayout;
import org.labpose.core.project.ProjectSetup;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;

/**
 * A DeepLabCut-layout project made from a video and poses known for some of its frames (labels
 * imported from another tool, or a synthetic video's truth): the video linked or copied into
 * {@code videos/}, the chosen frames extracted into {@code labeled-data/<stem>/img<index>.png} and
 * their poses written as {@code CollectedData_<scorer>.csv} (4-row for several animals). Positions in
 * px, (0, 0) at the centre of the top-left pixel.
 */
public final class ProjectFromPoses {
  private ProjectFromPoses() {}

  /**
   * What to make.
   *
   * @param task task name
   * @param scorer experimenter (the labels' scorer)
   * @param video the video the poses belong to
   * @param poses poses by frame index; individuals and bodyparts become the project's
   * @param frames frame indices to extract and label
   * @param skeleton bodypart pairs for the config's skeleton (may be empty)
   * @param workingDir where the project folder is created
   * @param copyVideo copy the video instead of linking it
   */
  public record Request(String task, String scorer, Path video, PoseTable poses, List<Integer> frames,
      List<List<String>> skeleton, Path workingDir, boolean copyVideo, LocalDate date) {}

  /** Creates the project; returns it. */
  public static Project create(Request r) throws IOException {
    KeypointLayout layout = r.poses().layout();
    List<String> individuals = layout.isMultiAnimal() ? layout.individuals() : null;
    int w;
    int h;
    try (VideoFrameSource src = new VideoFrameSource(r.video())) {
      w = src.width();
      h = src.height();
    }
    Project p = ProjectSetup.create(new ProjectSetup.Request(r.task(), r.scorer(), List.of(r.video()),
        Map.of(r.video(), new ProjectConfig.Crop(0, w, 0, h)), r.workingDir(), r.copyVideo(), layout.bodyparts(),
        layout.isMultiAnimal(), individuals, r.date()));
    ProjectConfig c = p.config();
    List<Object> sk = new ArrayList<>();
    for (List<String> e : r.skeleton()) {
      sk.add(new ArrayList<>(e));
    }
    c.set("skeleton", sk);
    c.set("numframes2pick", r.frames().size());
    p.saveConfig();
    String stem = Project.videoStem(r.video().toString());
    Path folder = p.labeledDataDir(stem);
    Files.createDirectories(folder);
    int digits = Math.max(1, (int) Math.ceil(Math.log10(Math.max(2, r.poses().frameCount()))));
    KeypointLayout labelLayout = c.keypointLayout();
    List<LabeledFrame> frames = new ArrayList<>();
    try (VideoFrameSource src = new VideoFrameSource(p.resolveVideo(c.videoSets().get(0).path()))) {
      for (int f : r.frames()) {
        String name = "img" + String.format("%0" + digits + "d", f) + ".png";
        Images.writePng(src.read(f), folder.resolve(name));
        double[] xy = new double[2 * labelLayout.size()];
        for (int k = 0; k < labelLayout.size(); k++) {
          KeypointId id = labelLayout.keypoints().get(k);
          boolean has = r.poses().layout().contains(id);
          xy[2 * k] = has ? r.poses().x(f, id) : Double.NaN;
          xy[2 * k + 1] = has ? r.poses().y(f, id) : Double.NaN;
        }
        frames.add(new LabeledFrame(ProjectLayout.labeledImage(stem, name), labelLayout, xy));
      }
    }
    org.labpose.core.io.dlc.LabelFiles.write(new LabelSet(r.scorer(), labelLayout, frames), folder.resolve("CollectedData_" + r.scorer() + ".csv"),
        org.labpose.core.io.dlc.DlcLabelCsv.IndexStyle.SPLIT);
    return p;
  }
}

package org.labpose.video.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectSetup;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;

/**
 * A DeepLabCut-layout project around a synthetic video: the video copied into {@code videos/},
 * frames extracted from it into {@code labeled-data/<stem>/img<index>.png}, and their true
 * keypoints as the human labels ({@code CollectedData_labpose.csv}).
 */
public final class SyntheticProject {
  /** Task name of synthetic projects. */
  public static final String TASK = "synthmouse";
  /** Experimenter (scorer) of synthetic projects. */
  public static final String SCORER = "labpose";

  private SyntheticProject() {}

  /**
   * Creates the project under {@code workingDir} from an existing synthetic video and its truth.
   *
   * @param labelFrames how many frames to label (spread over the video, seeded)
   */
  public static Project create(Path workingDir, Path video, PoseTable truth, SynthConfig cfg, int labelFrames, LocalDate date) throws IOException {
    KeypointLayout layout = truth.layout();
    List<String> individuals = layout.isMultiAnimal() ? layout.individuals() : null;
    Project p = ProjectSetup.create(new ProjectSetup.Request(TASK, SCORER, List.of(video),
        Map.of(video, new ProjectConfig.Crop(0, cfg.width(), 0, cfg.height())), workingDir, true,
        SynthConfig.BODYPARTS, layout.isMultiAnimal(), individuals, date));
    ProjectConfig c = p.config();
    c.set("skeleton", new ArrayList<>(List.of(
        new ArrayList<>(List.of("snout", "leftear")), new ArrayList<>(List.of("snout", "rightear")),
        new ArrayList<>(List.of("leftear", "tailbase")), new ArrayList<>(List.of("rightear", "tailbase")))));
    c.set("dotsize", Math.max(3, cfg.width() / 80));
    c.set("numframes2pick", labelFrames);
    c.set("default_net_type", "mobilenet_v2_1.0");
    p.saveConfig();

    String stem = Project.videoStem(video.toString());
    Path folder = p.labeledDataDir(stem);
    Files.createDirectories(folder);
    int digits = Math.max(1, (int) Math.ceil(Math.log10(Math.max(2, truth.frameCount()))));
    List<LabeledFrame> frames = new ArrayList<>();
    KeypointLayout labelLayout = c.keypointLayout();
    try (VideoFrameSource src = new VideoFrameSource(p.videosDir().resolve(video.getFileName()))) {
      for (int f : pickFrames(truth.frameCount(), labelFrames, cfg.seed())) {
        String name = "img" + String.format("%0" + digits + "d", f) + ".png";
        Images.writePng(src.read(f), folder.resolve(name));
        double[] xy = new double[2 * labelLayout.size()];
        for (int k = 0; k < labelLayout.size(); k++) {
          KeypointId id = labelLayout.keypoints().get(k);
          xy[2 * k] = truth.x(f, id);
          xy[2 * k + 1] = truth.y(f, id);
        }
        frames.add(new LabeledFrame(org.labpose.core.project.ProjectLayout.labeledImage(stem, name), labelLayout, xy));
      }
    }
    DlcLabelCsv.write(new LabelSet(SCORER, labelLayout, frames), folder.resolve("CollectedData_" + SCORER + ".csv"));
    return p;
  }

  /** {@code n} distinct frames spread evenly over {@code total}, each jittered within its slot. */
  static List<Integer> pickFrames(int total, int n, long seed) {
    Random rng = new Random(seed * 977 + 5);
    TreeSet<Integer> out = new TreeSet<>();
    n = Math.min(n, total);
    for (int i = 0; i < n; i++) {
      int lo = (int) ((long) i * total / n);
      int hi = (int) ((long) (i + 1) * total / n);
      out.add(lo + rng.nextInt(Math.max(1, hi - lo)));
    }
    return new ArrayList<>(out);
  }
}

package org.labpose.video.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.frames.ProjectFromPoses;

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
    List<List<String>> skeleton = cfg.spine()
        ? List.of(List.of("snout", "leftear"), List.of("snout", "rightear"), List.of("leftear", "shoulder"),
            List.of("rightear", "shoulder"), List.of("shoulder", "spine"), List.of("spine", "tailbase"))
        : List.of(List.of("snout", "leftear"), List.of("snout", "rightear"),
            List.of("leftear", "tailbase"), List.of("rightear", "tailbase"));
    Project p = ProjectFromPoses.create(new ProjectFromPoses.Request(TASK, SCORER, video, truth,
        pickFrames(truth.frameCount(), labelFrames, cfg.seed()), skeleton, workingDir, true, date));
    ProjectConfig c = p.config();
    c.set("dotsize", Math.max(3, cfg.width() / 80));
    c.set("default_net_type", "mobilenet_v2_1.0");
    p.saveConfig();
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

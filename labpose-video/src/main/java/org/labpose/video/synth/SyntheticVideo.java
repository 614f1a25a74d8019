package org.labpose.video.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.video.io.VideoWriter;

/**
 * Renders a synthetic video and its ground truth. The same config (seed included) gives the same
 * video bytes and the same keypoints. Several animals look alike and interact (approach, follow,
 * huddle, cross: see {@link SocialScheduler}); the ground truth keeps their identities.
 */
public final class SyntheticVideo {
  /** The scorer written in ground-truth files. */
  public static final String SCORER = "groundtruth";

  private SyntheticVideo() {}

  /** The keypoint layout: one mouse, or individuals {@code mouse1..K}. */
  public static KeypointLayout layout(SynthConfig cfg) {
    if (cfg.animals() == 1) {
      return KeypointLayout.singleAnimal(cfg.bodyparts());
    }
    List<String> inds = new ArrayList<>();
    for (int a = 1; a <= cfg.animals(); a++) {
      inds.add("mouse" + a);
    }
    return KeypointLayout.multiAnimal(inds, cfg.bodyparts(), List.of());
  }

  /** Frame callback for progress reporting. */
  @FunctionalInterface
  public interface Progress {
    void frame(int done, int total);
  }

  /**
   * Writes the video (H.264 MP4) and, when {@code groundTruthCsv} is not null, the true keypoints
   * as a DeepLabCut prediction CSV with likelihood 1.
   *
   * @return the true keypoints per frame
   */
  public static PoseTable generate(SynthConfig cfg, Path mp4, Path groundTruthCsv, Progress progress) throws IOException {
    SceneRenderer renderer = new SceneRenderer(cfg);
    List<MouseMotion> mice = new ArrayList<>();
    for (int a = 0; a < cfg.animals(); a++) {
      mice.add(new MouseMotion(cfg.seed() * 131 + a + 1, renderer.arena(), cfg.mouseLength(), cfg.fps()));
    }
    SocialScheduler social = cfg.animals() > 1 ? new SocialScheduler(mice, cfg.seed(), cfg.fps()) : null;
    KeypointLayout layout = layout(cfg);
    PoseTable truth = new PoseTable(SCORER, layout, cfg.frames());
    List<String> parts = cfg.bodyparts();
    try (VideoWriter w = new VideoWriter(mp4, cfg.width(), cfg.height(), cfg.fps(), 12 * cfg.width() * cfg.height())) {
      for (int f = 0; f < cfg.frames(); f++) {
        List<MousePose> poses = new ArrayList<>();
        for (int a = 0; a < mice.size(); a++) {
          MousePose p = mice.get(a).pose();
          poses.add(p);
          double[] k = cfg.spine() ? p.keypointsWithSpine() : p.keypoints();
          for (int b = 0; b < parts.size(); b++) {
            String ind = cfg.animals() == 1 ? KeypointId.SINGLE_ANIMAL : "mouse" + (a + 1);
            truth.set(f, new KeypointId(ind, parts.get(b)), k[2 * b], k[2 * b + 1], 1.0);
          }
        }
        RgbImage img = renderer.render(f, poses);
        w.write(img);
        if (social != null) {
          social.step();
        }
        for (MouseMotion m : mice) {
          m.step();
        }
        if (social != null) {
          social.separate();
        }
        if (progress != null) {
          progress.frame(f + 1, cfg.frames());
        }
      }
    }
    if (groundTruthCsv != null) {
      DlcPredictionCsv.write(truth, groundTruthCsv);
    }
    return truth;
  }
}

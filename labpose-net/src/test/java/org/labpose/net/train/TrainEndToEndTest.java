package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.evaluate.Evaluation;
import org.labpose.net.infer.PosePredictor;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/** A tiny network trained briefly on synthetic data: the loss falls and predictions beat a constant guess. */
class TrainEndToEndTest {
  @TempDir Path dir;

  @Test
  void tinyNetworkLearnsSyntheticMouse() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(240).withSeed(1);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 60, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.8, 1, 0, "tiny", null);
    assertEquals(48, d.train().size());
    assertEquals(12, d.test().size());
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(Integer.getInteger("labpose.test.iters", 300))
        .withBatchSize(8).withCropSize(128).withLr(2e-3).withThreads(2).withCheckpoints(50, 2);
    double[] losses = new double[cfg.iterations() + 1];
    PoseTrainer.Result r = ProjectTraining.train(p, d, cfg, false, (it, total, loss, lr, rate) -> losses[it] = loss);
    double early = avg(losses, 1, 20);
    double late = avg(losses, cfg.iterations() - 19, cfg.iterations());
    assertTrue(late < 0.6 * early, "loss falls: " + early + " -> " + late);
    Path modelDir = TrainingDataset.modelDir(p, 0.8, 1);
    assertEquals(2, PoseTrainer.snapshots(modelDir.resolve("train")).size());
    assertTrue(Files.readAllLines(modelDir.resolve("train/log.csv")).size() == cfg.iterations() + 1);

    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      List<Evaluation.FramePrediction> fp = Evaluation.predict(p, d.trainFrames(), pred);
      Evaluation.Stats train = Evaluation.stats(fp, 0.1);
      // constant baseline: every keypoint at the mean training position
      double[] mean = new double[8];
      for (LabeledFrame f : d.trainFrames()) {
        for (int k = 0; k < 4; k++) {
          KeypointId id = f.layout().keypoints().get(k);
          mean[2 * k] += f.x(id) / d.train().size();
          mean[2 * k + 1] += f.y(id) / d.train().size();
        }
      }
      double base = 0;
      int n = 0;
      for (LabeledFrame f : d.trainFrames()) {
        for (int k = 0; k < 4; k++) {
          KeypointId id = f.layout().keypoints().get(k);
          base += Math.hypot(f.x(id) - mean[2 * k], f.y(id) - mean[2 * k + 1]);
          n++;
        }
      }
      base /= n;
      assertTrue(train.meanError() < 0.5 * base, "train error " + train.meanError() + " px vs constant baseline " + base + " px");
    }
  }

  private static double avg(double[] a, int from, int to) {
    double s = 0;
    for (int i = from; i <= to; i++) {
      s += a[i];
    }
    return s / (to - from + 1);
  }
}

package org.labpose.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.train.PoseTrainer;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * Resuming and starting from an earlier model go on training the loaded weights: the snapshot
 * after more steps differs from the one loaded, and the first loss after loading is near the last
 * loss before (a regression test: DJL's loading replaced arrays the optimizer never updated).
 */
class ResumeTest {
  @TempDir Path dir;

  @Test
  void resumedTrainingUpdatesTheLoadedWeights() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(120).withSeed(4);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 24, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(60).withBatchSize(8).withCropSize(96).withLr(2e-3).withThreads(2)
        .withCheckpoints(60, 3);
    double[] losses = new double[200];
    ProjectTraining.train(p, d, cfg, false, (it, total, loss, lr, rate) -> losses[it] = loss);
    Path trainDir = TrainingDataset.modelDir(p, 0.9, 1).resolve("train");
    Path first = PoseTrainer.latestSnapshot(trainDir);
    byte[] before = Files.readAllBytes(first);
    ProjectTraining.train(p, d, cfg.withIterations(70), true, (it, total, loss, lr, rate) -> losses[it] = loss);
    Path second = PoseTrainer.latestSnapshot(trainDir);
    assertEquals(70, PoseTrainer.snapshotIteration(second));
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(second)), "ten more steps changed the weights");
    double late = (losses[56] + losses[57] + losses[58] + losses[59] + losses[60]) / 5;
    assertTrue(losses[61] < 1.5 * late + 0.05, "resumed at the trained loss: " + late + " then " + losses[61]);
  }
}

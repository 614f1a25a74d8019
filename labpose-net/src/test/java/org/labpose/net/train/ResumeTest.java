package org.labpose.net.train;

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
import org.labpose.net.dataset.TrainingDataset;
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
    // as after a kill -9: steps 61-65 logged without a checkpoint, the last line cut
    Path log = trainDir.resolve("log.csv");
    Files.writeString(log, "61,0.5,0.001,999.0\n62,0.5,0.001,999.5\n63,0.5,0.001,1000.0\n64,0.5,0.001,1000.5\n65,0.5,0.001,1001.0\n66,0.5,0.0",
        java.nio.file.StandardOpenOption.APPEND);
    ProjectTraining.train(p, d, cfg.withIterations(70), true, (it, total, loss, lr, rate) -> losses[it] = loss);
    java.util.List<String> rows = Files.readAllLines(log);
    assertEquals(71, rows.size(), "header and steps 1-70 once each");
    double prev = -1;
    for (int i = 1; i <= 70; i++) {
      String[] c = rows.get(i).split(",");
      assertEquals(i, Integer.parseInt(c[0]), rows.get(i));
      double secs = Double.parseDouble(c[3]);
      assertTrue(secs >= prev && secs < 900, "seconds continue from the checkpoint: " + rows.get(i));
      prev = secs;
    }
    Path second = PoseTrainer.latestSnapshot(trainDir);
    assertEquals(70, PoseTrainer.snapshotIteration(second));
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(second)), "ten more steps changed the weights");
    double late = (losses[56] + losses[57] + losses[58] + losses[59] + losses[60]) / 5;
    assertTrue(losses[61] < 1.5 * late + 0.05, "resumed at the trained loss: " + late + " then " + losses[61]);
  }
}

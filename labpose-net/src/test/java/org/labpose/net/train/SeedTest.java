package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/** A seed fixes the starting network and the batches: two runs with one seed start with equal losses. */
class SeedTest {
  @TempDir Path dir;

  @Test
  void sameSeedSameStartOtherSeedOtherStart() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(40).withSeed(2);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 10, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(2).withBatchSize(4).withCropSize(64).withThreads(2).withCheckpoints(2, 1);
    Path trainDir = TrainingDataset.modelDir(p, 0.9, 1).resolve("train");
    double[] a = firstLosses(p, d, cfg, trainDir);
    double[] b = firstLosses(p, d, cfg, trainDir);
    double[] c = firstLosses(p, d, cfg.withSeed(1), trainDir);
    assertEquals(a[1], b[1], 0.0, "first step, same seed");
    assertEquals(a[2], b[2], 1e-4 * Math.abs(a[2]), "second step, same seed");
    assertNotEquals(a[1], c[1], "another seed starts elsewhere");
  }

  private static double[] firstLosses(Project p, TrainingDataset d, TrainConfig cfg, Path trainDir) throws Exception {
    AtomicFiles.deleteTree(trainDir);
    double[] losses = new double[3];
    ProjectTraining.train(p, d, cfg, false, (it, total, loss, lr, rate) -> losses[it] = loss);
    return losses;
  }
}

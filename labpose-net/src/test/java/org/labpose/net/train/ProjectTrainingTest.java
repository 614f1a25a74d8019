package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

class ProjectTrainingTest {
  @TempDir Path dir;

  @Test
  void aMissingImageStopsTrainingBeforeAnyModelFileIsWritten() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(40).withSeed(2);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 10, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    Path gone = p.imagePath(d.trainFrames().get(d.trainFrames().size() - 1).imagePath(), null);
    Files.delete(gone);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(2).withBatchSize(4).withCropSize(64).withThreads(1).withCheckpoints(2, 1);
    IOException e = assertThrows(IOException.class, () -> ProjectTraining.train(p, d, cfg, false, null));
    assertTrue(e.getMessage().contains(gone.getFileName().toString()), e.getMessage());
    assertFalse(Files.exists(TrainingDataset.modelDir(p, 0.9, 1).resolve("train")), "no half-made train folder");
  }
}

package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.evaluate.Evaluation;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.infer.VideoAnalyzer;
import org.labpose.net.model.ModelInfo;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * A two-mouse project trains a bottom-up network (shared maps and part-affinity fields) and goes
 * through evaluation and analysis with its individuals kept.
 */
class MultiAnimalTrainingTest {
  @TempDir Path dir;

  @Test
  void twoMiceEndToEnd() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(60).withSize(160, 120).withAnimals(2).withSeed(9);
    Path video = dir.resolve("pair.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 10, LocalDate.of(2026, 1, 1));
    assertTrue(p.config().multiAnimal());
    TrainingDataset d = TrainingDataset.create(p, 0.8, 1, 0, "tiny", null);
    assertEquals(8, d.labels().layout().size(), "2 mice x 4 bodyparts");
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(4).withCropSize(64).withThreads(2), false, null);
    Path modelDir = TrainingDataset.modelDir(p, 0.8, 1);
    ModelInfo info = ModelInfo.read(modelDir);
    assertEquals(java.util.List.of("mouse1", "mouse2"), info.multiAnimalHead().individuals());
    assertEquals(4, info.multiAnimalHead().maps(), "one shared map per bodypart");
    assertEquals(3 * 4 + 2 * info.multiAnimalHead().edges().size(), info.spec().outputChannels());
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      Evaluation.Stats s = Evaluation.stats(Evaluation.predict(p, d.testFrames(), pred), 0.1);
      assertTrue(s.points() <= 2 * 8, "at most every labelled point of the test frames is compared");
      Path csv = dir.resolve("pair.csv");
      new VideoAnalyzer(pred, "DLC_tiny", 4).analyze(video, csv, false, null);
      PoseTable out = DlcPredictionCsv.read(csv);
      assertEquals(60, out.frameCount());
      assertTrue(out.layout().isMultiAnimal());
      assertEquals(java.util.List.of("mouse1", "mouse2"), out.layout().individuals());
      assertTrue(java.nio.file.Files.exists(org.labpose.core.project.ProjectLayout.assemblies(csv)), "per-frame animals kept for re-stitching");
    }
  }

  @Test
  void anIdentityHeadGivesEachDetectionAnIndividual() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(30).withSize(160, 120).withAnimals(2).withSeed(3);
    Path video = dir.resolve("ids.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 8, LocalDate.of(2026, 1, 2));
    p.config().set("identity", true);
    p.saveConfig();
    TrainingDataset d = TrainingDataset.create(p, 0.8, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(3).withCropSize(64).withThreads(2), false, null);
    Path modelDir = TrainingDataset.modelDir(p, 0.8, 1);
    ModelInfo info = ModelInfo.read(modelDir);
    assertTrue(info.multiAnimalHead().identity());
    assertEquals(3 * 4 + 2 * info.multiAnimalHead().edges().size() + 2, info.spec().outputChannels(), "two identity maps");
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      org.labpose.core.image.RgbImage img = org.labpose.video.io.Images.read(p.imagePath(d.trainFrames().get(0).imagePath(), null));
      for (var fa : pred.predictAnimals(new PosePredictor.Input[] {pred.prepare(img)})) {
        for (var a : fa.animals()) {
          for (int b = 0; b < a.size(); b++) {
            if (a.has(b)) {
              assertTrue(a.identity(b) == 0 || a.identity(b) == 1, "identity " + a.identity(b));
            }
          }
        }
      }
    }
  }
}

package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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

  /** A trained two-mouse project: its project, training set and model folder. */
  private record Trained(Project project, TrainingDataset data, Path modelDir, Path video) {}

  private Trained train(String name, int frames, int labelled, long seed, boolean identity, int steps) throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(frames).withSize(160, 120).withAnimals(2).withSeed(seed);
    Path video = dir.resolve(name + ".mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir.resolve(name), video, truth, sc, labelled, LocalDate.of(2026, 1, 1));
    // A network of a few steps detects noise, which the assembler calibrated by the labels rightly refuses
    // to assemble into animals; these tests check the wiring, so they assemble as DeepLabCut does by default.
    p.config().set("assembly", java.util.Map.of("calibrate", false));
    if (identity) {
      p.config().set("identity", true);
    }
    p.saveConfig();
    TrainingDataset d = TrainingDataset.create(p, 0.8, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(steps).withCropSize(64).withThreads(2), false, null, steps);
    return new Trained(p, d, TrainingDataset.modelDir(p, 0.8, 1), video);
  }

  @Test
  void twoMiceEndToEnd() throws Exception {
    Trained t = train("pair", 60, 10, 9, false, 4);
    Project p = t.project();
    TrainingDataset d = t.data();
    assertTrue(p.config().multiAnimal());
    assertEquals(8, d.labels().layout().size(), "2 mice x 4 bodyparts");
    ModelInfo info = ModelInfo.read(t.modelDir());
    assertEquals(java.util.List.of("mouse1", "mouse2"), info.multiAnimalHead().individuals());
    assertEquals(4, info.multiAnimalHead().maps(), "one shared map per bodypart");
    assertEquals(3 * 4 + 2 * info.multiAnimalHead().edges().size(), info.spec().outputChannels());
    // the distances between bodyparts in the training labels are kept for the assembler: the first pair (0, 1)
    double sum = 0;
    int n = 0;
    for (org.labpose.core.model.LabeledFrame f : d.trainFrames()) {
      double[] xy = f.coordinates();
      for (int i = 0; i < 2; i++) {
        int a = i * 4;
        int b = i * 4 + 1;
        if (!Double.isNaN(xy[2 * a]) && !Double.isNaN(xy[2 * b])) {
          sum += Math.hypot(xy[2 * a] - xy[2 * b], xy[2 * a + 1] - xy[2 * b + 1]);
          n++;
        }
      }
    }
    assertEquals(sum / n, info.multiAnimalHead().linkLengths().mean()[0], 1e-9);
    try (PosePredictor pred = new PosePredictor(t.modelDir(), null, 2).withAssemblyConfig(p.config().get("assembly"))) {
      Evaluation.Stats s = Evaluation.stats(Evaluation.predict(p, d.testFrames(), pred), 0.1);
      assertTrue(s.points() <= 2 * 8, "at most every labelled point of the test frames is compared");
      // the test error measured while training (at its last step) matches the predicted animals to the labels too
      List<String> log = java.nio.file.Files.readAllLines(t.modelDir().resolve("train/test_log.csv"));
      double probe = Double.parseDouble(log.get(log.size() - 1).split(",")[1]);
      assertTrue(s.points() > 0 && Double.isFinite(probe), log.toString());
      assertEquals(s.meanError(), probe, 1e-3 * s.meanError(), "training's test error = evaluation's");
      assertEquals(2 * d.testFrames().size(), Evaluation.animalPrecision(p, d.testFrames(), pred).animals(),
          "both labelled mice of every test frame are scored");
      Path csv = dir.resolve("pair.csv");
      new VideoAnalyzer(pred, "DLC_tiny", 4).analyze(t.video(), csv, false, null);
      PoseTable out = DlcPredictionCsv.read(csv);
      assertEquals(60, out.frameCount());
      assertTrue(out.layout().isMultiAnimal());
      assertEquals(java.util.List.of("mouse1", "mouse2"), out.layout().individuals());
      assertTrue(java.nio.file.Files.exists(org.labpose.core.project.ProjectLayout.assemblies(csv)), "per-frame animals kept for re-stitching");
    }
  }

  @Test
  void anIdentityHeadGivesEachDetectionAnIndividual() throws Exception {
    Trained t = train("ids", 30, 8, 3, true, 3);
    ModelInfo info = ModelInfo.read(t.modelDir());
    assertTrue(info.multiAnimalHead().identity());
    assertEquals(3 * 4 + 2 * info.multiAnimalHead().edges().size() + 2, info.spec().outputChannels(), "two identity maps");
    try (PosePredictor pred = new PosePredictor(t.modelDir(), null, 2).withAssemblyConfig(t.project().config().get("assembly"))) {
      org.labpose.core.image.RgbImage img = org.labpose.video.io.Images.read(
          t.project().imagePath(t.data().trainFrames().get(0).imagePath(), null));
      int found = 0;
      for (var fa : pred.predictAnimals(new PosePredictor.Input[] {pred.prepare(img)})) {
        for (var a : fa.animals()) {
          for (int b = 0; b < a.size(); b++) {
            if (a.has(b)) {
              found++;
              assertTrue(a.identity(b) == 0 || a.identity(b) == 1, "identity " + a.identity(b));
            }
          }
        }
      }
      assertTrue(found > 0, "some keypoints were found (else the identity check above checked nothing)");
    }
  }
}

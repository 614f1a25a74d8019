package org.labpose.net.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

class VideoAnalyzerTest {
  @TempDir static Path dir;
  static Path modelDir;
  static Path video;

  @BeforeAll
  static void trainTiny() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(90).withSize(160, 120).withSeed(4);
    video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 12, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 1.0, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(5).withCropSize(64).withThreads(2), false, null);
    modelDir = TrainingDataset.modelDir(p, 1.0, 1);
  }

  @Test
  void analysesEveryFrameAndResumesAPartialRun() throws Exception {
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      VideoAnalyzer a = new VideoAnalyzer(pred, "DLC_tiny_test", 4);
      Path full = dir.resolve("full.csv");
      VideoAnalyzer.Result r = a.analyze(video, full, false, null);
      assertEquals(90, r.frames());
      PoseTable t = DlcPredictionCsv.read(full);
      assertEquals(90, t.frameCount());
      assertTrue(Files.exists(dir.resolve("full_meta.json")));
      assertFalse(Files.exists(dir.resolve("full.csv.partial")));

      // an interrupted run: 37 complete rows and half of the 38th
      List<String> lines = Files.readAllLines(full);
      Path resumed = dir.resolve("resumed.csv");
      String partial = String.join("\n", lines.subList(0, 3 + 37)) + "\n" + lines.get(3 + 37).substring(0, 10);
      Files.writeString(dir.resolve("resumed.csv.partial"), partial);
      VideoAnalyzer.Result rr = a.analyze(video, resumed, true, null);
      assertEquals(37, rr.resumedFrom());
      PoseTable back = DlcPredictionCsv.read(resumed);
      assertEquals(t.frameCount(), back.frameCount());
      // batches are grouped differently after resuming: the same frames, up to float rounding
      for (int f = 0; f < t.frameCount(); f++) {
        for (KeypointId k : t.layout().keypoints()) {
          assertEquals(t.x(f, k), back.x(f, k), 1e-3, "frame " + f);
          assertEquals(t.y(f, k), back.y(f, k), 1e-3, "frame " + f);
          assertEquals(t.likelihood(f, k), back.likelihood(f, k), 1e-4, "frame " + f);
        }
      }
    }
  }

  @Test
  void moreDecodingAndPreparingThreadsGiveTheSameRows() throws Exception {
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      Path one = dir.resolve("one.csv");
      Path many = dir.resolve("many.csv");
      new VideoAnalyzer(pred, "s", 4).analyze(video, one, false, null);
      new VideoAnalyzer(pred, "s", 4, 0, 3).analyze(video, many, false, null);
      assertEquals(Files.readAllLines(one), Files.readAllLines(many));
      assertThrows(IllegalArgumentException.class, () -> new VideoAnalyzer(pred, "s", 4, 1, 0));
    }
  }

  @Test
  void truncatedVideoFailsNamingTheFrameAndKeepsThePartial() throws Exception {
    Path cut = dir.resolve("cut.mp4");
    byte[] all = Files.readAllBytes(video);
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      Path csv = dir.resolve("cut.csv");
      InputFormatException e = assertThrows(InputFormatException.class, () -> new VideoAnalyzer(pred, "s", 4).analyze(cut, csv, false, null));
      assertTrue(e.location().startsWith("frame "), e.getMessage());
      assertFalse(Files.exists(csv));
      assertTrue(Files.exists(dir.resolve("cut.csv.partial")));
    }
  }

  @Test
  void aFileThatIsNoVideoLeavesNoPartial() throws Exception {
    Path notVideo = dir.resolve("notes.mp4");
    Files.writeString(notVideo, "these are my notes, not a video\n");
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      Path csv = dir.resolve("notes.csv");
      assertThrows(java.io.IOException.class, () -> new VideoAnalyzer(pred, "s", 4).analyze(notVideo, csv, false, null));
      assertFalse(Files.exists(csv));
      assertFalse(Files.exists(dir.resolve("notes.csv.partial")), "no header-only .partial");
    }
  }
}

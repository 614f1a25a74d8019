package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.PoseEstimator;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.io.VideoFrameSource;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/** An exported model predicts exactly as the project's model does, and a damaged export is refused. */
class ModelExportTest {
  @TempDir Path dir;

  @Test
  void exportedModelPredictsAsTheProjectModel() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(60).withSeed(9);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 12, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(12).withBatchSize(4).withCropSize(64).withThreads(2).withCheckpoints(6, 3);
    ProjectTraining.train(p, d, cfg, false, null);
    Path modelDir = TrainingDataset.modelDir(p, 0.9, 1);
    Path out = dir.resolve("export");
    Path weights = ModelExport.export(modelDir, null, out, "test");
    assertEquals("snapshot-000012.params", weights.getFileName().toString());
    try (java.util.stream.Stream<Path> s = Files.list(out)) {
      assertEquals(4, s.count(), "weights, pose_cfg.json, model.onnx and the manifest");
    }
    // the ONNX model loads in ONNX Runtime and carries the keypoints (its numbers: OnnxExportTest)
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession s = env.createSession(out.resolve(ModelExport.ONNX).toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
      assertEquals(String.join(",", SynthConfig.BODYPARTS), s.getMetadata().getCustomMetadata().get("keypoints"));
      assertEquals(java.util.Set.of("image"), s.getInputNames());
      assertEquals(java.util.Set.of("maps"), s.getOutputNames());
    }
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".export")), "no temporary folder left");
    }

    RgbImage frame;
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      frame = src.read(30);
    }
    double[] expected;
    try (PosePredictor pred = new PosePredictor(modelDir, null, 2)) {
      expected = pred.predict(frame);
    }
    try (PoseEstimator est = PoseEstimator.load(out, 2)) {
      PoseEstimator.Pose pose = est.predict(frame.data().clone(), frame.width(), frame.height());
      assertEquals(SynthConfig.BODYPARTS.size(), est.keypoints().size());
      for (int i = 0; i < est.keypoints().size(); i++) {
        assertEquals(expected[3 * i], pose.x()[i], 0.0);
        assertEquals(expected[3 * i + 1], pose.y()[i], 0.0);
        assertEquals(expected[3 * i + 2], pose.likelihood()[i], 0.0);
      }
      String first = est.keypoints().get(0);
      assertEquals(pose.x()[0], pose.x(first));
      assertThrows(IllegalArgumentException.class, () -> pose.x("wing"));
      assertThrows(IllegalArgumentException.class, () -> est.predict(new byte[10], 4, 4));
    }

    // a second export into a used folder is refused; a damaged ONNX or weights file is refused
    assertThrows(InputFormatException.class, () -> ModelExport.export(modelDir, null, out, "test"));
    Path onnx = out.resolve(ModelExport.ONNX);
    byte[] original = Files.readAllBytes(onnx);
    byte[] o = original.clone();
    o[o.length - 5] ^= 1;
    Files.write(onnx, o);
    InputFormatException badOnnx = assertThrows(InputFormatException.class, () -> ModelExport.verify(out));
    assertTrue(badOnnx.getMessage().contains("model.onnx") && badOnnx.getMessage().contains("checksum"), badOnnx.getMessage());
    Files.write(onnx, original);
    // pose_cfg.json is covered: a changed global scale is refused, and so is a manifest that disagrees with it
    Path poseCfg = out.resolve(ModelInfo.FILE);
    String poseCfgText = Files.readString(poseCfg);
    Files.writeString(poseCfg, poseCfgText.replaceFirst("\"globalScale\" : [0-9.]+", "\"globalScale\" : 0.25"));
    InputFormatException badCfg = assertThrows(InputFormatException.class, () -> ModelExport.verify(out));
    assertTrue(badCfg.getMessage().contains(ModelInfo.FILE) && badCfg.getMessage().contains("checksum"), badCfg.getMessage());
    Files.writeString(poseCfg, poseCfgText);
    Path manifest = out.resolve(ModelExport.MANIFEST);
    String mText = Files.readString(manifest);
    Files.writeString(manifest, mText.replaceFirst("\"keypoints\" : \\[ \"", "\"keypoints\" : [ \"wing\", \""));
    InputFormatException badKeys = assertThrows(InputFormatException.class, () -> ModelExport.verify(out));
    assertTrue(badKeys.getMessage().contains("key 'keypoints'"), badKeys.getMessage());
    Files.writeString(manifest, "{\"format\": ");
    InputFormatException notJson = assertThrows(InputFormatException.class, () -> ModelExport.verify(out));
    assertTrue(notJson.getMessage().startsWith(manifest.toString()) && notJson.getMessage().contains("JSON"), notJson.getMessage());
    Files.writeString(manifest, mText);
    ModelExport.verify(out);
    byte[] w = Files.readAllBytes(weights);
    w[w.length / 2] ^= 1;
    Files.write(weights, w);
    InputFormatException e = assertThrows(InputFormatException.class, () -> PoseEstimator.load(out));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    InputFormatException notModel = assertThrows(InputFormatException.class, () -> PoseEstimator.load(dir));
    assertTrue(notModel.getMessage().contains("labpose-model.json"), notModel.getMessage());
    assertFalse(Files.exists(dir.resolve("labpose-model.json")));
  }
}

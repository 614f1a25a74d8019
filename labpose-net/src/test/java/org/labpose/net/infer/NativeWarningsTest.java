package org.labpose.net.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * Loading a model and predicting prints nothing of PyTorch's: DJL's {@code NDArray.set(Buffer)} made
 * libtorch print "AutoNonVariableTypeMode is deprecated" once per process (seen in every analyze,
 * evaluate and export-model). The warning goes to the native stderr, so a child JVM is watched.
 */
class NativeWarningsTest {
  @TempDir Path dir;

  @Test
  void predictingPrintsNoDeprecationWarning() throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(20).withSeed(3);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 8, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(2).withBatchSize(4).withCropSize(64).withThreads(1)
        .withCheckpoints(2, 1), false, null);
    String java = ProcessHandle.current().info().command().orElse("java");
    Path err = dir.resolve("stderr.txt");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PredictOnceMain.class.getName(),
        TrainingDataset.modelDir(p, 0.9, 1).toString()).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
    String text = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), text);
    assertTrue(Files.readString(dir.resolve("stdout.txt")).contains("predicted 4 keypoints"), text);
    assertFalse(text.contains("AutoNonVariableTypeMode"), text);
    assertFalse(List.of(text.split("\n")).stream().anyMatch(l -> l.contains("Warning:") && !l.contains("NNPACK")), text);
  }
}

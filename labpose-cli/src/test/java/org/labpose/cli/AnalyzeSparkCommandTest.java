package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.model.ModelExport;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/** {@code labpose analyze --spark local[2]} hands the job to the Spark module and writes the same CSVs as {@code analyze --model}. */
class AnalyzeSparkCommandTest {
  @TempDir Path dir;

  @Test
  void sparkLocalModeWritesTheSameCsvsAsAnalyze() throws Exception {
    Assumptions.assumeTrue(SparkLauncher.sparkJar() != null, "the labpose-spark jar is not built (mvn package builds it before this module's tests)");
    SynthConfig sc = SynthConfig.defaults().withFrames(40).withSeed(3);
    Path video = dir.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 10, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(6).withBatchSize(4).withCropSize(64).withThreads(1).withCheckpoints(6, 3), false, null);
    Path model = dir.resolve("model");
    ModelExport.export(TrainingDataset.modelDir(p, 0.9, 1), null, model, "test");
    Path videos = Files.createDirectories(dir.resolve("videos"));
    for (int i = 0; i < 2; i++) {
      SyntheticVideo.generate(SynthConfig.defaults().withFrames(25).withSeed(40 + i), videos.resolve("v" + i + ".mp4"), null, null);
    }
    Cli single = Cli.run("analyze", "--model", model.toString(), videos.toString(), "--destfolder", dir.resolve("single").toString(), "--threads", "1");
    assertEquals(0, single.code(), single.err());
    Cli spark = Cli.run("analyze", "--spark", "local[2]", "--model", model.toString(), videos.resolve("v0.mp4").toString(),
        videos.resolve("v1.mp4").toString(), "--destfolder", dir.resolve("spark").toString(), "--threads", "1");
    assertEquals(0, spark.code(), spark.out() + spark.err());
    assertTrue(spark.out().contains("2 analysed, 0 skipped"), spark.out());
    for (String v : new String[] {"v0", "v1"}) {
      try (var s = Files.list(dir.resolve("single"))) {
        Path a = s.filter(f -> f.getFileName().toString().startsWith(v) && f.toString().endsWith(".csv")).findFirst().orElseThrow();
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve("spark").resolve(a.getFileName())), v);
      }
    }
    Cli noModel = Cli.run("analyze", "--spark", "local[2]", p.configFile().toString(), video.toString());
    assertEquals(2, noModel.code());
    assertTrue(noModel.err().contains("--spark runs an exported model"), noModel.err());
  }
}

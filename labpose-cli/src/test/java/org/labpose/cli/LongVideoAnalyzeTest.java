package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;

/**
 * `analyze` streams: the 2330-frame open-field video is analysed by a child JVM limited to a 128 MB
 * heap (the frames alone are 2.1 GB as RGB), with a tiny briefly trained model at a small scale so
 * that the test is quick. Skips without ../shared/data.
 */
class LongVideoAnalyzeTest {
  @TempDir Path dir;

  @Test
  void aLongVideoIsAnalysedUnderASmallHeap() throws Exception {
    Path video = SharedData.require("openfield-Pranav-2018-10-30/videos/m3v1mp4.mp4");
    assertEquals(0, Cli.run("synth", dir.toString(), "--frames", "60", "--project", "--label-frames", "10", "--seed", "5").code());
    Path config;
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    assertEquals(0, Cli.run("create-training-dataset", config.toString(), "--net", "tiny").code());
    Cli t = Cli.run("train", config.toString(), "--max-iters", "3", "--crop", "64", "--global-scale", "0.25", "--threads", "2");
    assertEquals(0, t.code(), t.err());
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), LabPose.class.getName(),
        "analyze", config.toString(), video.toString(), "--destfolder", out.toString(), "--threads", "2")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "analysis finished");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("child.log")));
    try (Stream<Path> s = Files.list(out)) {
      Path csv = s.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
      assertEquals(3 + 2330, Files.readAllLines(csv).size(), "one row per frame");
    }
  }
}

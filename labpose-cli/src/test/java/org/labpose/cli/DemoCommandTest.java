package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, shortened: every stage runs and writes its outputs. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void shortDemoRunsEveryStage() throws Exception {
    Path out = dir.resolve("demo");
    Cli r = Cli.run("demo", "--out", out.toString(), "--frames", "200", "--iters", "40");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[10/11] filter"), r.out());
    assertTrue(r.out().contains("[11/11] assay"), r.out());
    assertTrue(Files.exists(out.resolve("assay/assay_report.html")));
    assertTrue(Files.exists(out.resolve("assay/assay_summary.csv")));
    assertTrue(Files.exists(out.resolve("report.md")));
    assertTrue(Files.exists(out.resolve("heldout.mp4")));
    try (var s = Files.list(out)) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith("_labeled.mp4")));
    }
    assertTrue(Files.exists(out.resolve("plot-poses/heldout/trajectory.png")));
    // running it again replaces the folder
    assertEquals(0, Cli.run("demo", "--out", out.toString(), "--frames", "120", "--iters", "10").code());
    Files.createDirectories(dir.resolve("notdemo"));
    Files.writeString(dir.resolve("notdemo/keep.txt"), "x");
    assertEquals(LabPose.BAD_INPUT, Cli.run("demo", "--out", dir.resolve("notdemo").toString()).code());
    assertTrue(Files.exists(dir.resolve("notdemo/keep.txt")));
  }
}

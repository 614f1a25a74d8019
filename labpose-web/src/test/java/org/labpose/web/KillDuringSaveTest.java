package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;

/**
 * Kills (SIGKILL) a process that saves labels continuously, many times at random moments, and
 * reloads the label file after each kill: it always parses, holds a consistent frame (snout y = 2x),
 * and never goes back to an older state.
 */
class KillDuringSaveTest {
  @TempDir Path dir;

  @Test
  void aKilledSaverNeverLeavesACorruptedFile() throws Exception {
    TestProject.create(dir, 1);
    Path csv = dir.resolve("labeled-data/vid1/CollectedData_tester.csv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Random r = new Random(7);
    double last = 0;
    int kills = 15;
    for (int k = 0; k < kills; k++) {
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), dir.resolve("config.yaml").toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("ready", out.readLine(), "the saver started");
        Thread.sleep(20 + r.nextInt(250));
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      }
      if (!Files.exists(csv)) {
        continue;
      }
      LabelSet l = DlcLabelCsv.read(csv);
      assertEquals(1, l.size());
      double x = l.frames().get(0).x(KeypointId.of("snout"));
      assertEquals(2 * x, l.frames().get(0).y(KeypointId.of("snout")), 0, "a consistent frame after kill " + k);
      assertEquals(x, l.frames().get(0).x(KeypointId.of("tailbase")), 0, "a consistent frame after kill " + k);
      assertTrue(x >= last, "never older than before kill " + k + ": " + x + " < " + last);
      last = x;
    }
    assertTrue(last > 0, "saves happened");
    // leftovers of interrupted saves are cleaned when the project is opened again
    new LabelStore(org.labpose.core.project.Project.open(dir.resolve("config.yaml")), m -> { }).close();
    try (Stream<Path> s = Files.list(csv.getParent())) {
      assertEquals(0, s.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
    }
  }
}

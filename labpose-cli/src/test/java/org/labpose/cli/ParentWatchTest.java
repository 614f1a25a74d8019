package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.web.jobs.ProcessWork;

/**
 * A studio job outlives no studio: {@code labpose} started with {@link ProcessWork#PARENT_WATCH_ENV} stops, mid-work,
 * when its input pipe closes (what the operating system does when the studio that holds it dies), and leaves no
 * partial file under the final name.
 */
class ParentWatchTest {
  @TempDir Path dir;

  @Test
  void aJobEndsWhenItsInputCloses() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LabPose.class.getName(), "synth",
        dir.toString(), "--frames", "200000", "--size", "64x64").redirectErrorStream(true);
    pb.environment().put(ProcessWork.PARENT_WATCH_ENV, "1");
    pb.environment().put(ProcessWork.PROGRESS_ENV, "1");
    Process p = pb.start();
    try {
      // wait until it renders (a progress line), then close its input as a dying parent would
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      boolean working = false;
      while ((line = r.readLine()) != null && !working) {
        working = line.startsWith(ProcessWork.PROGRESS_PREFIX);
      }
      assertTrue(working, "no progress line before the process ended");
      p.getOutputStream().close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running 30 s after its input closed");
      assertEquals(LabPose.PARENT_GONE, p.exitValue());
      assertFalse(Files.exists(dir.resolve("synth.mp4")), "a partial video under the final name");
    } finally {
      p.destroyForcibly();
    }
  }
}

package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void decodeBenchmarkCountsEveryFrameWithAndWithoutConversion() {
    Cli s = Cli.run("synth", dir.toString(), "--frames", "40", "--size", "160x120", "--seed", "1");
    assertEquals(0, s.code(), s.err());
    Path video = dir.resolve("synth.mp4");
    Cli rgb = Cli.run("bench", "decode", video.toString(), "--runs", "1");
    assertEquals(0, rgb.code(), rgb.err());
    assertTrue(rgb.out().matches("(?s).*: 40 frames; decode to RGB [0-9]+ frames/s.*"), rgb.out());
    Cli raw = Cli.run("bench", "decode", video.toString(), "--runs", "1", "--no-convert");
    assertEquals(0, raw.code(), raw.err());
    assertTrue(raw.out().matches("(?s).*: 40 frames; decode only [0-9]+ frames/s.*"), raw.out());
  }

  @Test
  void netBenchmarkReportsASpeed() {
    Cli r = Cli.run("bench", "net", "--nets", "tiny", "--scales", "0.25", "--runs", "1", "--batch-size", "2", "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s)tiny\\s+scale 0\\.25 \\(160x120\\): [0-9.]+ frames/s.*"), r.out());
  }

  @Test
  void featuresBenchmarkReportsSeconds() {
    Cli r = Cli.run("bench", "features", "--frames", "2000", "--bodyparts", "4", "--runs", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s)kinematics \\(2000 frames x 4 bodyparts, 6 distances, hull, heading\\): [0-9.]+ s.*assay.*"), r.out());
  }
}

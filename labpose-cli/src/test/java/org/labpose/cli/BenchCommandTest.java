package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
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

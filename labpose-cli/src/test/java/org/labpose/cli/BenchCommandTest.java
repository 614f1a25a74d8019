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
}

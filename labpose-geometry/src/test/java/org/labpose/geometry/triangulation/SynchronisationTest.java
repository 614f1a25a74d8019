package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;

class SynchronisationTest {
  @TempDir Path dir;

  /** A camera that started 2 frames early and dropped one frame; one at twice the rate. */
  @Test
  void framesByTime() {
    double[] ref = new double[8];
    for (int f = 0; f < ref.length; f++) {
      ref[f] = 1.0 + f / 30.0;
    }
    // starts 2 frames before the reference, drops its frame at the reference's frame 4, a little jitter
    double[] other = {1 - 2 / 30.0, 1 - 1 / 30.0 + 0.001, 1.0, 1 + 1 / 30.0, 1 + 2 / 30.0 - 0.002, 1 + 3 / 30.0, 1 + 5 / 30.0, 1 + 6 / 30.0,
        1 + 7 / 30.0};
    Synchronisation.Alignment a = Synchronisation.align(ref, other);
    assertArrayEquals(new int[] {2, 3, 4, 5, -1, 6, 7, 8}, a.frames());
    assertEquals(1, a.unmatched());
    assertEquals(1 / 60.0, a.tolerance(), 1e-9);
    double[] fast = new double[16];
    for (int f = 0; f < fast.length; f++) {
      fast[f] = 1.0 + f / 60.0;
    }
    assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10, 12, 14}, Synchronisation.align(ref, fast).frames());
  }

  @Test
  void timestampFilesAreChecked() throws Exception {
    Path f = dir.resolve("cam1_times.csv");
    Files.writeString(f, "time_s,frame\n0.0,0\n0.033,1\n0.067,2\n");
    assertArrayEquals(new double[] {0, 0.033, 0.067}, Synchronisation.read(f, 3));
    InputFormatException count = assertThrows(InputFormatException.class, () -> Synchronisation.read(f, 4));
    assertTrue(count.getMessage().contains("3 timestamps for 4 frames"), count.getMessage());
    Files.writeString(f, "0.0\n0.033\n0.02\n");
    InputFormatException back = assertThrows(InputFormatException.class, () -> Synchronisation.read(f, 3));
    assertTrue(back.getMessage().contains("line 3") && back.getMessage().contains("does not come after"), back.getMessage());
  }
}

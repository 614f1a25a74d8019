package org.labpose.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.KeypointId;

class HeightCsvTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndNamesBadLines() throws Exception {
    List<KeypointId> keys = List.of(new KeypointId("mouse1", "snout"), new KeypointId("mouse2", "snout"));
    HeightCsv.Table t = new HeightCsv.Table(keys, "mm", new double[][] {{12.5, Double.NaN}, {80, 3.25}});
    Path f = HeightCsv.beside(dir.resolve("m1DLC_x_topview.csv"));
    assertEquals("m1DLC_x_topview_heights.csv", f.getFileName().toString());
    HeightCsv.write(t, f);
    HeightCsv.Table back = HeightCsv.read(f);
    assertEquals(keys, back.keypoints());
    assertEquals("mm", back.unit());
    assertArrayEquals(new double[] {Double.NaN, 3.25}, back.series(new KeypointId("mouse2", "snout")));
    assertArrayEquals(new double[] {12.5, 80}, back.series(new KeypointId("mouse1", "snout")));
    Files.writeString(f, Files.readString(f).replace("80.0", "eighty"));
    InputFormatException e = assertThrows(InputFormatException.class, () -> HeightCsv.read(f));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }
}

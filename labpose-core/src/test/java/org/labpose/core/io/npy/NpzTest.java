package org.labpose.core.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;

/** Reads an archive written by numpy.savez (make_fixture.py beside it). */
class NpzTest {
  @TempDir Path dir;

  @Test
  void readsNumpysArchive() throws Exception {
    Path f = dir.resolve("fixture.npz");
    try (var in = getClass().getResourceAsStream("fixture.npz")) {
      Files.copy(in, f);
    }
    Map<String, Npz.Array> a = Npz.read(f);
    assertEquals(List.of("conv1.weight", "bn1.running_var", "half", "scalar"), List.copyOf(a.keySet()));
    Npz.Array w = a.get("conv1.weight");
    assertArrayEquals(new long[] {2, 3, 2, 2}, w.shape());
    for (int i = 0; i < 24; i++) {
      assertEquals(i / 8f, w.values()[i]);
    }
    assertArrayEquals(new float[] {0.5f, 2f}, a.get("bn1.running_var").values());
    assertArrayEquals(new float[] {1f, -2f, 65504f}, a.get("half").values());
    assertArrayEquals(new long[0], a.get("scalar").shape());
    assertArrayEquals(new float[] {3.25f}, a.get("scalar").values());
  }

  @Test
  void badFilesAreRefusedWithTheirName() throws Exception {
    Path f = dir.resolve("bad.npz");
    Files.writeString(f, "not a zip");
    InputFormatException e = assertThrows(InputFormatException.class, () -> Npz.read(f));
    assertTrue(e.getMessage().contains("bad.npz"), e.getMessage());
    byte[] npy = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 60, 0};
    byte[] header = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] all = new byte[10 + 60 + 8];
    System.arraycopy(npy, 0, all, 0, 10);
    System.arraycopy(header, 0, all, 10, header.length);
    for (int i = 10 + header.length; i < 70; i++) {
      all[i] = ' ';
    }
    InputFormatException d = assertThrows(InputFormatException.class, () -> Npz.readNpy(all, f, "x"));
    assertTrue(d.getMessage().contains("<i8"), d.getMessage());
  }
}

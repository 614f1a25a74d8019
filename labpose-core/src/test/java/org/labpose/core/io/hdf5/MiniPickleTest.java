package org.labpose.core.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pickles made with CPython's pickle.dumps (hex and text below). */
class MiniPickleTest {

  @Test
  void protocol2ListOfTuples() throws Exception {
    byte[] b = HexFormat.of().parseHex("80025d71002858020000004c4d710158010000004171025801000000787103877104680168025801000000797105877106652e");
    assertEquals(List.of(List.of("LM", "A", "x"), List.of("LM", "A", "y")), MiniPickle.load(b));
  }

  @Test
  void protocol4WithMemoize() throws Exception {
    byte[] b = HexFormat.of().parseHex("8004951e000000000000005d944b015d94288c0161948c016294869468028c0163948694658694612e");
    assertEquals(List.of(List.of(1L, List.of(List.of("a", "b"), List.of("a", "c")))), MiniPickle.load(b));
  }

  @Test
  void protocol0Text() throws Exception {
    byte[] b = "(lp0\n(I1\n(lp1\n(Vs\u00e9\np2\nVb\np3\ntp4\natp5\naNaI01\naF2.5\na(dp6\nVk\np7\nI3\nsa.".getBytes(StandardCharsets.ISO_8859_1);
    List<?> l = (List<?>) MiniPickle.load(b);
    assertEquals(List.of(1L, List.of(List.of("s\u00e9", "b"))), l.get(0));
    assertSame(MiniPickle.NONE, l.get(1));
    assertEquals(Boolean.TRUE, l.get(2));
    assertEquals(2.5, l.get(3));
    assertEquals(Map.of("k", 3L), l.get(4));
  }

  @Test
  void refusesObjectConstruction() {
    byte[] b = "cos\nsystem\n(Vls\ntR.".getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(IOException.class, () -> MiniPickle.load(b));
  }
}

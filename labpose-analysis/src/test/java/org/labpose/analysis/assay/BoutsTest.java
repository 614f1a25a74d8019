package org.labpose.analysis.assay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.analysis.assay.Bouts.Bout;

class BoutsTest {
  private static boolean[] b(String s) {
    boolean[] out = new boolean[s.length()];
    for (int i = 0; i < s.length(); i++) {
      out[i] = s.charAt(i) == '1';
    }
    return out;
  }

  @Test
  void boutsWithAMinimumLength() {
    assertEquals(List.of(new Bout(2, 5), new Bout(9, 12)), Bouts.of(b("001110100111"), 2));
    assertEquals(3, Bouts.of(b("001110100111"), 1).size());
  }

  @Test
  void debounceIgnoresShortFlickerBothWays() {
    assertArrayEquals(b("000000111111111111"), Bouts.debounce(b("010000111101110010"), 3));
    assertArrayEquals(b("000000111111110000"), Bouts.debounce(b("010000111101110000"), 3));
    assertArrayEquals(b("1111"), Bouts.debounce(b("1011"), 2));
  }

  @Test
  void entriesCountAStartInside() {
    assertEquals(2, Bouts.entries(b("110011")));
    assertEquals(1, Bouts.entries(b("0111")));
    assertEquals(-1, Bouts.first(b("000")));
  }
}

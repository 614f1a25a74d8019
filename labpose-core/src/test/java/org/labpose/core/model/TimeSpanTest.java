package org.labpose.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSpanTest {
  @Test
  void aBareNumberIsSecondsAndAnFSuffixFrames() {
    assertEquals(new TimeSpan(0.5, false), TimeSpan.parse("0.5"));
    assertEquals(new TimeSpan(0.5, false), TimeSpan.parse("0.5s"));
    assertEquals(new TimeSpan(15, true), TimeSpan.parse("15f"));
    assertEquals(15, TimeSpan.parse("0.5").toFrames(30));
    assertEquals(15, TimeSpan.parse("15f").toFrames(25));
    assertFalse(TimeSpan.parse("15f").needsFrameRate());
    assertTrue(TimeSpan.parse("1").needsFrameRate());
    assertEquals("15f", TimeSpan.parse("15F").toString());
    assertEquals("0.5s", TimeSpan.parse(" 0.5 ").toString());
  }

  @Test
  void centredWindowsAreOdd() {
    assertEquals(5, TimeSpan.parse("0.15").toOddFrames(30));
    assertEquals(5, TimeSpan.parse("0.15").toOddFrames(25));
    assertEquals(1, TimeSpan.parse("0").toOddFrames(30));
    assertEquals(7, TimeSpan.parse("6f").toOddFrames(30));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("abc"));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("-1"));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("1.5f"));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("NaN"));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("1").toFrames(Double.NaN));
  }
}

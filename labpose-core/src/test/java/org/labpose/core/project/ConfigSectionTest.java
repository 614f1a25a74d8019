package org.labpose.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.SettingException;

class ConfigSectionTest {
  private static final List<String> KNOWN = List.of("a", "b", "c", "d");

  @Test
  void readsKeysWithDefaultsAndNamesWhatIsWrong() {
    ConfigSection s = ConfigSection.of("sec", Map.of("a", 3, "b", 0.25, "c", true), KNOWN);
    assertEquals(3, s.whole("a", 9));
    assertEquals(0.25, s.fraction("b", 1));
    assertEquals(true, s.bool("c", false));
    assertEquals(7, s.whole("d", 7), "absent key: default");
    assertEquals(5, ConfigSection.of("sec", null, KNOWN).whole("a", 5), "absent section: defaults");
    assertEquals("sec.b: expected a whole number, found '0.25'",
        assertThrows(SettingException.class, () -> s.whole("b", 0)).getMessage());
    assertEquals("sec.a: expected a number from 0 to 1, found '3'",
        assertThrows(SettingException.class, () -> s.fraction("a", 0)).getMessage());
    assertEquals("sec.a: expected a whole number 5 or more, found '3'",
        assertThrows(SettingException.class, () -> s.whole("a", 0, 5)).getMessage());
    assertEquals("sec.e: unknown key; known: a, b, c, d",
        assertThrows(SettingException.class, () -> ConfigSection.of("sec", Map.of("e", 1), KNOWN)).getMessage());
    assertEquals("sec: expected a section of key: value lines, found 12",
        assertThrows(SettingException.class, () -> ConfigSection.of("sec", 12, KNOWN)).getMessage());
  }
}

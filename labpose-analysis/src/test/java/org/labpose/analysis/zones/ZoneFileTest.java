package org.labpose.analysis.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.core.io.InputFormatException;

class ZoneFileTest {
  private static final Path F = Path.of("zones.yaml");

  @Test
  void theIssuesExampleReads() throws Exception {
    ZoneSet z = ZoneFile.parse("""
        px_per_cm: 10            # optional
        zones:
          - {name: center, shape: rectangle, x: 200, y: 150, width: 240, height: 180}   # pixels
          - {name: cup, shape: circle, cx: 100, cy: 100, radius: 30}
          - {name: arm, shape: polygon, points: [[0, 0], [60, 0], [60, 40]]}
        """, F);
    assertEquals("cm", z.calibration().unit());
    assertEquals(3, z.zones().size());
    assertTrue(z.zone("center").contains(200, 150));
    assertFalse(z.zone("center").contains(440, 150));
    assertTrue(z.zone("cup").contains(100, 129));
    assertFalse(z.zone("cup").contains(100, 131));
    assertTrue(z.zone("arm").contains(50, 10));
    assertFalse(z.zone("arm").contains(10, 30));
    assertEquals(List.of(), z.outsideFrame(640, 480));
    assertEquals(1, z.outsideFrame(400, 300).size());
    assertTrue(z.outsideFrame(400, 300).get(0).contains("zone 'center' (line 3)"), z.outsideFrame(400, 300).get(0));
  }

  @Test
  void openFieldZonesFollowAPerspectiveArena() throws Exception {
    ZoneSet z = ZoneFile.parse("""
        arena: {corners: [[200, 100], [440, 100], [600, 400], [40, 400]], width_cm: 40, height_cm: 40}
        zones:
          - {name: center, shape: open_field_center, margin_cm: 10}
          - {name: periphery, shape: open_field_periphery, margin_cm: 10}
        """, F);
    // the arena centre's image (diagonals cross at 320, 190) is in the center zone, not the periphery
    assertTrue(z.zone("center").contains(320, 190));
    assertFalse(z.zone("periphery").contains(320, 190));
    // a point 5 cm from the near (bottom) wall, on the middle line, is in the periphery
    double[] p = z.calibration().toImage(20, 35);
    assertTrue(z.zone("periphery").contains(p[0], p[1]));
    assertFalse(z.zone("center").contains(p[0], p[1]));
    double[] q = z.calibration().toImage(20, 29);
    assertTrue(z.zone("center").contains(q[0], q[1]));
    assertNotNull(z.arena());
  }

  @Test
  void plusMazeAndThreeChamber() throws Exception {
    ZoneSet z = ZoneFile.parse("""
        px_per_cm: 5
        arena: {x: 0, y: 0, width: 500, height: 500}
        zones:
          - {name: epm, shape: plus_maze, arm_width_cm: 10, open_arms: horizontal}
          - {name: ch, shape: three_chamber, cup_radius_cm: 4, interaction_cm: 2}
        """, F);
    // arena is 100 x 100 cm; centre square 45..55 cm = 225..275 px
    assertTrue(z.zone("epm_center").contains(250, 250));
    assertTrue(z.zone("epm_open_arms").contains(50, 250));
    assertTrue(z.zone("epm_open_arms").contains(450, 250));
    assertFalse(z.zone("epm_open_arms").contains(250, 50));
    assertTrue(z.zone("epm_closed_arms").contains(250, 50));
    assertFalse(z.zone("epm_closed_arms").contains(50, 50)); // between arms
    assertTrue(z.zone("ch_left").contains(10, 10));
    assertTrue(z.zone("ch_middle").contains(250, 10));
    assertTrue(z.zone("ch_right").contains(490, 10));
    // left cup at (100/6, 50) cm with 6 cm radius
    assertTrue(z.zone("ch_cup_left").contains(100.0 / 6 * 5, 250 + 29));
    assertFalse(z.zone("ch_cup_left").contains(100.0 / 6 * 5, 250 + 31));
  }

  @Test
  void badFilesNameTheLineAndWhatIsExpected() {
    assertMessage("zones:\n  - {name: a, shape: rectangle, x: 1, y: 2, width: 3}\n", "line 2", "needs 'height'");
    assertMessage("zones:\n  - {name: a, shape: blob}\n", "line 2", "unknown shape 'blob'");
    assertMessage("zones:\n  - {name: a, shape: open_field_center, margin_cm: 5}\n", "line 2", "arena");
    assertMessage("zones:\n  - {name: a, shape: circle, cx: 1, cy: 2, radius: -3}\n", "line 2", "positive radius");
    assertMessage("zones:\n  - {name: a, shape: circle, cx: 1, cy: 2, radius: 3}\n  - {name: a, shape: circle, cx: 1, cy: 2, radius: 3}\n",
        "line 3", "used twice");
    assertMessage("px_per_cm: ten\nzones: []\n", "line 1", "must be a number");
    assertMessage("zone:\n  - {name: a}\n", "line 1", "unknown key 'zone'");
    assertMessage("zones: [\n", "line", "not valid YAML");
    assertMessage("arena: {corners: [[0, 0], [1, 0], [1, 1]], width_cm: 4, height_cm: 4}\nzones: []\n", "line 1", "expected 4 points");
    assertMessage("px_per_cm: 10\narena: {x: 0, y: 0, width: 100, height: 100}\nzones:\n  - {name: c, shape: open_field_center, margin_cm: 6}\n",
        "line 4", "under half the arena");
  }

  private static void assertMessage(String yaml, String where, String what) {
    InputFormatException e = assertThrows(InputFormatException.class, () -> ZoneFile.parse(yaml, F));
    assertTrue(e.getMessage().startsWith("zones.yaml: "), e.getMessage());
    assertTrue(e.getMessage().contains(where), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }
}

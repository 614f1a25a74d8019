package org.labpose.analysis.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.core.SettingException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/** Following, approach, withdrawal, facing and the sociability index on hand-made tracks (10 px/cm, 30 fps). */
class SocialMeasuresTest {
  private static final double FPS = 30;
  private static final String ZONES = "px_per_cm: 10\nzones:\n  - {name: all, shape: rectangle, x: 0, y: 0, width: 2000, height: 2000}\n";

  /** A mouse 6 cm long (60 px) with its snout at (x, y) heading along (hx, hy). */
  private static void mouse(PoseTable t, int f, String id, double x, double y, double hx, double hy) {
    double l = Math.hypot(hx, hy);
    t.set(f, new KeypointId(id, "snout"), x, y, 0.99);
    t.set(f, new KeypointId(id, "tailbase"), x - 60 * hx / l, y - 60 * hy / l, 0.99);
  }

  private static AssayResult run(PoseTable t, String zones, AssayConfig cfg) throws Exception {
    return Assay.run(t, ZoneFile.parse(zones, Path.of("zones.yaml")), FPS, cfg.withKinematics(KinematicsConfig.defaults().withSmoothS(0)));
  }

  private static PoseTable pair(int n) {
    return new PoseTable("s", KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tailbase"), List.of()), n);
  }

  @Test
  void aMouseWalkingRightBehindAnotherFollowsIt() throws Exception {
    int n = 300;
    PoseTable t = pair(n);
    for (int f = 0; f < n; f++) {
      double x2 = 200 + 100.0 * f / FPS; // 10 cm/s to the right
      mouse(t, f, "m2", x2, 500, 1, 0);
      mouse(t, f, "m1", x2 - 60 - 15, 500, 1, 0); // m1's snout 1.5 cm behind m2's tail base
    }
    AssayResult r = run(t, ZONES, AssayConfig.defaults(true));
    assertEquals(10, r.summary().get("m1_follows_m2_time_s"), 0.2);
    assertEquals(1, r.summary().get("m1_follows_m2_bouts"));
    assertEquals(0, r.summary().get("m2_follows_m1_time_s"), "the one in front does not follow");
    assertEquals(10, r.summary().get("m1_faces_m2_time_s"), 0.2, "m2's body is straight ahead of m1");
    assertEquals(0, r.summary().get("m2_faces_m1_time_s"));
    assertEquals(0, r.summary().get("m1_approaches_m2_time_s"), "the same speed: neither closer nor further");
    assertEquals(4.5, r.summary().get("m1_m2_nose_body_mean_cm"), 0.01, "1.5 cm to the tail base + 3 cm to the centre");
    String html = org.labpose.analysis.report.AssayReport.html("pair", List.of(),
        List.of(new org.labpose.analysis.report.AssayReport.Video("pair", r, 2000, 2000)), java.util.Map.of(), List.of());
    assertTrue(html.contains("m1_follows_m2_time_s") && html.contains("m1_faces_m2_time_s") && html.contains("m1_m2_contact_time_s"),
        "the social measures are in the report");
  }

  @Test
  void walkingUpToAStillMouseAndAwayIsAnApproachThenAWithdrawal() throws Exception {
    int n = 240;
    PoseTable t = pair(n);
    for (int f = 0; f < n; f++) {
      mouse(t, f, "m2", 800, 500, 0, 1); // still, facing down
      // m1: 3 s towards m2 at 4 cm/s from 15 cm away, then 5 s back away, facing it
      double d = f < 90 ? 150 - 40.0 * f / FPS : 30 + 40.0 * (f - 90) / FPS;
      mouse(t, f, "m1", 800 - d, 500, 1, 0);
    }
    AssayResult r = run(t, ZONES, AssayConfig.defaults(true));
    assertEquals(3, r.summary().get("m1_approaches_m2_time_s"), 0.15);
    assertEquals(1, r.summary().get("m1_approaches_m2_bouts"));
    assertTrue(r.summary().get("m1_withdraws_from_m2_time_s") > 2, r.summary().toString());
    assertEquals(0, r.summary().get("m2_approaches_m1_time_s"), "m2 does not move");
    assertEquals(0, r.summary().get("m1_follows_m2_time_s"));
  }

  @Test
  void sociabilityIndexOfTheSubject() throws Exception {
    String zones = "px_per_cm: 10\narena: {x: 0, y: 0, width: 600, height: 400}\nzones:\n"
        + "  - {name: chamber, shape: three_chamber, cup_radius_cm: 4, interaction_cm: 2, social: left}\n";
    int n = 300;
    PoseTable t = pair(n);
    for (int f = 0; f < n; f++) {
      // m1 (the subject): 6 s by the left cup (x = 100 px), 2 s by the right cup (500 px), 2 s in the middle
      double x = f < 180 ? 100 : f < 240 ? 500 : 300;
      mouse(t, f, "m1", x + 30, 200, 1, 0);
      mouse(t, f, "m2", 300, 350, 1, 0);
    }
    AssayResult r = run(t, zones, AssayConfig.defaults(true).withSubject("m1"));
    assertEquals((6 - 2) / 8.0, r.summary().get("chamber_sociability_index"), 0.02);
    assertEquals((6 - 2) / 8.0, r.summary().get("chamber_sociability_index_chambers"), 0.02);
    SettingException e = assertThrows(SettingException.class, () -> run(t, zones, AssayConfig.defaults(true).withSubject("m9")));
    assertEquals("subject: no animal named 'm9'; the poses have [m1, m2]", e.getMessage());
  }
}

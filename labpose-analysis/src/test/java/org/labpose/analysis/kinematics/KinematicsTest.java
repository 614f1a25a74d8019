package org.labpose.analysis.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class KinematicsTest {
  /** A 6 cm mouse circling at constant speed: speed, heading, angular velocity and lengths are known. */
  @Test
  void circlingMouse() {
    double fps = 30;
    int n = 300;
    double radiusPx = 100;
    double omega = Math.toRadians(45); // rad/s, counter-clockwise in world = anticlockwise in y-up, clockwise on screen
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(List.of("snout", "mid", "tailbase")), n);
    for (int f = 0; f < n; f++) {
      double a = omega * f / fps;
      double cx = 300 + radiusPx * Math.cos(a);
      double cy = 200 + radiusPx * Math.sin(a);
      double hx = -Math.sin(a); // direction of motion
      double hy = Math.cos(a);
      t.set(f, KeypointId.of("snout"), cx + 30 * hx, cy + 30 * hy, 0.99);
      t.set(f, KeypointId.of("mid"), cx, cy, 0.99);
      t.set(f, KeypointId.of("tailbase"), cx - 30 * hx, cy - 30 * hy, 0.99);
    }
    KinematicsConfig cfg = KinematicsConfig.defaults().withReferenceBodypart("mid")
        .withAngles(Map.of("bend", List.of("snout", "mid", "tailbase")));
    AnimalKinematics k = Kinematics.compute(t, KeypointId.SINGLE_ANIMAL, fps, Calibration.scale(10), cfg);
    assertEquals("cm", k.unit());
    double speedCm = radiusPx * omega / 10;
    for (int f = 10; f < n - 10; f++) {
      assertEquals(speedCm, k.speed()[f], 0.01 * speedCm, "speed at " + f);
      assertEquals(0, k.acceleration()[f], 0.05, "acceleration at " + f);
      assertEquals(6, k.bodyLength()[f], 1e-4);
      assertEquals(45, k.angularVelocity()[f], 0.1, "angular velocity at " + f);
      assertEquals(180, k.angles().get("bend")[f], 0.3);
      double a = omega * f / fps;
      double want = Math.toDegrees(Math.atan2(Math.cos(a), -Math.sin(a)));
      double d = ((k.heading()[f] - want) % 360 + 540) % 360 - 180;
      assertEquals(0, d, 0.5, "heading at " + f);
    }
    assertEquals(6, k.distances().get("snout_tailbase")[50], 1e-4);
    assertEquals(0, k.hullArea()[50], 0.1); // collinear bodyparts
    double path = radiusPx * omega * (n - 1) / fps / 10;
    assertEquals(path, k.distanceTravelled(), 0.01 * path);
  }

  @Test
  void lowLikelihoodPointsAreDroppedAndShortGapsFilled() {
    int n = 60;
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(List.of("a")), n);
    for (int f = 0; f < n; f++) {
      boolean bad = f >= 20 && f < 25;
      t.set(f, KeypointId.of("a"), bad ? 900 : 10 + f, 50, bad ? 0.05 : 0.9);
    }
    AnimalKinematics k = Kinematics.compute(t, "", 30, Calibration.pixels(),
        KinematicsConfig.defaults().withSmoothS(0));
    assertEquals(32, k.x()[22], 1e-9); // interpolated, not 900
    assertEquals(30, k.speed()[22], 1e-9);
    AnimalKinematics noFill = Kinematics.compute(t, "", 30, Calibration.pixels(),
        KinematicsConfig.defaults().withSmoothS(0).withMaxGapS(0.1));
    assertTrue(Double.isNaN(noFill.x()[22]));
  }

  @Test
  void namedAnglesKeepTheirOrder() {
    java.util.LinkedHashMap<String, List<String>> angles = new java.util.LinkedHashMap<>();
    for (String name : List.of("zeta", "alpha", "mid", "beta")) {
      angles.put(name, List.of("a", "b", "c"));
    }
    assertEquals(List.of("zeta", "alpha", "mid", "beta"), List.copyOf(KinematicsConfig.defaults().withAngles(angles).angles().keySet()));
  }

  @Test
  void missingBodypartsAreNamed() {
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(List.of("a", "b")), 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Kinematics.compute(t, "", 30, Calibration.pixels(), KinematicsConfig.defaults().withReferenceBodypart("nose")));
    assertTrue(e.getMessage().contains("'nose'") && e.getMessage().contains("[a, b]"), e.getMessage());
  }
}

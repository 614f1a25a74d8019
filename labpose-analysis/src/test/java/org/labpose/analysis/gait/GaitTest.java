package org.labpose.analysis.gait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * A synthetic trotting mouse with known stride period, duty factors and stride length, on a walkway
 * (the body moves, planted paws stand still) and on a treadmill (the body stays, planted paws move
 * back with the belt); positions with 0.5 px noise at 20 px/cm, 100 frames/s.
 */
class GaitTest {
  private static final double FPS = 100;
  private static final double PX_PER_CM = 20;
  private static final double T = 0.3; // stride period, s
  private static final double V = 20; // walking or belt speed, cm/s
  private static final List<String> PARTS = List.of("snout", "tailbase", "lf", "rf", "lh", "rh");
  // role offsets from the body centre (cm, along and across the walking direction), trot phases
  private static final double[][] PAW = {{2, -1}, {2, 1}, {-2, -1.2}, {-2, 1.2}};
  private static final double[] PHASE = {0, 0.5, 0.5, 0};

  /** x (cm) of the body at time t; y stays at 10 cm. */
  private static double body(double t, boolean treadmill) {
    return 5 + (treadmill ? 0 : V * t);
  }

  private static PoseTable trot(boolean treadmill, double[] duty, long seed, int frames) {
    double belt = treadmill ? V : 0;
    PoseTable p = new PoseTable("s", KeypointLayout.singleAnimal(PARTS), frames);
    Random r = new Random(seed);
    for (int f = 0; f < frames; f++) {
      double t = f / FPS;
      double b = body(t, treadmill);
      set(p, f, "snout", b + 4, 10, r);
      set(p, f, "tailbase", b - 4, 10, r);
      for (int i = 0; i < 4; i++) {
        double u = t / T + PHASE[i];
        int k = (int) Math.floor(u);
        double phi = u - k;
        double d = duty[i];
        // the paw is planted at mid-stance at the body's position plus its offset
        double tk = (k + d / 2 - PHASE[i]) * T;
        double tk1 = tk + T;
        // positions in the ground's frame (the belt's on a treadmill): a planted paw stands still there,
        // a swinging paw eases from one placement to the next; the world position is that minus the belt's travel
        double g0 = body(tk, treadmill) + PAW[i][0] + belt * tk;
        double g1 = body(tk1, treadmill) + PAW[i][0] + belt * tk1;
        double g = phi < d ? g0 : g0 + (g1 - g0) * (1 - Math.cos(Math.PI * (phi - d) / (1 - d))) / 2;
        double x = g - belt * t;
        set(p, f, PARTS.get(2 + i), x, 10 + PAW[i][1], r);
      }
    }
    return p;
  }

  private static void set(PoseTable p, int f, String part, double xCm, double yCm, Random r) {
    p.set(f, KeypointId.of(part), 40 + xCm * PX_PER_CM + 0.5 * r.nextGaussian(), 40 + yCm * PX_PER_CM + 0.5 * r.nextGaussian(), 0.95);
  }

  private static GaitConfig cfg() {
    return GaitConfig.of(Map.of("LF", "lf", "RF", "rf", "LH", "lh", "RH", "rh"));
  }

  private static void check(Gait.Result g, double[] duty, double strideLength) {
    for (int i = 0; i < 4; i++) {
      String role = Gait.ROLES.get(i);
      assertTrue(g.summary().get(role + "_strides") >= 10, role + " strides: " + g.summary().get(role + "_strides"));
      assertEquals(T, g.summary().get(role + "_stride_s"), 0.02 * T, role + " stride duration");
      assertEquals(1 / T, g.summary().get(role + "_cadence_hz"), 0.02 / T, role + " cadence");
      assertEquals(duty[i], g.summary().get(role + "_duty_factor"), 0.04, role + " duty factor");
      assertEquals(strideLength, g.summary().get(role + "_stride_length_cm"), 0.03 * strideLength, role + " stride length");
    }
    assertEquals(2.0, g.summary().get("base_of_support_fore_cm"), 0.1);
    assertEquals(2.4, g.summary().get("base_of_support_hind_cm"), 0.1);
  }

  @Test
  void pawsAreFoundByTheirUsualNames() {
    assertEquals(Map.of("LF", "FL", "RF", "FR", "LH", "HL", "RH", "HR"), GaitConfig.pawsByName(List.of("snout", "FL", "FR", "HL", "HR")));
    assertEquals(Map.of("LF", "left_forepaw", "RF", "right_forepaw", "LH", "left_hindpaw", "RH", "right_hindpaw"),
        GaitConfig.pawsByName(List.of("left_forepaw", "right_forepaw", "left_hindpaw", "right_hindpaw", "tailbase")));
    assertEquals(Map.of("LH", "lh", "RH", "rh"), GaitConfig.pawsByName(List.of("nose", "lh", "rh")));
    assertThrows(org.labpose.core.SettingException.class, () -> GaitConfig.pawsByName(List.of("snout", "leftear", "rightear")));
  }

  @Test
  void directionsAreImageAxes() {
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, -1}, GaitConfig.axis("-y"));
    assertThrows(org.labpose.core.SettingException.class, () -> GaitConfig.axis("north"));
  }

  @Test
  void walkway() {
    double[] duty = {0.6, 0.6, 0.6, 0.6};
    Gait.Result g = Gait.analyze(trot(false, duty, 1, 600), FPS, Calibration.scale(PX_PER_CM), cfg());
    check(g, duty, V * T);
    assertEquals(0, g.summary().get("si_duty_factor_hind"), 5);
    assertEquals(0, g.summary().get("si_stride_s_fore"), 3);
  }

  @Test
  void treadmillWithAnAsymmetricHindLimb() {
    double[] duty = {0.6, 0.6, 0.55, 0.68};
    Gait.Result g = Gait.analyze(trot(true, duty, 2, 600), FPS, Calibration.scale(PX_PER_CM),
        cfg().withBeltSpeed(V).withDirection(new double[] {1, 0}));
    check(g, duty, V * T);
    double want = Gait.si(0.55, 0.68);
    assertEquals(want, g.summary().get("si_duty_factor_hind"), 4, "hind duty-factor asymmetry");
    long perStride = g.strides().stream().filter(s -> s.paw().equals("LH") && s.matchedStride() >= 0).count();
    assertTrue(perStride >= 10);
    double meanSi = g.strides().stream().filter(s -> s.paw().equals("LH") && s.matchedStride() >= 0)
        .mapToDouble(Gait.Stride::siDuty).average().orElseThrow();
    assertEquals(want, meanSi, 5, "per-stride symmetry");
  }

  @Test
  void namesMissingPaws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gait.analyze(trot(false, new double[] {0.6, 0.6, 0.6, 0.6}, 1, 50), FPS, Calibration.pixels(),
            GaitConfig.of(Map.of("LF", "leftfore", "RF", "rf"))));
    assertTrue(e.getMessage().contains("'leftfore'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaitConfig.of(Map.of("LF", "lf")));
  }
}

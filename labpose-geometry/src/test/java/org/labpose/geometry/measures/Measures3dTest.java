package org.labpose.geometry.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointLayout;
import org.labpose.geometry.triangulation.Poses3d;
import org.labpose.geometry.triangulation.Projection;

/**
 * A mouse walking 2 mm per frame at 30 fps on a floor tilted 10° (as a camera rig's world may be),
 * its four paws lifting in turn, rearing (snout 80 mm up) for 15 frames: floor, heights, path,
 * speeds and rearing time come out as built.
 */
class Measures3dTest {
  static final KeypointLayout LAYOUT = KeypointLayout.singleAnimal(List.of("snout", "tailbase", "fl", "fr", "hl", "hr"));
  static final double[][] TILT = Projection.rotation(new double[] {Math.toRadians(10), 0, 0});

  static double[] world(double x, double y, double z) {
    return new double[] {TILT[0][0] * x + TILT[0][1] * y + TILT[0][2] * z + 5, TILT[1][0] * x + TILT[1][1] * y + TILT[1][2] * z - 3,
        TILT[2][0] * x + TILT[2][1] * y + TILT[2][2] * z + 40};
  }

  static Poses3d.Table walk() {
    int n = 90;
    double[][][] xyz = new double[n][6][];
    for (int f = 0; f < n; f++) {
      double x = 2 * f;
      boolean rear = f >= 40 && f < 55;
      xyz[f][0] = world(x + 40, 0, rear ? 80 : 25);
      xyz[f][1] = world(x - 40, 0, 20);
      double[][] paws = {{x + 20, 15}, {x + 20, -15}, {x - 20, 15}, {x - 20, -15}};
      for (int p = 0; p < 4; p++) {
        double lift = f % 4 == p ? 6 : 0;
        xyz[f][2 + p] = world(paws[p][0], paws[p][1], lift);
      }
    }
    xyz[10][1] = new double[] {Double.NaN, Double.NaN, Double.NaN};
    return new Poses3d.Table("DLC_x", LAYOUT, xyz, new double[n][6], new int[n][6]);
  }

  @Test
  void floorHeightsPathAndRearing() {
    Poses3d.Table t = walk();
    Measures3d.Plane floor = Measures3d.floor(t, List.of("fl", "fr", "hl", "hr"));
    assertEquals(0, floor.height(world(7, 3, 0)), 1e-6, "the paws' lower half lies on the floor");
    assertEquals(25, floor.height(world(0, 0, 25)), 1e-6);
    Measures3d.Summary s = Measures3d.summarise(t, 30, floor, "snout", 60);
    Measures3d.Keypoint tail = s.keypoints().get(1);
    assertEquals(89, tail.frames());
    // 89 frames with one missing: two runs of 10 and 79 points, 9 + 78 steps of 2 mm
    assertEquals(2 * (9 + 78), tail.pathLength(), 1e-6);
    assertEquals(60, tail.meanSpeed(), 1e-6);
    assertEquals(20, tail.medianHeight(), 1e-6);
    assertEquals(80, s.keypoints().get(0).maxHeight(), 1e-6);
    assertEquals(0.5, s.rearingSeconds(), 1e-12, "15 frames at 30 fps");
  }

  @Test
  void aFloorNeedsAPlane() {
    Poses3d.Table t = walk();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measures3d.floor(t, List.of("nose")));
    assertEquals("the floor needs 3 or more 3D points of [nose], found 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Measures3d.floor(t, List.of("tailbase")), "a line fixes no plane");
  }

  /** In the floor frame the built heights are z (snout 25 mm, 80 when rearing), and the snout-tailbase-paw angle is the built one. */
  @Test
  void floorFrameAndAngles() {
    Poses3d.Table t = walk();
    Measures3d.Plane floor = Measures3d.floor(t, List.of("fl", "fr", "hl", "hr"));
    Poses3d.Table a = Measures3d.align(t, Measures3d.floorFrame(floor));
    assertEquals(25, a.xyz()[20][0][2], 1e-6);
    assertEquals(80, a.xyz()[45][0][2], 1e-6);
    // the frame's origin lies on the floor below the calibration's origin: that point's height is 0 and it sits at x = y = 0
    double[] o = Measures3d.floorFrame(floor).origin();
    assertEquals(0, floor.height(o), 1e-9);
    // horizontal distances are the built ones: snout 80 mm ahead of the tail base
    assertEquals(80, Math.hypot(a.xyz()[20][0][0] - a.xyz()[20][1][0], a.xyz()[20][0][1] - a.xyz()[20][1][1]), 1e-6);
    // the angle at the tail base between the snout (80 ahead, 5 up) and the front-left paw (60 ahead, 15 aside, 20 down)
    double[] u = {80, 0, 5};
    double[] v = {60, 15, -20};
    double want = Math.toDegrees(Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2])
        / Math.sqrt((u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]))));
    assertEquals(want, Measures3d.angle(t, "", "snout", "tailbase", "fl")[21], 1e-6);
    assertEquals(Double.NaN, Measures3d.angle(t, "", "snout", "tailbase", "fl")[10]);
    assertThrows(IllegalArgumentException.class, () -> Measures3d.angle(t, "", "snout", "tail", "fl"));
  }
}

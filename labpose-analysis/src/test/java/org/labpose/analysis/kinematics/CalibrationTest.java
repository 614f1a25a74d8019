package org.labpose.analysis.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void homographyMapsTheCornersAndInvertsExactly() {
    double[][] corners = {{52, 31}, {590, 40}, {600, 455}, {45, 450}};
    Calibration c = Calibration.arena(corners, 45, 40);
    double[][] world = {{0, 0}, {45, 0}, {45, 40}, {0, 40}};
    for (int i = 0; i < 4; i++) {
      double[] w = c.toWorld(corners[i][0], corners[i][1]);
      assertEquals(world[i][0], w[0], 1e-9);
      assertEquals(world[i][1], w[1], 1e-9);
    }
    Random r = new Random(3);
    for (int i = 0; i < 100; i++) {
      double x = 50 + 540 * r.nextDouble();
      double y = 35 + 410 * r.nextDouble();
      double[] w = c.toWorld(x, y);
      double[] back = c.toImage(w[0], w[1]);
      assertEquals(x, back[0], 1e-9);
      assertEquals(y, back[1], 1e-9);
    }
  }

  @Test
  void aPerspectiveViewKeepsStraightLinesAndMidpointsInWorld() {
    // A tilted camera: the far edge of a 40 x 40 cm arena looks shorter. The image of the arena's
    // centre is the crossing of the image diagonals (not their average), and maps to (20, 20).
    double[][] corners = {{200, 100}, {440, 100}, {600, 400}, {40, 400}};
    Calibration c = Calibration.arena(corners, 40, 40);
    // diagonals (200,100)-(600,400) and (440,100)-(40,400) cross at x = 320, y = 190
    double[] w = c.toWorld(320, 190);
    assertEquals(20, w[0], 1e-9);
    assertEquals(20, w[1], 1e-9);
  }

  @Test
  void scaleAndPixels() {
    Calibration s = Calibration.scale(8);
    assertEquals("cm", s.unit());
    assertEquals(5, s.toWorld(40, 16)[0], 1e-12);
    assertEquals(2, s.toWorld(40, 16)[1], 1e-12);
    assertEquals("px", Calibration.pixels().unit());
    double[] xs = {1, Double.NaN};
    double[] ys = {2, 3};
    s.toWorldInPlace(xs, ys);
    assertEquals(0.125, xs[0], 1e-12);
    assertEquals(Double.NaN, xs[1]);
  }

  @Test
  void degenerateCornersAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.arena(new double[][] {{0, 0}, {10, 0}, {20, 0}, {0, 10}}, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> Calibration.scale(0));
  }
}

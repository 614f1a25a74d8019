package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.geometry.calibration.CameraModel;

/** The lens models: undistort inverts distortAndMap; the fisheye model without distortion is the equidistant one. */
class ProjectionTest {
  private static CameraModel camera(boolean fisheye, double[] d) {
    return new CameraModel("c", 640, 480, new double[][] {{300, 0, 320}, {0, 310, 240}, {0, 0, 1}}, d, new double[3], new double[3], fisheye);
  }

  @Test
  void undistortInvertsTheLens() {
    Random r = new Random(3);
    for (CameraModel c : new CameraModel[] {camera(false, new double[] {-0.2, 0.05, 0.001, -0.0005, 0.01}),
        camera(true, new double[] {0.05, -0.02, 0.004, -0.001, 0})}) {
      Projection p = new Projection(c);
      for (int i = 0; i < 200; i++) {
        // rays up to 55° (fisheye) or 35° (pinhole, whose polynomial folds back beyond its fitted range) off the axis
        double max = Math.tan(Math.toRadians(c.fisheye() ? 55 : 35));
        double x = (r.nextDouble() * 2 - 1) * max / Math.sqrt(2);
        double y = (r.nextDouble() * 2 - 1) * max / Math.sqrt(2);
        double[] uv = p.distortAndMap(x, y);
        double[] back = p.undistort(uv[0], uv[1]);
        assertEquals(x, back[0], 1e-9, c.toString());
        assertEquals(y, back[1], 1e-9, c.toString());
      }
    }
  }

  @Test
  void fisheyeWithoutDistortionIsEquidistant() {
    Projection p = new Projection(camera(true, new double[5]));
    for (double deg : new double[] {0, 10, 45, 80}) {
      double th = Math.toRadians(deg);
      double[] uv = p.project(new double[] {Math.sin(th), 0, Math.cos(th)});
      assertEquals(320 + 300 * th, uv[0], 1e-9, deg + "°");
      assertEquals(240, uv[1], 1e-9);
    }
  }
}

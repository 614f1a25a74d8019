package org.labpose.geometry.triangulation;

import java.util.ArrayList;
import java.util.List;
import org.labpose.geometry.calibration.CameraModel;

/** Virtual camera rigs for synthetic 3D data and tests. World z up, units mm, origin the arena's centre. */
public final class Rig {
  private Rig() {}

  /**
   * {@code n} cameras evenly on a circle of {@code radius} mm around the origin at {@code height} mm,
   * looking at the origin; {@code width} × {@code heightPx} images, focal length {@code focal} px, a
   * mild barrel distortion that differs a little between cameras.
   */
  public static List<CameraModel> ring(int n, double radius, double height, int width, int heightPx, double focal) {
    return place(n, 2 * Math.PI, false, radius, height, width, heightPx, focal);
  }

  /**
   * {@code n} cameras on an arc of {@code span} rad (centred on the world's -y side, so that they all
   * see the front of a board facing -y), otherwise as {@link #ring}.
   */
  public static List<CameraModel> arc(int n, double span, double radius, double height, int width, int heightPx, double focal) {
    return place(n, span, true, radius, height, width, heightPx, focal);
  }

  private static List<CameraModel> place(int n, double span, boolean arc, double radius, double height, int width, int heightPx, double focal) {
    List<CameraModel> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = arc ? -Math.PI / 2 - span / 2 + span * i / Math.max(1, n - 1) : span * i / n - Math.PI / 2;
      double[][] pose = Projection.lookAt(new double[] {radius * Math.cos(a), radius * Math.sin(a), height}, new double[3], new double[] {0, 0, 1});
      double f = focal * (1 + 0.02 * i);
      out.add(new CameraModel("cam" + (i + 1), width, heightPx, new double[][] {{f, 0, width / 2.0 + i}, {0, f, heightPx / 2.0 - i}, {0, 0, 1}},
          new double[] {-0.1 - 0.01 * i, 0.03, 0.0005 * i, -0.0003, 0}, pose[0], pose[1]));
    }
    return out;
  }
}

package org.labpose.geometry.synth;

import java.util.List;
import org.labpose.core.image.RgbImage;
import org.labpose.geometry.Vec3;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.triangulation.Projection;

/**
 * What one calibrated camera sees of an arena and the ellipsoids of {@link Mouse3d}, lens distortion
 * included: every pixel's ray (through the pixel's centre, the lens undone) is cast into the scene and
 * takes the colour of the nearest ellipsoid it meets, shaded by a light from above, or of the floor
 * (a light square arena of the given side, a darker surround). The floor is drawn once; each frame
 * casts rays only inside the image box where the animal can appear.
 *
 * <p>World: mm, z up, the floor z = 0, origin the arena's centre. Pixels: origin the centre of the
 * top-left pixel, x right, y down.
 */
public final class RigScene {
  private final CameraModel camera;
  private final Projection projection;
  private final double[][] r;
  private final double[] rays;
  private final byte[] background;
  private static final double[] LIGHT = Vec3.unit(new double[] {0.3, -0.4, 1});

  /**
   * @param arena the arena's side, mm
   */
  public RigScene(CameraModel camera, double arena) {
    this.camera = camera;
    this.projection = new Projection(camera);
    this.r = Projection.rotation(camera.rotation());
    int w = camera.width();
    int h = camera.height();
    rays = new double[2 * w * h];
    background = new byte[3 * w * h];
    double[] centre = camera.centre();
    for (int v = 0, k = 0; v < h; v++) {
      for (int u = 0; u < w; u++, k++) {
        double[] n = projection.undistort(u, v);
        rays[2 * k] = n[0];
        rays[2 * k + 1] = n[1];
        double[] d = toWorld(n[0], n[1]);
        int rgb = 0x303030;
        if (d[2] < -1e-9) {
          double t = -centre[2] / d[2];
          double fx = centre[0] + t * d[0];
          double fy = centre[1] + t * d[1];
          boolean inside = Math.abs(fx) <= arena / 2 && Math.abs(fy) <= arena / 2;
          rgb = inside ? 0xd2d0c8 : 0x7a7a78;
        }
        put(background, k, rgb);
      }
    }
  }

  /** A ray's direction in the world from its normalised image-plane point. */
  private double[] toWorld(double x, double y) {
    return new double[] {
        r[0][0] * x + r[1][0] * y + r[2][0],
        r[0][1] * x + r[1][1] * y + r[2][1],
        r[0][2] * x + r[1][2] * y + r[2][2]};
  }

  private static void put(byte[] img, int k, int rgb) {
    img[3 * k] = (byte) (rgb >> 16);
    img[3 * k + 1] = (byte) (rgb >> 8);
    img[3 * k + 2] = (byte) rgb;
  }

  /** The camera's view of the shapes. */
  public RgbImage render(List<Mouse3d.Shape> shapes) {
    int w = camera.width();
    int h = camera.height();
    byte[] img = background.clone();
    // per shape, in the camera frame: its centre c and the map M = S⁻¹ Aᵀ into the unit sphere's space (A: its axes)
    int n = shapes.size();
    double[][] oc = new double[n][];
    double[][][] m = new double[n][][];
    double[][][] axes = new double[n][][];
    int u0 = w;
    int v0 = h;
    int u1 = -1;
    int v1 = -1;
    for (int i = 0; i < n; i++) {
      Mouse3d.Shape s = shapes.get(i);
      double[] a1 = Vec3.mul(r, s.axis1());
      double[] a2 = Vec3.mul(r, s.axis2());
      double[] a3 = Vec3.cross(a1, a2);
      axes[i] = new double[][] {a1, a2, a3};
      double[] c = projection.toCamera(s.centre());
      m[i] = new double[][] {
          {a1[0] / s.radii()[0], a1[1] / s.radii()[0], a1[2] / s.radii()[0]},
          {a2[0] / s.radii()[1], a2[1] / s.radii()[1], a2[2] / s.radii()[1]},
          {a3[0] / s.radii()[2], a3[1] / s.radii()[2], a3[2] / s.radii()[2]}};
      // the ray origin (the camera's centre, 0) in the sphere's space: M (0 - c)
      double[] o = Vec3.mul(m[i], c);
      oc[i] = new double[] {-o[0], -o[1], -o[2]};
      // the image box: the projections of the bounding sphere's box corners, with a margin
      double rad = Math.max(s.radii()[0], Math.max(s.radii()[1], s.radii()[2]));
      for (int corner = 0; corner < 8; corner++) {
        double[] p = {s.centre()[0] + ((corner & 1) == 0 ? -rad : rad), s.centre()[1] + ((corner & 2) == 0 ? -rad : rad),
            s.centre()[2] + ((corner & 4) == 0 ? -rad : rad)};
        double[] uv = projection.project(p);
        if (!Double.isFinite(uv[0])) {
          u0 = 0;
          v0 = 0;
          u1 = w - 1;
          v1 = h - 1;
          continue;
        }
        u0 = Math.min(u0, (int) Math.floor(uv[0]) - 2);
        v0 = Math.min(v0, (int) Math.floor(uv[1]) - 2);
        u1 = Math.max(u1, (int) Math.ceil(uv[0]) + 2);
        v1 = Math.max(v1, (int) Math.ceil(uv[1]) + 2);
      }
    }
    u0 = Math.max(0, u0);
    v0 = Math.max(0, v0);
    u1 = Math.min(w - 1, u1);
    v1 = Math.min(h - 1, v1);
    for (int v = v0; v <= v1; v++) {
      for (int u = u0; u <= u1; u++) {
        int k = v * w + u;
        double dx = rays[2 * k];
        double dy = rays[2 * k + 1];
        double best = Double.POSITIVE_INFINITY;
        int hit = -1;
        for (int i = 0; i < n; i++) {
          double[][] mi = m[i];
          double ex = mi[0][0] * dx + mi[0][1] * dy + mi[0][2];
          double ey = mi[1][0] * dx + mi[1][1] * dy + mi[1][2];
          double ez = mi[2][0] * dx + mi[2][1] * dy + mi[2][2];
          double[] o = oc[i];
          double a = ex * ex + ey * ey + ez * ez;
          double b = 2 * (o[0] * ex + o[1] * ey + o[2] * ez);
          double c = o[0] * o[0] + o[1] * o[1] + o[2] * o[2] - 1;
          double disc = b * b - 4 * a * c;
          if (disc >= 0) {
            double t = (-b - Math.sqrt(disc)) / (2 * a);
            if (t > 0 && t < best) {
              best = t;
              hit = i;
            }
          }
        }
        if (hit >= 0) {
          // the normal: in the sphere's space the hit point itself; back through Mᵀ to the camera frame, then the world
          double[][] mi = m[hit];
          double[] o = oc[hit];
          double sx = o[0] + best * (mi[0][0] * dx + mi[0][1] * dy + mi[0][2]);
          double sy = o[1] + best * (mi[1][0] * dx + mi[1][1] * dy + mi[1][2]);
          double sz = o[2] + best * (mi[2][0] * dx + mi[2][1] * dy + mi[2][2]);
          double[] nc = {mi[0][0] * sx + mi[1][0] * sy + mi[2][0] * sz, mi[0][1] * sx + mi[1][1] * sy + mi[2][1] * sz,
              mi[0][2] * sx + mi[1][2] * sy + mi[2][2] * sz};
          double[] nw = Vec3.unit(new double[] {
              r[0][0] * nc[0] + r[1][0] * nc[1] + r[2][0] * nc[2],
              r[0][1] * nc[0] + r[1][1] * nc[1] + r[2][1] * nc[2],
              r[0][2] * nc[0] + r[1][2] * nc[1] + r[2][2] * nc[2]});
          double shade = 0.45 + 0.55 * Math.max(0, nw[0] * LIGHT[0] + nw[1] * LIGHT[1] + nw[2] * LIGHT[2]);
          int rgb = shapes.get(hit).rgb();
          int red = (int) Math.round(((rgb >> 16) & 255) * shade);
          int green = (int) Math.round(((rgb >> 8) & 255) * shade);
          int blue = (int) Math.round((rgb & 255) * shade);
          put(img, k, (red << 16) | (green << 8) | blue);
        }
      }
    }
    return new RgbImage(w, h, img);
  }
}

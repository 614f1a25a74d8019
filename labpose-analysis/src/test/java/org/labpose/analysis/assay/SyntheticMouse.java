package org.labpose.analysis.assay;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * A mouse walking in a square arena with planted freezing bouts, its true centroid track and a
 * noisy pose table as a network would give (Gaussian pixel noise, some low-likelihood outliers).
 * Units: cm in the arena, px in the image (scale {@link #PX_PER_CM}, arena top-left at {@link
 * #OFFSET_PX}).
 */
final class SyntheticMouse {
  static final double PX_PER_CM = 10;
  static final double OFFSET_PX = 20;
  static final double ARENA_CM = 40;
  static final List<String> PARTS = List.of("snout", "leftear", "rightear", "tailbase");

  final double fps;
  final int n;
  /** True centroid of the four bodyparts, px. */
  final double[] trueX;
  final double[] trueY;
  /** Planted freezing bouts {start, end) in frames. */
  final List<int[]> freezes = new ArrayList<>();
  final PoseTable poses;

  SyntheticMouse(long seed, double fps, double seconds, double noisePx, double outlierRate) {
    this(seed, fps, seconds, noisePx, outlierRate, new double[0]);
  }

  /**
   * @param keepFreezesOff pixel coordinates of vertical and horizontal lines (zone borders) that a
   *     freezing mouse stays at least 2 px away from: a mouse standing still closer to a border than
   *     the tracking noise is inside or outside by chance for any tracker
   */
  SyntheticMouse(long seed, double fps, double seconds, double noisePx, double outlierRate, double[] keepFreezesOff) {
    this.fps = fps;
    this.n = (int) Math.round(seconds * fps);
    Random r = new Random(seed);
    double cx = ARENA_CM / 2;
    double cy = ARENA_CM / 2;
    double dir = r.nextDouble() * 2 * Math.PI;
    double speedLevel = 10;
    double omega = 0;
    double[] hx = new double[n];
    double[] hy = new double[n];
    double[] heading = new double[n];
    int f = 0;
    boolean moving = true;
    while (f < n) {
      int len = (int) Math.round((moving ? 4 + 8 * r.nextDouble() : 2.5 + 4 * r.nextDouble()) * fps);
      int end = Math.min(n, f + len);
      if (!moving && nearLine(cx, cy, keepFreezesOff)) {
        moving = true; // walk on a little before freezing
        continue;
      }
      if (!moving) {
        freezes.add(new int[] {f, end});
      }
      for (; f < end; f++) {
        if (moving) {
          omega += -0.05 * omega + r.nextGaussian() * 0.01; // smooth turning (rad/frame)
          dir += omega;
          speedLevel = Math.max(4, Math.min(20, speedLevel + r.nextGaussian() * 0.5));
          double step = speedLevel / fps;
          double nx = cx + Math.cos(dir) * step;
          double ny = cy + Math.sin(dir) * step;
          if (nx < 4 || nx > ARENA_CM - 4 || ny < 4 || ny > ARENA_CM - 4) {
            omega += (0.2 - omega) * 0.3; // at a wall: turn in place, speeding up to about 340 degrees/s
            dir += omega;
            nx = cx;
            ny = cy;
          }
          cx = nx;
          cy = ny;
        }
        hx[f] = cx;
        hy[f] = cy;
        heading[f] = dir;
      }
      moving = !moving;
    }
    trueX = new double[n];
    trueY = new double[n];
    poses = new PoseTable("synthetic", KeypointLayout.singleAnimal(PARTS), n);
    for (int i = 0; i < n; i++) {
      double c = Math.cos(heading[i]);
      double s = Math.sin(heading[i]);
      double[][] body = {{2.5, 0}, {1, -1}, {1, 1}, {-2.5, 0}}; // cm along, across the heading
      double sumX = 0;
      double sumY = 0;
      for (int p = 0; p < 4; p++) {
        double x = OFFSET_PX + PX_PER_CM * (hx[i] + body[p][0] * c - body[p][1] * s);
        double y = OFFSET_PX + PX_PER_CM * (hy[i] + body[p][0] * s + body[p][1] * c);
        sumX += x;
        sumY += y;
        double lik = 0.95;
        double ex = r.nextGaussian() * noisePx;
        double ey = r.nextGaussian() * noisePx;
        if (r.nextDouble() < outlierRate) {
          ex = r.nextGaussian() * 40;
          ey = r.nextGaussian() * 40;
          lik = 0.1;
        }
        poses.set(i, KeypointId.of(PARTS.get(p)), x + ex, y + ey, lik);
      }
      trueX[i] = sumX / 4;
      trueY[i] = sumY / 4;
    }
  }

  private static boolean nearLine(double cxCm, double cyCm, double[] lines) {
    // the centroid sits 0.5 cm ahead of the body centre along the heading: stay 1 cm clear
    for (double l : lines) {
      double lcm = (l - OFFSET_PX) / PX_PER_CM;
      if (Math.abs(cxCm - lcm) < 1 || Math.abs(cyCm - lcm) < 1) {
        return true;
      }
    }
    return false;
  }

  /** True path length of the centroid, cm. */
  double trueDistanceCm() {
    double d = 0;
    for (int i = 1; i < n; i++) {
      d += Math.hypot(trueX[i] - trueX[i - 1], trueY[i] - trueY[i - 1]);
    }
    return d / PX_PER_CM;
  }

  /** Frames whose true centroid lies inside the pixel rectangle. */
  int trueFramesIn(double x0, double y0, double x1, double y1) {
    int c = 0;
    for (int i = 0; i < n; i++) {
      c += trueX[i] >= x0 && trueX[i] < x1 && trueY[i] >= y0 && trueY[i] < y1 ? 1 : 0;
    }
    return c;
  }
}

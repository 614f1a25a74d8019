package org.labpose.net.data;

/**
 * Training targets of a bottom-up multi-animal network for one crop. Keypoint slots come in the
 * layout's order: individual 0's bodyparts, individual 1's, ..., then the unique bodyparts.
 *
 * <ul>
 *   <li>Score map of bodypart b: 1 within {@code radius} px of any animal's b (weight 1 everywhere).
 *   <li>Refinement offsets: in those cells, the offset to the nearest such keypoint, divided by
 *       {@code locrefStd}.
 *   <li>Part-affinity field of edge (a, b): in cells whose centre lies within {@code pafWidth / 2} px of
 *       an animal's segment from a to b (and between its ends), the unit vector from a to b; where
 *       several animals' bones cover a cell, their mean. Weight 1 everywhere.
 * </ul>
 * Cell (i, j) of a map of stride s has its centre at crop pixel (j·s + s/2, i·s + s/2).
 */
public final class MultiAnimalTargets {
  private MultiAnimalTargets() {}

  /**
   * Fills batch item {@code item}.
   *
   * @param xy keypoints in crop pixels, 2 per slot (NaN when not labelled)
   * @param animals individuals; {@code bodyparts} per individual; {@code unique} after them
   * @param edges pairs of bodypart indices
   * @param score [B][K][hw][hw] with K = bodyparts + unique, scoreW the same, locref/locrefW [B][2K][hw][hw],
   *     paf/pafW [B][2E][hw][hw]
   */
  public static void fill(double[] xy, int animals, int bodyparts, int unique, int[][] edges, int hw, int stride,
      double radius, double locrefStd, double pafWidth, int item,
      float[] score, float[] scoreW, float[] locref, float[] locrefW, float[] paf, float[] pafW) {
    fill(xy, animals, bodyparts, unique, edges, hw, stride, radius, locrefStd, pafWidth, item, score, scoreW, locref, locrefW,
        paf, pafW, null, null);
  }

  /**
   * As above, with identity targets when {@code identity} is not null: [B][animals][hw][hw], one-hot,
   * the animal whose keypoint is nearest to the cell, for cells within {@code radius} of any animal's
   * keypoint; {@code identityW} [B][1][hw][hw] is 1 there.
   */
  public static void fill(double[] xy, int animals, int bodyparts, int unique, int[][] edges, int hw, int stride,
      double radius, double locrefStd, double pafWidth, int item,
      float[] score, float[] scoreW, float[] locref, float[] locrefW, float[] paf, float[] pafW, float[] identity, float[] identityW) {
    int k = bodyparts + unique;
    int plane = hw * hw;
    double r2 = radius * radius;
    for (int m = 0; m < k; m++) {
      int sBase = (item * k + m) * plane;
      int lBase = (item * 2 * k + 2 * m) * plane;
      java.util.Arrays.fill(scoreW, sBase, sBase + plane, 1f);
      for (int i = 0; i < hw; i++) {
        double cy = i * stride + stride / 2.0;
        for (int j = 0; j < hw; j++) {
          double cx = j * stride + stride / 2.0;
          double best = Double.POSITIVE_INFINITY;
          double bdx = 0;
          double bdy = 0;
          int copies = m < bodyparts ? animals : 1;
          for (int a = 0; a < copies; a++) {
            int slot = m < bodyparts ? a * bodyparts + m : animals * bodyparts + (m - bodyparts);
            double x = xy[2 * slot];
            double y = xy[2 * slot + 1];
            if (Double.isNaN(x) || Double.isNaN(y)) {
              continue;
            }
            double dx = x - cx;
            double dy = y - cy;
            double d2 = dx * dx + dy * dy;
            if (d2 < best) {
              best = d2;
              bdx = dx;
              bdy = dy;
            }
          }
          if (best <= r2) {
            int c = i * hw + j;
            score[sBase + c] = 1;
            locref[lBase + c] = (float) (bdx / locrefStd);
            locref[lBase + plane + c] = (float) (bdy / locrefStd);
            locrefW[lBase + c] = 1;
            locrefW[lBase + plane + c] = 1;
          }
        }
      }
    }
    fillIdentity(xy, animals, bodyparts, hw, stride, radius, item, identity, identityW);
    double half = pafWidth / 2;
    for (int e = 0; e < edges.length; e++) {
      int pBase = (item * 2 * edges.length + 2 * e) * plane;
      java.util.Arrays.fill(pafW, pBase, pBase + 2 * plane, 1f);
      float[] sx = new float[plane];
      float[] sy = new float[plane];
      int[] count = new int[plane];
      for (int a = 0; a < animals; a++) {
        int sa = a * bodyparts + edges[e][0];
        int sb = a * bodyparts + edges[e][1];
        double ax = xy[2 * sa];
        double ay = xy[2 * sa + 1];
        double bx = xy[2 * sb];
        double by = xy[2 * sb + 1];
        if (Double.isNaN(ax) || Double.isNaN(ay) || Double.isNaN(bx) || Double.isNaN(by)) {
          continue;
        }
        double len = Math.hypot(bx - ax, by - ay);
        if (len < 1e-6) {
          continue;
        }
        double ux = (bx - ax) / len;
        double uy = (by - ay) / len;
        int i0 = Math.max(0, (int) Math.floor((Math.min(ay, by) - half) / stride) - 1);
        int i1 = Math.min(hw - 1, (int) Math.ceil((Math.max(ay, by) + half) / stride) + 1);
        int j0 = Math.max(0, (int) Math.floor((Math.min(ax, bx) - half) / stride) - 1);
        int j1 = Math.min(hw - 1, (int) Math.ceil((Math.max(ax, bx) + half) / stride) + 1);
        for (int i = i0; i <= i1; i++) {
          double cy = i * stride + stride / 2.0;
          for (int j = j0; j <= j1; j++) {
            double cx = j * stride + stride / 2.0;
            double along = (cx - ax) * ux + (cy - ay) * uy;
            double across = Math.abs(-(cx - ax) * uy + (cy - ay) * ux);
            if (along >= 0 && along <= len && across <= half) {
              int c = i * hw + j;
              sx[c] += (float) ux;
              sy[c] += (float) uy;
              count[c]++;
            }
          }
        }
      }
      for (int c = 0; c < plane; c++) {
        if (count[c] > 0) {
          paf[pBase + c] = sx[c] / count[c];
          paf[pBase + plane + c] = sy[c] / count[c];
        }
      }
    }
  }

  private static void fillIdentity(double[] xy, int animals, int bodyparts, int hw, int stride, double radius, int item,
      float[] identity, float[] identityW) {
    if (identity == null) {
      return;
    }
    int plane = hw * hw;
    double r2 = radius * radius;
    for (int i = 0; i < hw; i++) {
      double cy = i * stride + stride / 2.0;
      for (int j = 0; j < hw; j++) {
        double cx = j * stride + stride / 2.0;
        double best = Double.POSITIVE_INFINITY;
        int who = -1;
        for (int a = 0; a < animals; a++) {
          for (int b = 0; b < bodyparts; b++) {
            int slot = a * bodyparts + b;
            double x = xy[2 * slot];
            double y = xy[2 * slot + 1];
            if (Double.isNaN(x) || Double.isNaN(y)) {
              continue;
            }
            double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            if (d2 < best) {
              best = d2;
              who = a;
            }
          }
        }
        if (who >= 0 && best <= r2) {
          int c = i * hw + j;
          identity[(item * animals + who) * plane + c] = 1;
          identityW[item * plane + c] = 1;
        }
      }
    }
  }
}

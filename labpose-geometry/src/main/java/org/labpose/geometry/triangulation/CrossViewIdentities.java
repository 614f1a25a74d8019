package org.labpose.geometry.triangulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.Vec3;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.multianimal.Matching;

/**
 * Matches the animals' identities across cameras before triangulating several animals: each camera's
 * tracker names its animals on its own, so {@code mouse1} of one camera may be {@code mouse2} of
 * another, and a swap in one view need not happen in the others. Per window of frames, every other
 * camera's animals are matched to the first camera's by epipolar consistency: the cost of pairing
 * animal i of the first camera with animal j of camera c is the mean, over the window's frames and the
 * bodyparts both saw (at or above the p-cutoff), of the symmetric distance (px) between each point and
 * the epipolar line of the other; the Hungarian algorithm finds the cheapest pairing. A window keeps
 * the previous window's pairing unless the new one is cheaper by {@link #HYSTERESIS}, so that noise
 * does not flip it; a window without evidence keeps it too.
 */
public final class CrossViewIdentities {
  private CrossViewIdentities() {}

  /** A new pairing must be this much cheaper (a fraction of the kept one's cost) to replace it. */
  public static final double HYSTERESIS = 0.2;

  /**
   * The views relabelled.
   *
   * @param views the views, every table's individuals now named as the first camera's
   * @param pairings per camera and window, {@code pairing[i]} = that camera's individual (layout index) that is the
   *     first camera's individual i (the identity for the first camera)
   * @param window frames per window
   */
  public record Result(List<Poses3d.View> views, int[][][] pairings, int window) {
    /** Windows in which camera {@code c} had its animals named differently from the first camera's. */
    public int relabelled(int c) {
      int n = 0;
      for (int[] p : pairings[c]) {
        for (int i = 0; i < p.length; i++) {
          if (p[i] != i) {
            n++;
            break;
          }
        }
      }
      return n;
    }
  }

  /**
   * Matches the views' identities (views with one individual, or none, come back unchanged).
   *
   * @param window frames per window (e.g. one second's)
   * @throws org.labpose.core.io.InputFormatException when the views' frames do not line up ({@link Poses3d#frames})
   */
  public static Result match(List<Poses3d.View> views, double pcutoff, int window) throws org.labpose.core.io.InputFormatException {
    KeypointLayout layout = views.get(0).poses().layout();
    List<String> inds = layout.individuals();
    int ni = inds.size();
    int frames = Poses3d.frames(views);
    int windows = Math.max(1, (frames + window - 1) / window);
    int[][][] pairings = new int[views.size()][windows][];
    int[] identity = new int[ni];
    for (int i = 0; i < ni; i++) {
      identity[i] = i;
    }
    for (int[][] p : pairings) {
      Arrays.fill(p, identity);
    }
    if (!layout.isMultiAnimal() || ni < 2) {
      return new Result(views, pairings, window);
    }
    List<String> parts = layout.bodyparts();
    Poses3d.View ref = views.get(0);
    List<Poses3d.View> out = new ArrayList<>(List.of(ref));
    for (int c = 1; c < views.size(); c++) {
      Poses3d.View v = views.get(c);
      double[][] e = essential(ref.camera(), v.camera());
      Projection pa = new Projection(ref.camera());
      Projection pb = new Projection(v.camera());
      int[] kept = identity;
      double keptCost = Double.NaN;
      for (int w = 0; w < windows; w++) {
        double[][] sum = new double[ni][ni];
        int[][] count = new int[ni][ni];
        for (int f = w * window; f < Math.min(frames, (w + 1) * window); f++) {
          for (String bp : parts) {
            double[][] bs = new double[ni][];
            for (int j = 0; j < ni; j++) {
              bs[j] = point(v, f, new KeypointId(inds.get(j), bp), pcutoff, pb);
            }
            for (int i = 0; i < ni; i++) {
              double[] a = point(ref, f, new KeypointId(inds.get(i), bp), pcutoff, pa);
              if (a == null) {
                continue;
              }
              for (int j = 0; j < ni; j++) {
                double[] b = bs[j];
                if (b != null) {
                  sum[i][j] += symmetricDistance(e, a, b, ref.camera(), v.camera());
                  count[i][j]++;
                }
              }
            }
          }
        }
        double[][] cost = new double[ni][ni];
        boolean evidence = false;
        for (int i = 0; i < ni; i++) {
          for (int j = 0; j < ni; j++) {
            evidence |= count[i][j] > 0;
            // a pair never seen together costs as much as a far miss
            cost[i][j] = count[i][j] > 0 ? sum[i][j] / count[i][j] : 1e4;
          }
        }
        if (evidence) {
          int[] best = new int[ni];
          double bestCost = 0;
          for (int[] pair : Matching.minimumAssignment(cost)) {
            best[pair[0]] = pair[1];
            bestCost += cost[pair[0]][pair[1]];
          }
          double keep = 0;
          for (int i = 0; i < ni; i++) {
            keep += cost[i][kept[i]];
          }
          if (Double.isNaN(keptCost) || bestCost < (1 - HYSTERESIS) * keep) {
            kept = best;
            keptCost = bestCost;
          } else {
            keptCost = keep;
          }
        }
        pairings[c][w] = kept;
      }
      out.add(new Poses3d.View(v.camera(), relabel(v, pairings[c], window, frames, inds, parts, layout), v.file(), v.offset(), v.frames()));
    }
    return new Result(out, pairings, window);
  }

  /** The normalised image-plane point of a keypoint in a view's frame (after its offset), null when missing or below the cut-off. */
  private static double[] point(Poses3d.View v, int f, KeypointId k, double pcutoff, Projection p) {
    int vf = v.frame(f);
    if (vf < 0) {
      return null;
    }
    double x = v.poses().x(vf, k);
    double like = v.poses().likelihood(vf, k);
    if (Double.isNaN(x) || !(Double.isNaN(like) || like >= pcutoff)) {
      return null;
    }
    double[] n = p.undistort(x, v.poses().y(vf, k));
    return new double[] {n[0], n[1], 1};
  }

  /** E with x_bᵀ E x_a = 0 for normalised points of camera a and b. */
  static double[][] essential(CameraModel a, CameraModel b) {
    double[][] ra = Projection.rotation(a.rotation());
    double[][] rb = Projection.rotation(b.rotation());
    double[][] raT = {{ra[0][0], ra[1][0], ra[2][0]}, {ra[0][1], ra[1][1], ra[2][1]}, {ra[0][2], ra[1][2], ra[2][2]}};
    double[][] r = Vec3.mul(rb, raT);
    double[] rt = Vec3.mul(r, a.translation());
    double[] t = {b.translation()[0] - rt[0], b.translation()[1] - rt[1], b.translation()[2] - rt[2]};
    double[][] tx = {{0, -t[2], t[1]}, {t[2], 0, -t[0]}, {-t[1], t[0], 0}};
    return Vec3.mul(tx, r);
  }

  /** Mean of the two point-to-epipolar-line distances, each in its camera's px (normalised distance × focal length). */
  static double symmetricDistance(double[][] e, double[] a, double[] b, CameraModel ca, CameraModel cb) {
    double[] lb = Vec3.mul(e, a);
    double[] la = {e[0][0] * b[0] + e[1][0] * b[1] + e[2][0], e[0][1] * b[0] + e[1][1] * b[1] + e[2][1], e[0][2] * b[0] + e[1][2] * b[1] + e[2][2]};
    double db = Math.abs(lb[0] * b[0] + lb[1] * b[1] + lb[2]) / Math.hypot(lb[0], lb[1]) * cb.fx();
    double da = Math.abs(la[0] * a[0] + la[1] * a[1] + la[2]) / Math.hypot(la[0], la[1]) * ca.fx();
    return (da + db) / 2;
  }

  /** The view's table with its animals renamed per window of 3D frames (its frames that no 3D frame uses are left out). */
  private static PoseTable relabel(Poses3d.View v, int[][] pairing, int window, int frames, List<String> inds, List<String> parts,
      KeypointLayout layout) {
    PoseTable t = v.poses();
    PoseTable out = new PoseTable(t.scorer(), layout, t.frameCount());
    for (int f = 0; f < frames; f++) {
      int vf = v.frame(f);
      if (vf < 0) {
        continue;
      }
      int[] p = pairing[Math.min(pairing.length - 1, f / window)];
      for (int i = 0; i < inds.size(); i++) {
        for (String bp : parts) {
          KeypointId from = new KeypointId(inds.get(p[i]), bp);
          double x = t.x(vf, from);
          if (!Double.isNaN(x)) {
            out.set(vf, new KeypointId(inds.get(i), bp), x, t.y(vf, from), t.likelihood(vf, from));
          }
        }
      }
      for (KeypointId k : layout.keypoints()) {
        if (!inds.contains(k.individual()) && !Double.isNaN(t.x(vf, k))) {
          out.set(vf, k, t.x(vf, k), t.y(vf, k), t.likelihood(vf, k));
        }
      }
    }
    return out;
  }
}

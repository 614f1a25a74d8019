package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.synth.Mouse3d;

/**
 * Two synthetic mice seen by three cameras whose trackers named them differently: camera 2 calls every
 * animal by the other's name, camera 3 swapped them for frames 90 to 179 only. Matching by epipolar
 * consistency names them as camera 1 does in every window, and the triangulated animals then lie where the
 * true ones are; without it they do not.
 */
class CrossViewIdentitiesTest {
  private static final int FRAMES = 300;

  @Test
  void namesAnimalsAlikeInEveryView() throws Exception {
    List<CameraModel> cams = Rig.arc(3, Math.toRadians(70), 600, 450, 640, 480, 864);
    List<String> parts = Mouse3d.BODYPARTS;
    List<String> inds = List.of("mouse1", "mouse2");
    KeypointLayout layout = KeypointLayout.multiAnimal(inds, parts, List.of());
    double[][][][] truth = new double[2][FRAMES][][];
    for (int a = 0; a < 2; a++) {
      Mouse3d m = new Mouse3d(40 + a, 400, 30);
      for (int f = 0; f < FRAMES; f++) {
        truth[a][f] = m.pose().keypoints();
        m.step();
      }
    }
    Random r = new Random(8);
    List<Poses3d.View> views = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      Projection p = new Projection(cams.get(c));
      PoseTable t = new PoseTable("DLC_test", layout, FRAMES);
      for (int f = 0; f < FRAMES; f++) {
        boolean swapped = c == 1 || c == 2 && f >= 90 && f < 180;
        for (int a = 0; a < 2; a++) {
          String name = inds.get(swapped ? 1 - a : a);
          for (int k = 0; k < parts.size(); k++) {
            double[] uv = p.project(truth[a][f][k]);
            t.set(f, new KeypointId(name, parts.get(k)), uv[0] + r.nextGaussian(), uv[1] + r.nextGaussian(), 0.9);
          }
        }
      }
      views.add(new Poses3d.View(cams.get(c), t, Path.of("cam" + (c + 1) + ".csv"), 0));
    }
    CrossViewIdentities.Result m = CrossViewIdentities.match(views, 0.6, 30);
    for (int w = 0; w < 10; w++) {
      assertArrayEquals(new int[] {1, 0}, m.pairings()[1][w], "camera 2, window " + w);
      assertArrayEquals(w >= 3 && w < 6 ? new int[] {1, 0} : new int[] {0, 1}, m.pairings()[2][w], "camera 3, window " + w);
    }
    assertEquals(10, m.relabelled(1));
    assertEquals(3, m.relabelled(2));
    // matched, every point is seen by the three cameras and lies near the truth; unmatched, RANSAC keeps the two views
    // that agree, which in frames 90-179 (cameras 2 and 3 both swapped) put each animal where the other is
    Poses3d.Table good = Poses3d.triangulate(m.views(), 0.6, 15);
    Poses3d.Table bad = Poses3d.triangulate(views, 0.6, 15);
    assertTrue(quantile(good, truth, 0.95) < 3, "matched: 95th percentile " + quantile(good, truth, 0.95) + " mm");
    assertTrue(meanViews(good) > 2.99 && meanViews(bad) < 2.1, "views per point " + meanViews(good) + " matched, " + meanViews(bad) + " not");
    assertTrue(quantile(bad, truth, 0.8) > 30, "unmatched: 80th percentile " + quantile(bad, truth, 0.8) + " mm");
  }

  private static double meanViews(Poses3d.Table t) {
    return java.util.Arrays.stream(t.cameras()).flatMapToInt(java.util.Arrays::stream).average().orElseThrow();
  }

  /** A quantile of the distances of each animal's triangulated keypoints from its truth (points not triangulated count as far). */
  private static double quantile(Poses3d.Table t, double[][][][] truth, double at) {
    int nk = Mouse3d.BODYPARTS.size();
    double[] e = new double[FRAMES * 2 * nk];
    int n = 0;
    for (int f = 0; f < FRAMES; f++) {
      for (int a = 0; a < 2; a++) {
        for (int k = 0; k < nk; k++) {
          double[] p = t.xyz()[f][a * nk + k];
          double[] q = truth[a][f][k];
          e[n++] = Double.isNaN(p[0]) ? 1e9 : Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
        }
      }
    }
    java.util.Arrays.sort(e);
    return e[(int) (at * (e.length - 1))];
  }
}

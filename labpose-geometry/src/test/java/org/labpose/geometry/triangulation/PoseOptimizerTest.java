package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.synth.Mouse3d;

/**
 * The optimisation on the synthetic mouse seen by three cameras, its true 2D points with 2 px of noise:
 * against the linear triangulation it brings the 3D points closer to the truth, keeps rigid bones rigid,
 * and fills a gap where no camera saw a keypoint.
 */
class PoseOptimizerTest {
  private static final int FRAMES = 300;

  @Test
  void closerToTheTruthThanTheLinearPoints() throws Exception {
    List<CameraModel> cams = Rig.arc(3, Math.toRadians(70), 600, 450, 640, 480, 864);
    Mouse3d mouse = new Mouse3d(5, 300, 30);
    List<String> parts = Mouse3d.BODYPARTS;
    double[][][] truth = new double[FRAMES][][];
    for (int f = 0; f < FRAMES; f++) {
      truth[f] = mouse.pose().keypoints();
      mouse.step();
    }
    KeypointLayout layout = KeypointLayout.singleAnimal(parts);
    Random r = new Random(12);
    int snout = parts.indexOf("snout");
    List<Poses3d.View> views = new ArrayList<>();
    for (CameraModel c : cams) {
      Projection p = new Projection(c);
      PoseTable t = new PoseTable("DLC_test", layout, FRAMES);
      for (int f = 0; f < FRAMES; f++) {
        for (int k = 0; k < parts.size(); k++) {
          if (k == snout && f >= 100 && f < 104) {
            continue; // no camera sees the snout for 4 frames
          }
          double[] uv = p.project(truth[f][k]);
          t.set(f, KeypointId.of(parts.get(k)), uv[0] + 2 * r.nextGaussian(), uv[1] + 2 * r.nextGaussian(), 0.9);
        }
      }
      views.add(new Poses3d.View(c, t, Path.of(c.name() + ".csv"), 0));
    }
    Poses3d.Table dlt = Poses3d.triangulate(views, 0.6, 15);
    List<int[]> edges = new ArrayList<>();
    for (String[] e : new String[][] {{"snout", "neck"}, {"leftear", "rightear"}, {"neck", "leftear"}, {"neck", "rightear"}, {"neck", "back"},
        {"back", "tailbase"}, {"tailbase", "neck"}}) {
      edges.add(new int[] {parts.indexOf(e[0]), parts.indexOf(e[1])});
    }
    Poses3d.Table opt = PoseOptimizer.optimise(dlt, views, 0.6, 15, edges, PoseOptimizer.DEFAULTS);
    double dltMedian = medianError(dlt, truth);
    double optMedian = medianError(opt, truth);
    assertTrue(optMedian < 0.8 * dltMedian, "median 3D error " + optMedian + " mm against the linear " + dltMedian);
    // the snout-neck bone (30 mm): its spread over frames shrinks
    double dltSpread = spread(dlt, snout, parts.indexOf("neck"));
    double optSpread = spread(opt, snout, parts.indexOf("neck"));
    assertTrue(optSpread < 0.5 * dltSpread, "snout-neck length sd " + optSpread + " mm against the linear " + dltSpread);
    // the gap: the linear triangulation has nothing, the optimisation a point near the truth, with no views
    assertTrue(Double.isNaN(dlt.xyz()[102][snout][0]));
    assertEquals(0, opt.cameras()[102][snout]);
    double gap = dist(opt.xyz()[102][snout], truth[102][snout]);
    assertTrue(gap < 4, "snout in the gap " + gap + " mm from the truth");
  }

  private static double medianError(Poses3d.Table t, double[][][] truth) {
    List<Double> e = new ArrayList<>();
    for (int f = 0; f < t.frames(); f++) {
      for (int k = 0; k < truth[f].length; k++) {
        if (Double.isFinite(t.xyz()[f][k][0])) {
          e.add(dist(t.xyz()[f][k], truth[f][k]));
        }
      }
    }
    double[] a = e.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a[a.length / 2];
  }

  private static double spread(Poses3d.Table t, int a, int b) {
    double[] len = new double[t.frames()];
    int n = 0;
    for (int f = 0; f < t.frames(); f++) {
      if (Double.isFinite(t.xyz()[f][a][0]) && Double.isFinite(t.xyz()[f][b][0])) {
        len[n++] = dist(t.xyz()[f][a], t.xyz()[f][b]);
      }
    }
    double mean = Arrays.stream(len, 0, n).average().orElseThrow();
    return Math.sqrt(Arrays.stream(len, 0, n).map(x -> (x - mean) * (x - mean)).sum() / n);
  }

  private static double dist(double[] a, double[] b) {
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }
}

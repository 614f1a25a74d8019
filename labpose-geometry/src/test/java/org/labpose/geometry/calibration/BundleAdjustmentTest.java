package org.labpose.geometry.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.geometry.Vec3;
import org.labpose.geometry.synth.BoardImages;
import org.labpose.geometry.triangulation.Projection;
import org.labpose.geometry.triangulation.Rig;

/** Bundle adjustment on corners projected exactly from a known rig (no images, no detector). */
class BundleAdjustmentTest {
  private static final Checkerboard BOARD = new Checkerboard(9, 6, 25);

  /** Cameras in the first camera's frame (the world the adjustment works in). */
  private static List<CameraModel> inFirstFrame(List<CameraModel> rig) {
    double[][] w0 = {rig.get(0).rotation(), rig.get(0).translation()};
    double[][] toWorld = Calibration.invert(w0);
    List<CameraModel> out = new ArrayList<>();
    for (CameraModel c : rig) {
      double[][] p = Calibration.compose(new double[][] {c.rotation(), c.translation()}, toWorld);
      out.add(c.withPose(p[0], p[1]));
    }
    return out;
  }

  private record Scene(List<CameraModel> cameras, double[][][] boards, Board.Found[][] corners) {}

  /** Every camera sees every board pose; corners with Gaussian noise of {@code sigma} px. */
  private static Scene scene(double sigma, long seed) {
    List<CameraModel> rig = Rig.arc(3, Math.toRadians(100), 700, 250, 960, 720, 1200);
    List<CameraModel> cams = inFirstFrame(rig);
    double[][] toFirst = {rig.get(0).rotation(), rig.get(0).translation()};
    List<BoardImages.Pose> poses = BoardImages.poses(BOARD, 12, 60, 0, 0.5, new double[] {0, -0.8, 0.6}, seed);
    double[][][] boards = new double[poses.size()][][];
    Board.Found[][] corners = new Board.Found[cams.size()][poses.size()];
    Random r = new Random(seed);
    double[][] obj = BOARD.objectPoints();
    for (int f = 0; f < poses.size(); f++) {
      boards[f] = Calibration.compose(toFirst, new double[][] {poses.get(f).rotation(), poses.get(f).translation()});
      double[][] rb = Projection.rotation(boards[f][0]);
      for (int c = 0; c < cams.size(); c++) {
        Projection p = new Projection(cams.get(c));
        double[][] xy = new double[obj.length][];
        int[] ids = new int[obj.length];
        for (int i = 0; i < obj.length; i++) {
          ids[i] = i;
          double[] w = Vec3.mul(rb, obj[i]);
          double[] uv = p.project(new double[] {w[0] + boards[f][1][0], w[1] + boards[f][1][1], w[2] + boards[f][1][2]});
          xy[i] = new double[] {uv[0] + sigma * r.nextGaussian(), uv[1] + sigma * r.nextGaussian()};
        }
        corners[c][f] = new Board.Found(960, 720, xy, ids);
      }
    }
    return new Scene(cams, boards, corners);
  }

  /** The rig with every pose nudged (a few mm, a degree) and focal lengths 1 % off. */
  private static List<CameraModel> perturbed(List<CameraModel> cams, Random r) {
    return perturbed(cams, r, 0.01);
  }

  private static List<CameraModel> perturbed(List<CameraModel> cams, Random r, double focal) {
    List<CameraModel> out = new ArrayList<>();
    for (int c = 0; c < cams.size(); c++) {
      CameraModel m = cams.get(c);
      double[][] k = {m.matrix()[0].clone(), m.matrix()[1].clone(), m.matrix()[2].clone()};
      k[0][0] *= 1 + focal;
      k[1][1] *= 1 - focal;
      double[] rot = m.rotation().clone();
      double[] t = m.translation().clone();
      if (c > 0) {
        for (int i = 0; i < 3; i++) {
          rot[i] += 0.02 * (r.nextDouble() - 0.5);
          t[i] += 5 * (r.nextDouble() - 0.5);
        }
      }
      out.add(new CameraModel(m.name(), m.width(), m.height(), k, m.distortion(), rot, t));
    }
    return out;
  }

  private static double[][][] nudged(double[][][] boards, Random r) {
    double[][][] out = new double[boards.length][][];
    for (int f = 0; f < boards.length; f++) {
      out[f] = new double[][] {boards[f][0].clone(), boards[f][1].clone()};
      for (int i = 0; i < 3; i++) {
        out[f][0][i] += 0.02 * (r.nextDouble() - 0.5);
        out[f][1][i] += 5 * (r.nextDouble() - 0.5);
      }
    }
    return out;
  }

  @Test
  void exactCornersGiveTheRigBack() {
    Scene s = scene(0, 3);
    Random r = new Random(5);
    BundleAdjustment.Result got = BundleAdjustment.adjust(BOARD, perturbed(s.cameras(), r), s.corners(), nudged(s.boards(), r), true, 1);
    assertTrue(got.rms() < 1e-6, "RMS " + got.rms());
    for (int c = 0; c < s.cameras().size(); c++) {
      CameraModel want = s.cameras().get(c);
      CameraModel m = got.cameras().get(c);
      assertEquals(want.fx(), m.fx(), 1e-4);
      assertEquals(want.distortion()[0], m.distortion()[0], 1e-7);
      for (int i = 0; i < 3; i++) {
        assertEquals(want.translation()[i], m.translation()[i], 1e-5, want.name());
        assertEquals(want.rotation()[i], m.rotation()[i], 1e-8, want.name());
      }
    }
  }

  /**
   * One camera's corners in one frame 30 px off (a board mis-detected, say), intrinsics known: the view stands
   * out after the first fit, is left out of the final one, and the rig comes back as without it.
   */
  @Test
  void aWrongViewIsLeftOut() {
    Scene s = scene(0.1, 8);
    Random r0 = new Random(9);
    BundleAdjustment.Result clean = BundleAdjustment.adjust(BOARD, perturbed(s.cameras(), r0, 0), s.corners(), nudged(s.boards(), r0), false, 1);
    for (double[] xy : s.corners()[2][4].corners()) {
      xy[0] += 30;
    }
    Random r = new Random(9);
    BundleAdjustment.Result got = BundleAdjustment.adjust(BOARD, perturbed(s.cameras(), r, 0), s.corners(), nudged(s.boards(), r), false, 1);
    assertTrue(!got.used()[2][4] && got.used()[1][4] && got.viewRms()[2][4] > 20, "view 4 of camera 3: " + got.viewRms()[2][4] + " px");
    double err = distance(got.cameras().get(2), s.cameras().get(2));
    assertTrue(err < 0.3, "camera 3 off by " + err + " mm");
    assertEquals(distance(clean.cameras().get(2), s.cameras().get(2)), err, 0.1);
    assertTrue(got.rms() < 0.2, "RMS " + got.rms());
  }

  /** Distance between two cameras' centres, mm. */
  private static double distance(CameraModel a, CameraModel b) {
    double[] pa = a.centre();
    double[] pb = b.centre();
    return Math.sqrt(Math.pow(pa[0] - pb[0], 2) + Math.pow(pa[1] - pb[1], 2) + Math.pow(pa[2] - pb[2], 2));
  }

}

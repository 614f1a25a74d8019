package org.labpose.geometry.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.geometry.synth.BoardImages;
import org.labpose.geometry.synth.RenderedBoards;
import org.labpose.geometry.triangulation.Projection;

/**
 * Two wide-angle cameras (about 110° across, OpenCV's fisheye lens model) 150 mm apart see a 9 × 6 board
 * of 25 mm squares in 30 poses: the fisheye calibration recovers the focal lengths, the lens and the
 * second camera's position, and still maps rays toward the image's edge where a pinhole fit does not.
 */
class FisheyeCalibrationTest {
  @TempDir Path dir;

  @Test
  void wideLensesCalibrate() throws Exception {
    List<CameraModel> truth = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      double[][] pose = Projection.lookAt(new double[] {-75 + 150 * i, -300, 120}, new double[] {0, 0, 0}, new double[] {0, 0, 1});
      double f = 225 + 5 * i;
      truth.add(new CameraModel("wide" + (i + 1), 640, 480, new double[][] {{f, 0, 321 - i}, {0, f, 239 + i}, {0, 0, 1}},
          new double[] {0.05 - 0.01 * i, -0.02, 0.004, -0.001, 0}, pose[0], pose[1], true));
    }
    Checkerboard board = new Checkerboard(9, 6, 25);
    List<BoardImages.Pose> poses = BoardImages.poses(board, 30, 170, 0, 0.5, unit(new double[] {0, -300, 120}), 21);
    Map<String, List<Path>> images = RenderedBoards.write(dir, truth, board, poses);
    List<Calibration.Camera> cams = Calibration.calibrate(board, images, Calibration.Lens.FISHEYE);
    Projection first = new Projection(truth.get(0));
    for (int i = 0; i < 2; i++) {
      CameraModel got = cams.get(i).camera();
      CameraModel want = truth.get(i);
      assertTrue(got.fisheye());
      assertEquals(want.fx(), got.fx(), 0.005 * want.fx(), got + " vs " + want);
      assertEquals(want.distortion()[0], got.distortion()[0], 0.01, "k1");
      assertTrue(cams.get(i).jointRms() < 0.3, "RMS " + cams.get(i).jointRms());
      double[] p = first.toCamera(want.centre());
      double[] q = got.centre();
      double d = Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
      assertTrue(d < 1, want.name() + " placed " + d + " mm off");
    }
    // 50° off the axis, beyond where the board went, the fisheye model lands within a px of the truth; a pinhole
    // model fitted to the same corners (almost as well: 0.19 against 0.10 px) is several times farther off there
    List<Calibration.Camera> pinhole = Calibration.calibrate(board, images, Calibration.Lens.PINHOLE);
    double[] ray = {Math.tan(Math.toRadians(50)), 0.2, 1};
    double[] want = at(truth.get(0), ray);
    double fishErr = Math.hypot(at(cams.get(0).camera(), ray)[0] - want[0], at(cams.get(0).camera(), ray)[1] - want[1]);
    double pinErr = Math.hypot(at(pinhole.get(0).camera(), ray)[0] - want[0], at(pinhole.get(0).camera(), ray)[1] - want[1]);
    assertTrue(fishErr < 1 && pinErr > 3 * fishErr, "50° off the axis: fisheye " + fishErr + " px, pinhole " + pinErr + " px from the truth");
  }

  /** Where a camera sees a direction given in its own frame, px. */
  private static double[] at(CameraModel c, double[] ray) {
    return new Projection(c.withPose(new double[3], new double[3])).project(ray);
  }

  private static double[] unit(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

}

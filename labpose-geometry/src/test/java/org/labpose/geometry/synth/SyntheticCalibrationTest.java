package org.labpose.geometry.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.geometry.calibration.Calibration;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.calibration.Checkerboard;
import org.labpose.geometry.triangulation.Projection;
import org.labpose.geometry.triangulation.Rig;

/**
 * The synthetic calibration goal: three distorted 960 × 720 virtual cameras on a 100° arc,
 * 700 mm from the centre, see a 9 × 6 board of 25 mm squares: 20 poses in the middle that all three
 * see, and 8 poses halfway to each camera, tilted toward it, that fill more of its view (as one
 * calibrates a real rig: the board shown to every camera up close, then in the shared space).
 * Calibration with bundle adjustment recovers the focal lengths within 0.5 % and the cameras'
 * positions relative to the first within 1 mm.
 */
class SyntheticCalibrationTest {
  @TempDir Path dir;

  @Test
  void recoversFocalLengthsAndPositions() throws Exception {
    List<CameraModel> truth = Rig.arc(3, Math.toRadians(100), 700, 250, 960, 720, 1200);
    Checkerboard board = new Checkerboard(9, 6, 25);
    List<BoardImages.Pose> poses = new ArrayList<>(BoardImages.poses(board, 20, 40, 0, 0.6, new double[] {0, -0.8, 0.6}, 7));
    for (int i = 0; i < truth.size(); i++) {
      double[] pos = truth.get(i).centre();
      double n = Math.sqrt(pos[0] * pos[0] + pos[1] * pos[1] + pos[2] * pos[2]);
      poses.addAll(BoardImages.poses(board, 8, new double[] {pos[0] / 2, pos[1] / 2, pos[2] / 2}, 60, 0.5,
          new double[] {pos[0] / n, pos[1] / n, pos[2] / n}, 11 + i));
    }
    Map<String, List<Path>> images = RenderedBoards.write(dir, truth, board, poses);
    List<Calibration.Camera> cams = Calibration.calibrate(board, images, false);
    Projection first = new Projection(truth.get(0));
    for (int i = 0; i < 3; i++) {
      CameraModel got = cams.get(i).camera();
      CameraModel want = truth.get(i);
      assertEquals(want.fx(), got.fx(), 0.005 * want.fx(), got + " vs " + want);
      assertEquals(want.fy(), got.fy(), 0.005 * want.fy(), got + " vs " + want);
      // the true position in the first camera's frame, against the calibrated one (0.22 and 0.54 mm here)
      double[] p = first.toCamera(want.centre());
      double[] q = got.centre();
      double d = Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
      assertTrue(d < 1, want.name() + " position off by " + d + " mm");
      assertTrue(cams.get(i).rms() < 0.3 && cams.get(i).jointRms() < 0.3, "RMS " + cams.get(i));
    }
  }
}

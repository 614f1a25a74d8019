package org.labpose.geometry.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.labpose.geometry.triangulation.Rig;

/**
 * A 7 × 5 ChArUco board (30 mm squares, 22 mm 4×4 markers) rendered for two distorted cameras, some views
 * with the board partly out of the frame: the corners of a partial view are found by their markers and used,
 * and the calibration recovers the focal lengths and the second camera's position.
 */
class CharucoCalibrationTest {
  @TempDir Path dir;

  @Test
  void partialViewsCount() throws Exception {
    List<CameraModel> truth = Rig.arc(2, Math.toRadians(40), 600, 200, 800, 600, 900);
    CharucoBoard board = new CharucoBoard(7, 5, 30, 22, "4x4_50");
    List<BoardImages.Pose> poses = new ArrayList<>(BoardImages.poses(board, 18, 60, 0, 0.5, new double[] {0, -0.95, 0.3}, 5));
    // boards pushed toward the edges of the views, where parts of them fall outside
    poses.addAll(BoardImages.poses(board, 8, new double[] {0, 0, 0}, 260, 0.4, new double[] {0, -0.95, 0.3}, 6));
    Map<String, List<Path>> images = RenderedBoards.write(dir, truth, board, poses);
    List<Calibration.Camera> cams = Calibration.calibrate(board, images, Calibration.Lens.PINHOLE);
    long partial = cams.get(0).views().stream().filter(v -> v.found() && v.corners().length < 24).count();
    assertTrue(partial >= 2, partial + " partial views of camera 1");
    Projection first = new Projection(truth.get(0));
    for (int i = 0; i < 2; i++) {
      CameraModel got = cams.get(i).camera();
      CameraModel want = truth.get(i);
      assertEquals(want.fx(), got.fx(), 0.005 * want.fx(), got + " vs " + want);
      assertTrue(cams.get(i).jointRms() < 0.3, "RMS " + cams.get(i).jointRms());
      double[] p = first.toCamera(want.centre());
      double[] q = got.centre();
      double d = Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
      assertTrue(d < 1, want.name() + " placed " + d + " mm off");
    }
  }

  @Test
  void badBoardsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CharucoBoard.parse("7x5", 30, 22, "3x3_10"));
    assertTrue(e.getMessage().contains("4x4_50"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CharucoBoard.parse("7x5", 30, 35, "4x4_50"));
    assertTrue(e.getMessage().contains("smaller than the square"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CharucoBoard.parse("7by5", 30, 22, "4x4_50"));
    assertTrue(e.getMessage().contains("COLSxROWS"), e.getMessage());
  }
}

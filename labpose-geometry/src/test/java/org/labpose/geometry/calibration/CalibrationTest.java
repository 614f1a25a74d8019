package org.labpose.geometry.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;

/**
 * The classic stereo set (14 left/right 640 × 480 pairs, 9 × 6 inner corners, 30 mm squares)
 * against Bouguet's Camera Calibration Toolbox results shipped with it, read with scipy.io.loadmat
 * (Debian's python3-scipy): left fc = (533.00371, 533.15260), cc = (341.58612, 234.25940); right
 * fc = (536.98262, 536.56938), cc = (326.47209, 249.33257); both without k3 (Bouguet's
 * est_dist = [1 1 1 1 0]). Bounds of the issue: focal lengths within 1 %, principal points within
 * 2 px, RMS reprojection error under 0.5 px.
 */
class CalibrationTest {
  private static Map<String, List<Path>> stereoSet() {
    Path dir = SharedData.require("stereo-chessboard");
    Map<String, List<Path>> images = new LinkedHashMap<>();
    for (String side : List.of("left", "right")) {
      List<Path> files = new ArrayList<>();
      for (int i = 1; i <= 14; i++) {
        files.add(dir.resolve(String.format("%s%02d.jpg", side, i)));
      }
      images.put(side, files);
    }
    return images;
  }

  @Test
  void stereoSetMatchesBouguet() throws Exception {
    List<Calibration.Camera> cams = Calibration.calibrate(new Checkerboard(9, 6, 30), stereoSet(), false);
    double[][] fc = {{533.00371, 533.15259591}, {536.98261695, 536.56937577}};
    double[][] cc = {{341.58612161, 234.25940057}, {326.47209039, 249.33256938}};
    for (int i = 0; i < 2; i++) {
      CameraModel m = cams.get(i).camera();
      assertEquals(fc[i][0], m.fx(), 0.01 * fc[i][0], m.toString());
      assertEquals(fc[i][1], m.fy(), 0.01 * fc[i][1], m.toString());
      assertEquals(cc[i][0], m.cx(), 2, m.toString());
      assertEquals(cc[i][1], m.cy(), 2, m.toString());
      assertTrue(cams.get(i).rms() < 0.5, "RMS " + cams.get(i).rms());
      assertEquals(0.0, m.distortion()[4], "k3 not estimated");
    }
    // every found image carries its corners and their reprojection by the final fit, which agree to the image's RMS
    for (Calibration.Camera c : cams) {
      for (Calibration.View v : c.views()) {
        double sum = 0;
        for (int i = 0; i < v.corners().length; i++) {
          sum += Math.pow(v.corners()[i][0] - v.reprojected()[i][0], 2) + Math.pow(v.corners()[i][1] - v.reprojected()[i][1], 2);
        }
        assertEquals(v.rms(), Math.sqrt(sum / v.corners().length), 1e-3, v.image().toString());
      }
      // the set's boards stay in the middle of the view: 60-70 % of an 8 x 6 grid
      assertTrue(c.coverage() > 0.5 && c.coverage() < 0.9, "coverage " + c.coverage());
    }
    // with Bouguet's 11 x 11 corner window every image fits (an 23 x 23 window left left02 and right02 at 1.2 px)
    assertTrue(cams.stream().allMatch(c -> c.views().stream().allMatch(Calibration.View::used)));
    Calibration.Camera right = cams.get(1);
    assertEquals(14, right.sharedViews(), "pairs where both see the board");
    assertTrue(right.jointRms() < 0.5, "joint RMS " + right.jointRms());
    // the right camera sits about one baseline to the side of the left one (x), in mm
    double[] t = right.camera().translation();
    double baseline = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
    assertTrue(Math.abs(t[0]) > 0.9 * baseline, "translation " + java.util.Arrays.toString(t));
  }

  /** An image whose right half is shifted 4 px (a bent board) fits badly: it is left out, and the fit stays Bouguet's. */
  @Test
  void anImageThatFitsBadlyIsLeftOut(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    List<Path> left = new ArrayList<>(stereoSet().get("left"));
    java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(left.get(4).toFile());
    java.awt.image.BufferedImage flipped = new java.awt.image.BufferedImage(img.getWidth(), img.getHeight(), java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int from = x >= img.getWidth() / 2 ? Math.max(img.getWidth() / 2, x - 4) : x;
        flipped.setRGB(x, y, img.getRGB(from, y));
      }
    }
    Path bent = dir.resolve("left05-bent.png");
    javax.imageio.ImageIO.write(flipped, "png", bent.toFile());
    left.set(4, bent);
    Calibration.Camera c = Calibration.calibrate(new Checkerboard(9, 6, 30), Map.of("left", left), false).get(0);
    Calibration.View bad = c.views().get(4);
    assertTrue(bad.found() && !bad.used() && bad.rms() > 1, bad.toString());
    assertEquals(13, c.views().stream().filter(Calibration.View::used).count());
    assertEquals(533.00371, c.camera().fx(), 0.01 * 533.00371);
  }

  @Test
  void tooFewBoardViewsAreNamed() throws Exception {
    Map<String, List<Path>> images = stereoSet();
    images.put("left", images.get("left").subList(0, 2));
    InputFormatException e = assertThrows(InputFormatException.class, () -> Calibration.calibrate(new Checkerboard(9, 6, 30), images, false));
    assertTrue(e.getMessage().contains("camera left") && e.getMessage().contains("at least 3"), e.getMessage());
    InputFormatException wrongBoard = assertThrows(InputFormatException.class,
        () -> Calibration.calibrate(new Checkerboard(7, 7, 30), stereoSet(), false));
    assertTrue(wrongBoard.getMessage().contains("7x7 board was found in 0 of 14"), wrongBoard.getMessage());
  }
}

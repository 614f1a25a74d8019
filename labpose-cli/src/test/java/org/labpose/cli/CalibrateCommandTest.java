package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.geometry.io.AniposeCalibration;

class CalibrateCommandTest {
  @TempDir Path dir;

  @Test
  void stereoSetToAniposeFile() throws Exception {
    Path set = SharedData.require("stereo-chessboard");
    Path out = dir.resolve("calibration.toml");
    Cli r = Cli.run("calibrate", "--board", "9x6", "--square", "30", "left=" + set.resolve("left*.jpg"), "right=" + set.resolve("right*.jpg"),
        "--out", out.toString(), "--report", dir.resolve("report").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("report: 30 pictures"), r.out());
    assertTrue(Files.size(dir.resolve("report/left/left01.png")) > 10_000 && Files.size(dir.resolve("report/right_coverage.png")) > 1_000);
    assertTrue(r.out().contains("the board reached "), r.out());
    assertTrue(r.out().contains("left: board in 14 of 14 images") && r.out().contains("rig fit (bundle adjustment; 14 frames shared with other cameras)"), r.out());
    AniposeCalibration.Calibration c = AniposeCalibration.read(out);
    assertEquals(2, c.cameras().size());
    assertEquals("right", c.cameras().get(1).name());
    assertTrue(c.error() < 0.5, "worst RMS " + c.error());
    Cli twoLenses = Cli.run("calibrate", "--board", "9x6", "--square", "30", "--k3", "--fisheye", "left=" + set, "--out", dir.resolve("x.toml").toString());
    assertEquals(LabPose.BAD_INPUT, twoLenses.code());
    assertTrue(twoLenses.err().contains("choose one lens model"), twoLenses.err());
    Cli bad = Cli.run("calibrate", "--board", "9by6", "--square", "30", "left=" + set, "--out", dir.resolve("x.toml").toString());
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("COLSxROWS"), bad.err());
    Cli none = Cli.run("calibrate", "--board", "9x6", "--square", "30", "left=" + dir.resolve("nothing*.png"), "--out", dir.resolve("x.toml").toString());
    assertEquals(LabPose.BAD_INPUT, none.code());
    assertTrue(none.err().contains("no images"), none.err());
    assertTrue(!Files.exists(dir.resolve("x.toml")));
  }

  /** The stereo pairs as two 14-frame videos: frames taken at the same indices, the same calibration within the bounds. */
  @Test
  void videosGiveFrames() throws Exception {
    Path set = SharedData.require("stereo-chessboard");
    for (String side : java.util.List.of("left", "right")) {
      try (org.labpose.video.io.VideoWriter w = new org.labpose.video.io.VideoWriter(dir.resolve(side + ".mp4"), 640, 480, 14, 8_000_000)) {
        for (int i = 1; i <= 14; i++) {
          w.write(org.labpose.video.io.Images.read(set.resolve(String.format("%s%02d.jpg", side, i))));
        }
      }
    }
    Path out = dir.resolve("video.toml");
    Cli r = Cli.run("calibrate", "--board", "9x6", "--square", "30", "left=" + dir.resolve("left.mp4"), "right=" + dir.resolve("right.mp4"),
        "--frames", "14", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("left: board in 14 of 14 images"), r.out());
    var left = AniposeCalibration.read(out).cameras().get(0);
    assertEquals(533.0, left.fx(), 0.01 * 533.0, left.toString());
    assertEquals(341.6, left.cx(), 2, left.toString());
  }

  /** A ChArUco board: rendered views of two virtual cameras in two folders, calibrated by --charuco; one board option only. */
  @Test
  void charucoBoard() throws Exception {
    var truth = org.labpose.geometry.triangulation.Rig.arc(2, Math.toRadians(40), 600, 200, 800, 600, 900);
    var board = new org.labpose.geometry.calibration.CharucoBoard(7, 5, 30, 22, "4x4_50");
    var poses = org.labpose.geometry.synth.BoardImages.poses(board, 12, 60, 0, 0.5, new double[] {0, -0.95, 0.3}, 5);
    List<String> args = new java.util.ArrayList<>(List.of("calibrate", "--charuco", "7x5", "--square", "30", "--marker", "22",
        "--out", dir.resolve("charuco.toml").toString()));
    for (var c : truth) {
      Path folder = Files.createDirectories(dir.resolve(c.name()));
      double[] rays = org.labpose.geometry.synth.BoardImages.rays(c);
      for (int i = 0; i < poses.size(); i++) {
        byte[] grey = org.labpose.geometry.synth.BoardImages.render(c, rays, board, poses.get(i));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(c.width(), c.height(), java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, c.width(), c.height(), grey);
        javax.imageio.ImageIO.write(img, "png", folder.resolve(String.format("view%02d.png", i)).toFile());
      }
      args.add(c.name() + "=" + folder);
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cam1: board in 12 of 12 images"), r.out());
    AniposeCalibration.Calibration c = AniposeCalibration.read(dir.resolve("charuco.toml"));
    assertEquals(900, c.cameras().get(0).fx(), 4.5);
    Cli both = Cli.run("calibrate", "--board", "9x6", "--charuco", "7x5", "--square", "30", "--marker", "22", "cam1=" + dir.resolve("cam1"));
    assertEquals(LabPose.BAD_INPUT, both.code());
    assertTrue(both.err().contains("--board COLSxROWS") && both.err().contains("--charuco COLSxROWS"), both.err());
  }
}

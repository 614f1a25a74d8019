package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.triangulation.Poses3d;
import org.labpose.geometry.triangulation.Projection;
import org.labpose.geometry.triangulation.Rig;

class TriangulateCommandTest {
  @TempDir Path dir;

  @Test
  void threeCamerasToA3dTable() throws Exception {
    List<CameraModel> cams = Rig.ring(3, 600, 350, 1280, 1024, 1500);
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams, false, 0.2), dir.resolve("calibration.toml"));
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("snout", "tailbase"));
    List<String> args = new ArrayList<>(List.of("triangulate", "--calibration", dir.resolve("calibration.toml").toString(),
        "--out", dir.resolve("m_3D.csv").toString(), "--labeled-video", "--skeleton", "snout-tailbase", "--fps", "10"));
    for (CameraModel c : cams) {
      PoseTable t = new PoseTable("DLC_x", layout, 20);
      Projection p = new Projection(c);
      for (int f = 0; f < 20; f++) {
        double[] s = p.project(new double[] {f, 10, 20});
        double[] b = p.project(new double[] {f - 50, 0, 15});
        t.set(f, KeypointId.of("snout"), s[0], s[1], 0.9);
        t.set(f, KeypointId.of("tailbase"), b[0], b[1], 0.9);
      }
      Path csv = dir.resolve(c.name() + "DLC_x.csv");
      DlcPredictionCsv.write(t, csv);
      args.add(c.name() + "=" + csv);
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("40 of 40 points triangulated"), r.out());
    Poses3d.Table t = Poses3d.read(dir.resolve("m_3D.csv"));
    assertEquals(7.0, t.xyz()[7][0][0], 1e-6);
    assertEquals(-43.0, t.xyz()[7][1][0], 1e-6);
    assertTrue(Files.exists(dir.resolve("m_3D_cam2_reprojected.csv")));
    var info = org.labpose.video.io.VideoProbe.probe(dir.resolve("m_3D_labeled.mp4"));
    assertEquals(20, info.frameCount());
    assertEquals(480, info.height());
    assertEquals(3 * 600 + 480, info.width(), "three 1280 x 1024 views at 480 px high beside the square 3D panel");
    // measures of the 3D table: the snout moves 1 mm per frame, at 10 fps 10 mm/s
    Cli m = Cli.run("measures-3d", dir.resolve("m_3D.csv").toString(), "--fps", "10", "--floor", "snout,tailbase");
    assertEquals(0, m.code(), m.err());
    List<String> rows = Files.readAllLines(dir.resolve("m_3D_measures.csv"));
    assertEquals(3, rows.size(), rows.toString());
    String[] snout = rows.get(1).split(",");
    assertEquals("snout", snout[1]);
    assertEquals(19.0, Double.parseDouble(snout[3]), 1e-6);
    assertEquals(10.0, Double.parseDouble(snout[4]), 1e-6);
    Cli noPaws = Cli.run("measures-3d", dir.resolve("m_3D.csv").toString(), "--fps", "10", "--floor", "paw");
    assertEquals(LabPose.BAD_INPUT, noPaws.code());
    assertTrue(noPaws.err().contains("--floor paw: not a bodypart"), noPaws.err());
    Cli bad = Cli.run("triangulate", "--calibration", dir.resolve("calibration.toml").toString(), "--out", dir.resolve("x.csv").toString(),
        "camX=" + dir.resolve("cam1DLC_x.csv"), "cam2=" + dir.resolve("cam2DLC_x.csv"));
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("camera 'camX' is not in") && bad.err().contains("cam1"), bad.err());
  }

  /** A 3D project: two recordings of three cameras each, their predictions beside the videos, triangulated by name. */
  @Test
  void aThreeDProjectTriangulatesEachRecording() throws Exception {
    List<CameraModel> cams = Rig.ring(3, 600, 350, 1280, 1024, 1500);
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams, false, 0.2), dir.resolve("calibration.toml"));
    Cli c = Cli.run("create-3d-project", dir.resolve("p3").toString(), "--calibration", dir.resolve("calibration.toml").toString(),
        "--skeleton", "snout-tailbase");
    assertEquals(0, c.code(), c.err());
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("snout", "tailbase"));
    List<String> args = new ArrayList<>(List.of("triangulate", "--config3d", dir.resolve("p3/config3d.yaml").toString()));
    Files.createDirectories(dir.resolve("videos"));
    for (String rec : List.of("mouse1", "mouse2")) {
      for (CameraModel cam : cams) {
        Path video = dir.resolve("videos/" + rec + "_" + cam.name() + ".mp4");
        Files.writeString(video, "");
        PoseTable t = new PoseTable("DLC_x", layout, 10);
        Projection p = new Projection(cam);
        for (int f = 0; f < 10; f++) {
          double[] s = p.project(new double[] {f + (rec.equals("mouse2") ? 100 : 0), 10, 20});
          double[] b = p.project(new double[] {f - 50, 0, 15});
          t.set(f, KeypointId.of("snout"), s[0], s[1], 0.9);
          t.set(f, KeypointId.of("tailbase"), b[0], b[1], 0.9);
        }
        DlcPredictionCsv.write(t, dir.resolve("videos/" + rec + "_" + cam.name() + "DLC_x.csv"));
        args.add(video.toString());
      }
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("recording mouse1:") && r.out().contains("recording mouse2:"), r.out());
    assertEquals(105.0, Poses3d.read(dir.resolve("videos/mouse2_3D.csv")).xyz()[5][0][0], 1e-6);
    Cli both = Cli.run("triangulate", "--config3d", dir.resolve("p3/config3d.yaml").toString(), "--out", "x.csv", args.get(3));
    assertEquals(LabPose.BAD_INPUT, both.code());
    assertTrue(both.err().contains("give neither"), both.err());
  }

  /** Two animals whose names camera 2 swapped: matched to camera 1's by the epipolar geometry, then triangulated. */
  @Test
  void severalAnimalsAreMatchedAcrossViews() throws Exception {
    List<CameraModel> cams = Rig.arc(3, Math.toRadians(70), 600, 450, 640, 480, 864);
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams, false, 0.2), dir.resolve("calibration.toml"));
    List<String> parts = org.labpose.geometry.synth.Mouse3d.BODYPARTS;
    KeypointLayout layout = KeypointLayout.multiAnimal(List.of("mouse1", "mouse2"), parts, List.of());
    org.labpose.geometry.synth.Mouse3d[] mice = {new org.labpose.geometry.synth.Mouse3d(40, 400, 30), new org.labpose.geometry.synth.Mouse3d(41, 400, 30)};
    double[][][][] truth = new double[2][60][][];
    for (int f = 0; f < 60; f++) {
      for (int a = 0; a < 2; a++) {
        truth[a][f] = mice[a].pose().keypoints();
        mice[a].step();
      }
    }
    List<String> args = new ArrayList<>(List.of("triangulate", "--calibration", dir.resolve("calibration.toml").toString(),
        "--out", dir.resolve("pair_3D.csv").toString()));
    for (int c = 0; c < 3; c++) {
      PoseTable t = new PoseTable("DLC_x", layout, 60);
      Projection p = new Projection(cams.get(c));
      for (int f = 0; f < 60; f++) {
        for (int a = 0; a < 2; a++) {
          String name = c == 1 ? "mouse" + (2 - a) : "mouse" + (a + 1);
          for (int k = 0; k < parts.size(); k++) {
            double[] uv = p.project(truth[a][f][k]);
            t.set(f, new KeypointId(name, parts.get(k)), uv[0], uv[1], 0.9);
          }
        }
      }
      Path csv = dir.resolve(cams.get(c).name() + "_pairDLC_x.csv");
      DlcPredictionCsv.write(t, csv);
      args.add(cams.get(c).name() + "=" + csv);
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cam2: animals renamed to cam1's in 2 of 2 windows of 30 frames")
        && r.out().contains("cam3: animals renamed to cam1's in 0 of 2 windows"), r.out());
    Poses3d.Table t = Poses3d.read(dir.resolve("pair_3D.csv"));
    int snout2 = layout.keypoints().indexOf(new KeypointId("mouse2", "snout"));
    double[] got = t.xyz()[45][snout2];
    double[] want = truth[1][45][0];
    assertEquals(0, Math.hypot(Math.hypot(got[0] - want[0], got[1] - want[1]), got[2] - want[2]), 1e-3, "mouse2's snout in frame 45");
    assertEquals(3, t.cameras()[45][snout2]);
  }

  /** Camera 2 dropped frame 5: aligned by timestamps, frame 5 is triangulated from the two other views and the drop is counted. */
  @Test
  void timestampsAlignADroppedFrame() throws Exception {
    List<CameraModel> cams = Rig.ring(3, 600, 350, 1280, 1024, 1500);
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams, false, 0.2), dir.resolve("calibration.toml"));
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("snout"));
    List<String> args = new ArrayList<>(List.of("triangulate", "--calibration", dir.resolve("calibration.toml").toString(),
        "--out", dir.resolve("t_3D.csv").toString()));
    for (CameraModel c : cams) {
      boolean drops = c.name().equals("cam2");
      PoseTable t = new PoseTable("DLC_x", layout, drops ? 19 : 20);
      StringBuilder times = new StringBuilder("time_s\n");
      Projection p = new Projection(c);
      int row = 0;
      for (int f = 0; f < 20; f++) {
        if (drops && f == 5) {
          continue;
        }
        double[] s = p.project(new double[] {3 * f, 10, 20});
        t.set(row++, KeypointId.of("snout"), s[0], s[1], 0.9);
        times.append(f / 30.0 + (drops ? 0.002 : 0)).append('\n');
      }
      Path csv = dir.resolve(c.name() + "_tDLC_x.csv");
      DlcPredictionCsv.write(t, csv);
      Files.writeString(dir.resolve(c.name() + "_times.csv"), times.toString());
      args.add(c.name() + "=" + csv);
      args.add("--timestamps");
      args.add(c.name() + "=" + dir.resolve(c.name() + "_times.csv"));
    }
    Cli r = Cli.run(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cam2: 1 of cam1's 20 frames have no cam2 frame") && r.out().contains("cam3: 0 of cam1's 20 frames"), r.out());
    Poses3d.Table t = Poses3d.read(dir.resolve("t_3D.csv"));
    assertEquals(20, t.frames());
    assertEquals(2, t.cameras()[5][0]);
    assertEquals(3, t.cameras()[6][0]);
    assertEquals(18.0, t.xyz()[6][0][0], 1e-6);
    args.add("--offset");
    args.add("cam2=1");
    Cli both = Cli.run(args.toArray(new String[0]));
    assertEquals(LabPose.BAD_INPUT, both.code());
    assertTrue(both.err().contains("give one or the other"), both.err());
  }
}

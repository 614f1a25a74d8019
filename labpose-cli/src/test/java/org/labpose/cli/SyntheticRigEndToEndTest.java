package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.synth.Mouse3d;
import org.labpose.geometry.triangulation.Poses3d;
import org.labpose.geometry.triangulation.Projection;

/**
 * The 3D chain on a synthetic three-camera recording: {@code synth --cameras 3} renders the mouse and the
 * board videos; {@code calibrate} recovers the cameras from the board videos (positions within 1 mm of the
 * truth); {@code triangulate} turns the true 2D points, seen through that calibration, into a 3D table
 * within a millimetre of the true 3D points, and a 3D labeled video; {@code measures-3d} finds the floor.
 */
class SyntheticRigEndToEndTest {
  @TempDir Path dir;

  @Test
  void synthCalibrateTriangulate() throws Exception {
    Path rec = dir.resolve("rec");
    Cli s = Cli.run("synth", "--cameras", "3", "--frames", "60", "--size", "640x480", "--seed", "2", rec.toString());
    assertEquals(0, s.code(), s.err());
    for (String f : List.of("synth_cam1.mp4", "synth_cam3_groundtruth.csv", "synth_3D_groundtruth.csv", "calibration_truth.toml",
        "calibration/cam2.mp4")) {
      assertTrue(Files.isRegularFile(rec.resolve(f)), f + " in " + s.out());
    }
    assertEquals(60, org.labpose.video.io.VideoProbe.probe(rec.resolve("synth_cam2.mp4")).frameCount());

    Path toml = dir.resolve("calibration.toml");
    Cli c = Cli.run("calibrate", "--board", "9x6", "--square", "25", "--out", toml.toString(), "cam1=" + rec.resolve("calibration/cam1.mp4"),
        "cam2=" + rec.resolve("calibration/cam2.mp4"), "cam3=" + rec.resolve("calibration/cam3.mp4"));
    assertEquals(0, c.code(), c.err());
    List<CameraModel> truth = AniposeCalibration.read(rec.resolve("calibration_truth.toml")).cameras();
    List<CameraModel> got = AniposeCalibration.read(toml).cameras();
    Projection first = new Projection(truth.get(0));
    for (int i = 0; i < 3; i++) {
      assertEquals(truth.get(i).fx(), got.get(i).fx(), 0.005 * truth.get(i).fx(), got.get(i).toString());
      double d = distance(first.toCamera(truth.get(i).centre()), got.get(i).centre());
      assertTrue(d < 1, truth.get(i).name() + " placed " + d + " mm off");
    }

    List<String> args = new ArrayList<>(List.of("triangulate", "--calibration", toml.toString(), "--out", dir.resolve("synth_3D.csv").toString(),
        "--labeled-video", "--skeleton", "snout-neck,neck-back,back-tailbase,tailbase-tailtip,leftear-rightear"));
    for (String cam : List.of("cam1", "cam2", "cam3")) {
      args.add(cam + "=" + rec.resolve("synth_" + cam + "_groundtruth.csv"));
      args.add("--video");
      args.add(cam + "=" + rec.resolve("synth_" + cam + ".mp4"));
    }
    Cli t = Cli.run(args.toArray(new String[0]));
    assertEquals(0, t.code(), t.err());
    Poses3d.Table table = Poses3d.read(dir.resolve("synth_3D.csv"));
    Poses3d.Table want = Poses3d.read(rec.resolve("synth_3D_groundtruth.csv"));
    int nk = Mouse3d.BODYPARTS.size();
    double[] err = new double[60 * nk];
    for (int f = 0; f < 60; f++) {
      for (int k = 0; k < nk; k++) {
        // the truth is in the arena's frame; the calibration's world is the first camera's
        err[f * nk + k] = distance(first.toCamera(want.xyz()[f][k]), table.xyz()[f][k]);
      }
    }
    Arrays.sort(err);
    assertTrue(err[err.length / 2] < 0.5 && err[err.length - 1] < 1.5, "3D error median " + err[err.length / 2] + " mm, max " + err[err.length - 1]);
    assertEquals(60, org.labpose.video.io.VideoProbe.probe(dir.resolve("synth_3D_labeled.mp4")).frameCount());

    // refined over time with constant bone lengths: exact 2D points stay as close; a bone naming no bodypart is refused, nothing written
    List<String> opt = new ArrayList<>(args);
    opt.set(opt.indexOf("--out") + 1, dir.resolve("opt_3D.csv").toString());
    opt.remove("--labeled-video");
    opt.add("--optimise");
    Cli o = Cli.run(opt.toArray(new String[0]));
    assertEquals(0, o.code(), o.err());
    Poses3d.Table refined = Poses3d.read(dir.resolve("opt_3D.csv"));
    double[] refinedErr = new double[60 * nk];
    for (int f = 0; f < 60; f++) {
      for (int k = 0; k < nk; k++) {
        refinedErr[f * nk + k] = distance(first.toCamera(want.xyz()[f][k]), refined.xyz()[f][k]);
      }
    }
    Arrays.sort(refinedErr);
    assertTrue(refinedErr[refinedErr.length / 2] < 0.5, "optimised 3D error median " + refinedErr[refinedErr.length / 2] + " mm");
    opt.set(opt.indexOf("--skeleton") + 1, "snout-nose");
    opt.set(opt.indexOf("--out") + 1, dir.resolve("bad_3D.csv").toString());
    Cli bad = Cli.run(opt.toArray(new String[0]));
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("snout-nose: no such bodyparts"), bad.err());
    assertTrue(!Files.exists(dir.resolve("bad_3D.csv")));

    // the floor from the paws: the back's median height above it is the truth's (paw centres lie 2.5 mm above the floor)
    Cli m = Cli.run("measures-3d", dir.resolve("synth_3D.csv").toString(), "--fps", "30", "--floor", "fl_paw,fr_paw,hl_paw,hr_paw");
    assertEquals(0, m.code(), m.err());
    List<String> rows = Files.readAllLines(dir.resolve("synth_3D_measures.csv"));
    String back = rows.stream().filter(r -> r.startsWith(",back,")).findFirst().orElseThrow();
    double[] z = new double[60];
    for (int f = 0; f < 60; f++) {
      z[f] = want.xyz()[f][Mouse3d.BODYPARTS.indexOf("back")][2] - 2.5;
    }
    Arrays.sort(z);
    assertTrue(rows.get(0).contains("median_height"), rows.get(0));
    int col = Arrays.asList(rows.get(0).split(",")).indexOf("median_height");
    double median = Double.parseDouble(back.split(",")[col]);
    assertEquals((z[29] + z[30]) / 2, median, 2.0, back);

    // the table in a frame on the floor: heights are z, horizontal distances are the truth's; a joint angle in 3D
    Cli aligned = Cli.run("measures-3d", dir.resolve("synth_3D.csv").toString(), "--fps", "30", "--floor", "fl_paw,fr_paw,hl_paw,hr_paw",
        "--align", "--angle", "snout,neck,tailbase");
    assertEquals(0, aligned.code(), aligned.err());
    Poses3d.Table floorTable = Poses3d.read(dir.resolve("synth_3D_floor.csv"));
    int iBack = Mouse3d.BODYPARTS.indexOf("back");
    int iTail = Mouse3d.BODYPARTS.indexOf("tailbase");
    for (int f = 0; f < 60; f += 10) {
      double[] p = floorTable.xyz()[f][iBack];
      assertEquals(want.xyz()[f][iBack][2] - 2.5, p[2], 1.5, "back's height, frame " + f);
      double[] s0 = floorTable.xyz()[f][0];
      double[] t0 = floorTable.xyz()[f][iTail];
      double[] s1 = want.xyz()[f][0];
      double[] t1 = want.xyz()[f][iTail];
      assertEquals(Math.hypot(s1[0] - t1[0], s1[1] - t1[1]), Math.hypot(s0[0] - t0[0], s0[1] - t0[1]), 1.5, "snout-tailbase across the floor");
    }
    List<String> angleRows = Files.readAllLines(dir.resolve("synth_3D_angles.csv"));
    assertEquals("frame,snout_neck_tailbase_deg", angleRows.get(0));
    assertEquals(61, angleRows.size());
    assertTrue(aligned.out().contains("angle snout_neck_tailbase_deg: median"), aligned.out());

    // the 2D assay on a top view from camera 1 with the heights: zones drawn on camera 1's image (the arena's
    // corners, 300 mm), rearing read as the snout's height
    Cli top = Cli.run("measures-3d", dir.resolve("synth_3D.csv").toString(), "--fps", "30", "--floor", "fl_paw,fr_paw,hl_paw,hr_paw",
        "--top-view", "cam1", "--calibration", toml.toString());
    assertEquals(0, top.code(), top.err());
    Path topCsv = dir.resolve("synth_3D_topview.csv");
    assertTrue(Files.isRegularFile(topCsv) && Files.isRegularFile(dir.resolve("synth_3D_topview_heights.csv")), top.out());
    StringBuilder corners = new StringBuilder();
    Projection cam1 = new Projection(truth.get(0));
    for (double[] w : new double[][] {{-150, 150, 0}, {150, 150, 0}, {150, -150, 0}, {-150, -150, 0}}) {
      double[] uv = cam1.project(w);
      corners.append(corners.length() == 0 ? "" : ", ").append("[").append(uv[0]).append(", ").append(uv[1]).append("]");
    }
    Path zones = dir.resolve("zones.yaml");
    Files.writeString(zones, "arena: {corners: [" + corners + "], width_cm: 30, height_cm: 30}\nzones:\n"
        + "  - {name: center, shape: open_field_center, margin_cm: 7.5}\n");
    org.labpose.core.project.ProjectConfig pc = org.labpose.core.project.ProjectConfig.defaults("rig", "me", "Nov30");
    pc.setBodyparts(Mouse3d.BODYPARTS);
    pc.set("skeleton", List.of());
    Path config = dir.resolve("config.yaml");
    pc.write(config);
    Cli assay = Cli.run("assay", config.toString(), topCsv.toString(), "--zones", zones.toString(), "--fps", "30", "--out",
        dir.resolve("assay").toString(), "--rearing-height", "40");
    assertEquals(0, assay.code(), assay.err());
    assertTrue(assay.out().contains("heights from synth_3D_topview_heights.csv: rearing is snout above 40.0 mm"), assay.out());
    List<String> summary = Files.readAllLines(dir.resolve("assay/assay_summary.csv"));
    List<String> header = Arrays.asList(summary.get(0).split(","));
    String[] row = summary.get(1).split(",", -1);
    assertTrue(header.contains("rearing_time_s") && !header.contains("rearing_proxy_time_s"), header.toString());
    double top3d = 0;
    for (int f = 0; f < 60; f++) {
      top3d = Math.max(top3d, want.xyz()[f][0][2] - 2.5);
    }
    assertEquals(top3d, Double.parseDouble(row[header.indexOf("snout_max_height_mm")]), 1.5, "snout's top height");

    // gait on the floor-frame top view (mm, so 10 units per cm) with the paws' heights: swing is a lifted paw
    Cli gait = Cli.run("gait", config.toString(), dir.resolve("synth_3D_floor_xy.csv").toString(), "--fps", "30", "--px-per-cm", "10",
        "--paws", "LF=fl_paw,RF=fr_paw,LH=hl_paw,RH=hr_paw", "--out", dir.resolve("gait").toString());
    assertEquals(0, gait.code(), gait.err());
    assertTrue(gait.out().contains("heights from synth_3D_floor_xy_heights.csv: a paw above 2.0 mm is in swing"), gait.out());
    List<String> g = Files.readAllLines(dir.resolve("gait/gait_summary.csv"));
    List<String> gh = Arrays.asList(g.get(0).split(","));
    String[] gr = g.get(1).split(",", -1);
    // the synthetic paws lift 6 mm at the top of a swing, trotting at 120 mm/s with 45 mm strides (2.7 Hz)
    assertEquals(6, Double.parseDouble(gr[gh.indexOf("LF_lift_mm")]), 1.5, g.toString());
    double strides = 0;
    for (String paw : List.of("LF", "RF", "LH", "RH")) {
      strides += Double.parseDouble(gr[gh.indexOf(paw + "_strides")]);
      double cadence = Double.parseDouble(gr[gh.indexOf(paw + "_cadence_hz")]);
      assertTrue(cadence > 1.5 && cadence < 3.5, paw + " cadence " + cadence + " Hz");
    }
    assertTrue(strides >= 5, strides + " strides in 2 s");
  }

  private static double distance(double[] a, double[] b) {
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }

}

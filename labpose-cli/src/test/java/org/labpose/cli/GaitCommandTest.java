package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;

class GaitCommandTest {
  @TempDir Path dir;

  @Test
  void stridesOfAWalkingMouse() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    List<String> parts = List.of("snout", "tailbase", "lh", "rh");
    c.setBodyparts(parts);
    c.set("skeleton", List.of());
    c.write(dir.resolve("config.yaml"));
    // 100 frames/s, body at 10 px/frame; each hind paw: 20 frames planted, 20 frames swinging 400 px ahead; in antiphase
    int n = 400;
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(parts), n);
    for (int f = 0; f < n; f++) {
      double body = 100 + 10 * f;
      t.set(f, KeypointId.of("snout"), body + 60, 200, 0.9);
      t.set(f, KeypointId.of("tailbase"), body - 60, 200, 0.9);
      for (int side = 0; side < 2; side++) {
        double u = f / 40.0 + side * 0.5;
        int k = (int) Math.floor(u);
        double phi = u - k;
        double g0 = 100 + 10 * ((k + 0.25 - side * 0.5) * 40) - 30;
        double x = phi < 0.5 ? g0 : g0 + 400 * (1 - Math.cos(Math.PI * (phi - 0.5) / 0.5)) / 2;
        t.set(f, KeypointId.of(side == 0 ? "lh" : "rh"), x, 200 + (side == 0 ? -25 : 25), 0.9);
      }
    }
    Path csv = dir.resolve("walkDLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    Path out = dir.resolve("gait");
    Cli r = Cli.run("gait", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "100", "--px-per-cm", "10", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    CsvTable s = CsvTable.read(out.resolve("gait_summary.csv"));
    List<String> h = s.rows().get(0).cells();
    List<String> v = s.rows().get(1).cells();
    assertEquals(0.4, Double.parseDouble(v.get(h.indexOf("LH_stride_s"))), 0.01);
    assertEquals(0.5, Double.parseDouble(v.get(h.indexOf("LH_duty_factor"))), 0.05);
    assertEquals(40, Double.parseDouble(v.get(h.indexOf("RH_stride_length_cm"))), 1);
    assertEquals(5, Double.parseDouble(v.get(h.indexOf("base_of_support_hind_cm"))), 0.2);
    CsvTable strides = CsvTable.read(out.resolve("walk_strides.csv"));
    assertTrue(strides.rows().size() > 12, "strides listed: " + strides.rows().size());

    Cli bad = Cli.run("gait", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "100", "--paws", "LH=lh,RH=rightpaw");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("'rightpaw'"), bad.err());
  }
}

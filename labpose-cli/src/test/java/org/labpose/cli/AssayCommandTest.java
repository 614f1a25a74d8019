package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;

class AssayCommandTest {
  @TempDir Path dir;
  private Path config;
  private Path zones;

  @BeforeEach
  void project() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    c.setBodyparts(List.of("snout", "leftear", "rightear", "tailbase"));
    c.set("skeleton", List.of());
    config = dir.resolve("config.yaml");
    c.write(config);
    zones = dir.resolve("zones.yaml");
    Files.writeString(zones, """
        px_per_cm: 10
        arena: {x: 20, y: 20, width: 400, height: 400}
        zones:
          - {name: center, shape: open_field_center, margin_cm: 10}
          - {name: periphery, shape: open_field_periphery, margin_cm: 10}
          - {name: corner, shape: rectangle, x: 20, y: 20, width: 60, height: 60}
        """);
  }

  /** A mouse walking around a 300 px square at {@code speed} px/frame, then standing still for 5 s. */
  private Path predictions(String name, double speed, long seed) throws Exception {
    int n = 900;
    Random r = new Random(seed);
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("snout", "leftear", "rightear", "tailbase")), n);
    double s = 0;
    for (int f = 0; f < n; f++) {
      if (f < 750) {
        s += speed;
      }
      double u = s % 1200;
      double x, y, hx, hy;
      if (u < 300) { x = 70 + u; y = 70; hx = 1; hy = 0; }
      else if (u < 600) { x = 370; y = 70 + u - 300; hx = 0; hy = 1; }
      else if (u < 900) { x = 370 - (u - 600); y = 370; hx = -1; hy = 0; }
      else { x = 70; y = 370 - (u - 900); hx = 0; hy = -1; }
      double[][] body = {{25, 0}, {10, -10}, {10, 10}, {-25, 0}};
      String[] parts = {"snout", "leftear", "rightear", "tailbase"};
      for (int p = 0; p < 4; p++) {
        t.set(f, KeypointId.of(parts[p]), x + body[p][0] * hx - body[p][1] * hy + r.nextGaussian(),
            y + body[p][0] * hy + body[p][1] * hx + r.nextGaussian(), 0.95);
      }
    }
    Path csv = dir.resolve(name + "DLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    return csv;
  }

  @Test
  void writesFeaturesSummaryGroupsAndASelfContainedReport() throws Exception {
    Path a = predictions("veh1", 3, 1);
    Path b = predictions("veh2", 3.3, 2);
    Path c = predictions("drug1", 1.5, 3);
    Path d = predictions("drug2", 1.7, 4);
    Path groups = dir.resolve("groups.csv");
    Files.writeString(groups, "video,group\nveh1.mp4,vehicle\nveh2.mp4,vehicle\ndrug1,drug\ndrug2,drug\n");
    Path out = dir.resolve("out");
    Cli r = Cli.run("assay", config.toString(), a.toString(), b.toString(), c.toString(), d.toString(),
        "--zones", zones.toString(), "--groups", groups.toString(), "--fps", "30", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    CsvTable sum = CsvTable.read(out.resolve("assay_summary.csv"));
    List<String> head = sum.rows().get(0).cells();
    for (String col : List.of("video", "group", "frames", "distance_px", "distance_cm", "time_s_center", "entries_center",
        "latency_s_center", "thigmotaxis_ratio", "freezing_bouts", "rearing_proxy_bouts")) {
      assertTrue(head.contains(col), col + " in " + head);
    }
    assertEquals(5, sum.rows().size());
    List<String> veh1 = sum.rows().get(1).cells();
    assertEquals("veh1", veh1.get(0));
    assertEquals("900", veh1.get(head.indexOf("frames")));
    // 750 frames at 3 px/frame = 2250 px = 225 cm
    assertEquals(225, Double.parseDouble(veh1.get(head.indexOf("distance_cm"))), 225 * 0.02);
    assertEquals(1, Double.parseDouble(veh1.get(head.indexOf("freezing_bouts"))), 1e-9);
    assertEquals(5, Double.parseDouble(veh1.get(head.indexOf("freezing_time_s"))), 0.5);
    assertEquals(0, Double.parseDouble(veh1.get(head.indexOf("time_s_center"))), 1e-9); // the square runs in the periphery
    assertEquals("", veh1.get(head.indexOf("latency_s_center")));

    CsvTable g = CsvTable.read(out.resolve("assay_groups.csv"));
    CsvTable.Row dist = g.rows().stream().filter(row -> row.cell(0).equals("distance_cm") && row.cell(1).equals("drug")).findFirst().orElseThrow();
    assertEquals("vehicle", dist.cell(5));
    assertTrue(Double.parseDouble(dist.cell(6)) < 0, "drug moved less");

    CsvTable f = CsvTable.read(out.resolve("veh1_features.csv"));
    assertEquals(901, f.rows().size());
    assertTrue(f.rows().get(0).cells().containsAll(List.of("frame", "time_s", "x_px", "speed_cm_s", "heading_deg", "in_center", "freezing")));

    String html = Files.readString(out.resolve("assay_report.html"));
    assertTrue(html.contains("data:image/png;base64,"));
    assertFalse(html.contains("src=\"http"), "no external resources");
    assertTrue(html.contains("veh1") && html.contains("Hedges"));
  }

  @Test
  void badInputNamesTheProblemAndWritesNothing() throws Exception {
    Path a = predictions("veh1", 3, 1);
    Path out = dir.resolve("out");
    Path groups = dir.resolve("groups.csv");
    Files.writeString(groups, "video,group\nveh1,vehicle\nghost,drug\n");
    Cli r = Cli.run("assay", config.toString(), a.toString(), "--zones", zones.toString(), "--groups", groups.toString(),
        "--fps", "30", "--out", out.toString());
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("ghost") && r.err().contains("groups.csv"), r.err());

    r = Cli.run("assay", config.toString(), a.toString(), "--zones", zones.toString(), "--fps", "30", "--bodypart", "nose",
        "--out", out.toString());
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("'nose'") && r.err().contains("veh1DLC_x.csv"), r.err());

    r = Cli.run("assay", config.toString(), a.toString(), "--zones", zones.toString(), "--out", out.toString());
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("--fps"), r.err());

    Files.writeString(zones, "zones:\n  - {name: c, shape: circle, cx: 1, cy: 1}\n");
    r = Cli.run("assay", config.toString(), a.toString(), "--zones", zones.toString(), "--fps", "30", "--out", out.toString());
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("zones.yaml: line 2") && r.err().contains("radius"), r.err());
    assertFalse(Files.exists(out), "no partial output");
  }
}

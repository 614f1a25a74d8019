package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** classifier train / predict / validate and motifs on small synthetic videos with annotated "circling" bouts. */
class BehaviorCommandsTest {
  @TempDir Path dir;
  private String config;

  @BeforeEach
  void project() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    c.setBodyparts(List.of("snout", "tailbase"));
    c.set("skeleton", List.of());
    c.write(dir.resolve("config.yaml"));
    config = dir.resolve("config.yaml").toString();
  }

  /** Writes predictions and bout annotations: 4 s walking, then 2 s of the snout circling a still body, repeated. */
  private Path[] video(String name, long seed) throws Exception {
    Random r = new Random(seed);
    int n = 1500;
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("snout", "tailbase")), n);
    StringBuilder ann = new StringBuilder("behavior,start,stop\n");
    double x = 100;
    for (int f = 0; f < n; f++) {
      boolean circling = f % 180 >= 120;
      if (f % 180 == 120) {
        ann.append("circling,").append(f).append(',').append(Math.min(n - 1, f + 59)).append('\n');
      }
      double hx = 0, hy = 0;
      if (circling) {
        hx = 10 * Math.cos(f * 0.8);
        hy = 10 * Math.sin(f * 0.8);
      } else {
        x = x > 500 ? 100 : x + 2.5;
      }
      t.set(f, KeypointId.of("snout"), x + 40 + hx + r.nextGaussian(), 200 + hy + r.nextGaussian(), 0.9);
      t.set(f, KeypointId.of("tailbase"), x + r.nextGaussian(), 200 + r.nextGaussian(), 0.9);
    }
    Path csv = dir.resolve(name + "DLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    Path a = dir.resolve(name + "_annotations.csv");
    Files.writeString(a, ann);
    return new Path[] {csv, a};
  }

  @Test
  void trainPredictValidateAndMotifs() throws Exception {
    Path[] a = video("a", 1);
    Path[] b = video("b", 2);
    Path[] c = video("c", 3);
    Path model = dir.resolve("circling.lpclf");
    Cli r = Cli.run("classifier", "train", config, "--data", a[0] + "=" + a[1], "--data", b[0] + "=" + b[1], "--model", model.toString(),
        "--fps", "30", "--trees", "30");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[circling]"), r.out());

    r = Cli.run("classifier", "predict", config, c[0].toString(), "--model", model.toString(), "--fps", "30");
    assertEquals(0, r.code(), r.err());
    CsvTable p = CsvTable.read(dir.resolve("c_behaviors.csv"));
    assertEquals(List.of("frame", "probability_circling", "circling"), p.rows().get(0).cells());
    assertEquals("1", p.rows().get(1 + 150).cell(2)); // mid-bout
    assertEquals("0", p.rows().get(1 + 60).cell(2)); // walking

    Path table = dir.resolve("validation.csv");
    r = Cli.run("classifier", "validate", config, "--data", c[0] + "=" + c[1], "--model", model.toString(), "--fps", "30", "--out", table.toString());
    assertEquals(0, r.code(), r.err());
    List<String> row = CsvTable.read(table).rows().get(1).cells();
    assertEquals("circling", row.get(0));
    assertTrue(Double.parseDouble(row.get(6)) >= 0.85, "F1 " + row);

    r = Cli.run("motifs", config, a[0].toString(), b[0].toString(), "--k", "3", "--fps", "30", "--out", dir.resolve("motifs").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1501, CsvTable.read(dir.resolve("motifs/a_motifs.csv")).rows().size());
    assertEquals(4, CsvTable.read(dir.resolve("motifs/motif_transitions.csv")).rows().size());
    assertTrue(CsvTable.read(dir.resolve("motifs/motifs_summary.csv")).rows().get(0).cells().contains("usage_2"));
    assertTrue(Files.readString(dir.resolve("motifs/motifs_report.html")).contains("data:image/png;base64,"));

    Files.writeString(dir.resolve("bad.lpclf"), "junk");
    r = Cli.run("classifier", "predict", config, c[0].toString(), "--model", dir.resolve("bad.lpclf").toString(), "--fps", "30");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("bad.lpclf") && r.err().contains("not a LabPose behaviour classifier"), r.err());
  }
}

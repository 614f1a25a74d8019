package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;

class FilterCommandTest {
  @TempDir Path dir;

  /** A project config with the one bodypart 'nose'. */
  private void writeConfig() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    c.setBodyparts(List.of("nose"));
    c.set("skeleton", List.of());
    c.write(dir.resolve("config.yaml"));
  }

  @Test
  void interpolateWritesAFilteredCsv() throws Exception {
    writeConfig();
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose")), 6);
    KeypointId k = KeypointId.of("nose");
    for (int f = 0; f < 6; f++) {
      t.set(f, k, 10 * f, 5, f == 3 ? 0.05 : 0.95);
    }
    Path csv = dir.resolve("vDLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    Cli r = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--filter", "interpolate", "--fps", "30");
    assertEquals(0, r.code(), r.err());
    PoseTable out = DlcPredictionCsv.read(dir.resolve("vDLC_x_filtered.csv"));
    assertEquals(30, out.x(3, k), 1e-9);
    // time options: a bare number is seconds (needs a frame rate), an f suffix frames
    r = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--filter", "interpolate");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("no frame rate known") && r.err().contains("--fps"), r.err());
    r = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--filter", "interpolate", "--max-gap", "0f");
    assertEquals(0, r.code(), r.err());
    assertTrue(Double.isNaN(DlcPredictionCsv.read(dir.resolve("vDLC_x_filtered.csv")).x(3, k)), "a 1-frame gap is longer than 0 frames");
    r = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--filter", "interpolate", "--max-gap", "1f");
    assertEquals(0, r.code(), r.err());
    assertEquals(30, DlcPredictionCsv.read(dir.resolve("vDLC_x_filtered.csv")).x(3, k), 1e-9);
    r = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--max-gap", "ten");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("--max-gap") && r.err().contains("15f"), r.err());
    Cli bad = Cli.run("filter", dir.resolve("config.yaml").toString(), csv.toString(), "--filter", "wavelet", "--fps", "30");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("unknown filter"), bad.err());
  }

  @Test
  void aPredictionFileShorterThanItsAnalysisIsRefused() throws Exception {
    writeConfig();
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose")), 10);
    for (int f = 0; f < 10; f++) {
      t.set(f, KeypointId.of("nose"), f, 5, 0.95);
    }
    Path csv = dir.resolve("vDLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    java.nio.file.Files.writeString(dir.resolve("vDLC_x_meta.json"), "{\"frames\": 20}");
    for (String command : List.of("filter", "plot-trajectories")) {
      Cli r = command.equals("filter") ? Cli.run(command, dir.resolve("config.yaml").toString(), csv.toString())
          : Cli.run(command, dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "30");
      assertEquals(LabPose.BAD_INPUT, r.code(), command + ": " + r.err());
      assertTrue(r.err().contains("vDLC_x.csv") && r.err().contains("holds 10 frames") && r.err().contains("records 20"), command + ": " + r.err());
    }
    assertTrue(!java.nio.file.Files.exists(dir.resolve("vDLC_x_filtered.csv")));
  }
}

package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.nwb.NwbPose;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;

class ExportNwbCommandTest {
  @TempDir Path dir;

  @Test
  void predictionsBecomeAnNwbFileWithTheConfigsSkeleton() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("openfield", "me", "Nov30");
    c.setBodyparts(List.of("nose", "tail"));
    c.set("skeleton", List.of(List.of("nose", "tail")));
    c.write(dir.resolve("config.yaml"));
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose", "tail")), 8);
    for (int f = 0; f < 8; f++) {
      t.set(f, KeypointId.of("nose"), 10 + f, 20, 0.9);
      t.set(f, KeypointId.of("tail"), 30 + f, 40, 0.8);
    }
    Path csv = dir.resolve("m1DLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    Cli r = Cli.run("export-nwb", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "25",
        "--session-start", "2026-11-30T09:00:00+01:00");
    assertEquals(0, r.code(), r.err());
    NwbPose.Result back = NwbPose.read(dir.resolve("m1DLC_x.nwb"));
    assertEquals(t, back.table());
    assertEquals(List.of(List.of("nose", "tail")), back.edges());
    assertEquals(0.04, back.timestamps()[1], 1e-12);
    assertEquals("LabPose", back.sourceSoftware());
    // with the labels: none in this project, so an empty PoseTraining
    Cli l = Cli.run("export-nwb", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "25", "--labels",
        "--session-start", "2026-11-30T09:00:00+01:00");
    assertEquals(0, l.code(), l.err());
    assertEquals(0, NwbPose.readTraining(dir.resolve("m1DLC_x.nwb"), t.layout()).size());
    // the provenance log: the command, its input and output with checksums
    List<org.labpose.core.project.History.Entry> log = org.labpose.core.project.History.read(dir);
    assertEquals(2, log.size());
    assertEquals(List.of("labpose", "export-nwb", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "25",
        "--session-start", "2026-11-30T09:00:00+01:00"), log.get(0).command());
    assertEquals("m1DLC_x.csv", log.get(0).inputs().get(0).path());
    assertEquals(org.labpose.core.io.Checksums.sha256(csv), log.get(0).inputs().get(0).sha256());
    assertEquals("m1DLC_x.nwb", log.get(0).outputs().get(0).path());
    Cli bad = Cli.run("export-nwb", dir.resolve("config.yaml").toString(), csv.toString(), "--fps", "25", "--session-start", "yesterday");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("ISO 8601"), bad.err());
    Cli noRate = Cli.run("export-nwb", dir.resolve("config.yaml").toString(), csv.toString());
    assertEquals(LabPose.BAD_INPUT, noRate.code());
    assertTrue(noRate.err().contains("--fps"), noRate.err());
  }
}

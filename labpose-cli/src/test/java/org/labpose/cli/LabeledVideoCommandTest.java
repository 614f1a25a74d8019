package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;

class LabeledVideoCommandTest {
  @TempDir Path dir;

  @Test
  void predictionsShorterThanTheVideoAreReported() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov30");
    c.setBodyparts(List.of("nose"));
    c.set("skeleton", List.of());
    c.write(dir.resolve("config.yaml"));
    Path video = dir.resolve("v.mp4");
    SyntheticVideo.generate(SynthConfig.defaults().withFrames(12).withSize(128, 96).withSeed(1), video, null, null);
    Path csv = dir.resolve("vDLC_x.csv");

    DlcPredictionCsv.write(new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose")), 0), csv);
    Cli r = Cli.run("labeled-video", dir.resolve("config.yaml").toString(), video.toString());
    assertEquals(LabPose.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("vDLC_x.csv") && r.err().contains("holds no frames"), r.err());
    assertFalse(Files.exists(dir.resolve("vDLC_x_labeled.mp4")));

    PoseTable one = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose")), 1);
    one.set(0, KeypointId.of("nose"), 20, 20, 0.9);
    DlcPredictionCsv.write(one, csv);
    r = Cli.run("labeled-video", dir.resolve("config.yaml").toString(), video.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: " + csv) && r.err().contains("holds 1 frames but v.mp4 has 12")
        && r.err().contains("frames 1 to 11 are drawn without points"), r.err());
    assertTrue(Files.exists(dir.resolve("vDLC_x_labeled.mp4")));
  }
}

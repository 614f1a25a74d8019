package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/** SLEAP labels (tracks/clip.slp: 2 flies, tracks, 13 nodes) become a multi-animal project. */
class ImportLabelsCommandTest {
  @TempDir Path dir;

  @Test
  void sleapLabelsBecomeAProject() throws Exception {
    Path slp = SharedData.require("format-fixtures/tracks/clip.slp");
    Cli r = Cli.run("import-labels", slp.toString(), "--working-directory", dir.toString(), "--task", "flies", "--frames", "0-99",
        "--max", "5", "--poses-csv", dir.resolve("clip_sleap.csv").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("5 of 100 labelled frames imported, individuals [female, male]"), r.out());
    Path labels;
    try (Stream<Path> s = Files.walk(dir)) {
      labels = s.filter(p -> p.getFileName().toString().equals("CollectedData_sleap.csv")).findFirst().orElseThrow();
    }
    LabelSet set = DlcLabelCsv.read(labels);
    assertEquals(5, set.frames().size());
    assertEquals(List.of("female", "male"), set.layout().individuals());
    assertEquals(13, set.layout().bodyparts().size());
    LabeledFrame f0 = set.frames().get(0);
    assertTrue(f0.imagePath().endsWith("img0000.png"), f0.imagePath());
    assertTrue(Files.exists(labels.resolveSibling("img0000.png")));
    assertTrue(!f0.isMissing(new KeypointId("female", "thorax")));
    Cli bad = Cli.run("import-labels", slp.toString(), "--working-directory", dir.resolve("b").toString(), "--frames", "5000-6000");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("no frame with user (human) instances in frames 5000-6000"), bad.err());
  }
}

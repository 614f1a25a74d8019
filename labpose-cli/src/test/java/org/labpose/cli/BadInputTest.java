package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.project.ProjectConfig;

/** Each kind of bad input: exit status 2, one line naming file and place, nothing written. */
class BadInputTest {
  @TempDir Path dir;
  private Path root;
  private Path folder;
  private Path config;

  @BeforeEach
  void project() throws Exception {
    root = dir.resolve("mice-me-2026-11-24");
    folder = root.resolve("labeled-data/v1");
    Files.createDirectories(folder);
    ProjectConfig c = ProjectConfig.defaults("mice", "me", "Nov24");
    c.setBodyparts(List.of("snout", "tail"));
    c.set("skeleton", List.of(List.of("snout", "tail")));
    c.set("project_path", root.toString());
    config = root.resolve("config.yaml");
    c.write(config);
    Files.write(folder.resolve("img001.png"), new byte[] {1});
    Files.write(folder.resolve("img002.png"), new byte[] {1});
  }

  private void labels(String body) throws Exception {
    Files.writeString(folder.resolve("CollectedData_me.csv"),
        "scorer,me,me,me,me\nbodyparts,snout,snout,tail,tail\ncoords,x,y,x,y\n" + body);
  }

  private Cli summaryFails(String expectedInMessage) {
    Cli r = Cli.run("summary", config.toString());
    assertEquals(LabPose.BAD_INPUT, r.code(), r.out() + r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, r.err());
    assertTrue(lines[0].contains(expectedInMessage), lines[0]);
    assertFalse(r.err().contains("Exception"), r.err());
    return r;
  }

  @Test
  void validProjectPasses() throws Exception {
    labels("labeled-data/v1/img001.png,1,2,3,4\n");
    assertEquals(0, Cli.run("summary", config.toString()).code());
  }

  @Test
  void malformedYaml() throws Exception {
    Files.writeString(config, "Task: mice\nscorer: me\nbodyparts:\n- snout\n  - tail: [\n");
    summaryFails("config.yaml: line ");
  }

  @Test
  void wrongHeaderRow() throws Exception {
    Files.writeString(folder.resolve("CollectedData_me.csv"), "scorer,me,me\nbody parts,snout,snout\ncoords,x,y\n");
    summaryFails("CollectedData_me.csv: line 2: expected a DeepLabCut header row starting with 'bodyparts'");
  }

  @Test
  void nonNumericCoordinate() throws Exception {
    labels("labeled-data/v1/img001.png,1,2,3,4\nlabeled-data/v1/img002.png,1,2,x3,4\n");
    summaryFails("CollectedData_me.csv: line 5, column 4 (tail x): expected a number or an empty cell, found 'x3'");
  }

  @Test
  void bodypartsDisagreeWithConfig() throws Exception {
    Files.writeString(folder.resolve("CollectedData_me.csv"),
        "scorer,me,me,me,me\nbodyparts,snout,snout,nose,nose\ncoords,x,y,x,y\nlabeled-data/v1/img001.png,1,2,3,4\n");
    summaryFails("bodyparts disagree with the config");
  }

  @Test
  void duplicateFrame() throws Exception {
    labels("labeled-data/v1/img001.png,1,2,3,4\nlabeled-data/v1/img001.png,1,2,3,4\n");
    summaryFails("line 5: duplicate frame 'labeled-data/v1/img001.png' (already on line 4)");
  }

  @Test
  void missingImage() throws Exception {
    labels("labeled-data/v1/img003.png,1,2,3,4\n");
    summaryFails("frame labeled-data/v1/img003.png: image not found");
  }

  @Test
  void badH5ChangesNothingOnConvert() throws Exception {
    Path h5 = folder.resolve("CollectedData_me.h5");
    Files.writeString(h5, "garbage");
    labels("labeled-data/v1/img001.png,1,2,3,4\n");
    Path csv = folder.resolve("CollectedData_me.csv");
    Files.setLastModifiedTime(csv, FileTime.fromMillis(1000));
    byte[] before = Files.readAllBytes(csv);
    Cli r = Cli.run("convert-labels", config.toString(), "--to", "csv");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("CollectedData_me.h5"), r.err());
    assertEquals(new String(before), Files.readString(csv));
  }

  @Test
  void missingConfig() {
    Cli r = Cli.run("summary", dir.resolve("nope/config.yaml").toString());
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("nope/config.yaml"), r.err());
  }
}

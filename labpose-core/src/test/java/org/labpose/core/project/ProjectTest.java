package org.labpose.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

class ProjectTest {
  @TempDir Path dir;

  @Test
  void openFieldOpensWithRepairedProjectPath() throws Exception {
    Project p = Project.open(SharedData.openField().resolve("config.yaml"));
    assertEquals(1, p.warnings().size());
    assertTrue(p.warnings().get(0).contains("project_path"));
    assertEquals(p.root().toString(), p.config().projectPath());
    assertEquals(List.of(p.labeledDataDir("m4s1")), p.labelFolders());
    LabelSet all = p.loadAllLabels();
    assertEquals(116, all.size());
    assertTrue(Files.exists(p.imagePath(all.frames().get(0).imagePath(), null)));
  }

  private Project smallProject(List<String> configBodyparts, List<String> fileBodyparts, boolean withImage) throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    c.setBodyparts(configBodyparts);
    c.set("skeleton", List.of());
    Path root = dir.resolve("t-me-2026-11-24");
    Path folder = root.resolve("labeled-data/v1");
    Files.createDirectories(folder);
    c.set("project_path", root.toString());
    c.write(root.resolve("config.yaml"));
    if (withImage) {
      Files.write(folder.resolve("img001.png"), new byte[] {1});
    }
    KeypointLayout l = KeypointLayout.singleAnimal(fileBodyparts);
    double[] xy = new double[2 * fileBodyparts.size()];
    LabelSet s = new LabelSet("me", l, List.of(new LabeledFrame("labeled-data/v1/img001.png", l, xy)));
    DlcLabelCsv.write(s, folder.resolve("CollectedData_me.csv"));
    return Project.open(root);
  }

  @Test
  void loadsAValidProject() throws Exception {
    Project p = smallProject(List.of("a", "b"), List.of("a", "b"), true);
    assertTrue(p.warnings().isEmpty(), p.warnings().toString());
    assertEquals(1, p.loadAllLabels().size());
  }

  @Test
  void bodypartsDisagreeingWithConfigNameBoth() throws Exception {
    Project p = smallProject(List.of("a", "b"), List.of("a", "c"), true);
    InputFormatException e = assertThrows(InputFormatException.class, p::loadAllLabels);
    assertTrue(e.getMessage().contains("CollectedData_me.csv"), e.getMessage());
    assertTrue(e.problem().contains("not in the config: [c]"), e.problem());
    assertTrue(e.problem().contains("missing from the file: [b]"), e.problem());
  }

  @Test
  void missingImageNamesTheFrame() throws Exception {
    Project p = smallProject(List.of("a"), List.of("a"), false);
    InputFormatException e = assertThrows(InputFormatException.class, p::loadAllLabels);
    assertEquals("frame labeled-data/v1/img001.png", e.location());
  }

  @Test
  void folderWithoutLabelsGivesNull() throws Exception {
    Project p = smallProject(List.of("a"), List.of("a"), true);
    Files.createDirectories(p.labeledDataDir("empty"));
    assertNull(p.loadLabels(p.labeledDataDir("empty")));
  }

  @Test
  void movedVideoIsFoundInVideosFolder() throws Exception {
    Project p = smallProject(List.of("a"), List.of("a"), true);
    Files.createDirectories(p.videosDir());
    Files.write(p.videosDir().resolve("m.mp4"), new byte[] {0});
    assertEquals(p.videosDir().resolve("m.mp4"), p.resolveVideo("C:\\old\\machine\\m.mp4"));
    assertEquals("m", Project.videoStem("C:\\old\\machine\\m.mp4"));
    assertEquals("videos/m.mp4", p.relativize(p.videosDir().resolve("m.mp4")));
  }

  @Test
  void aMissingPathIsCalledMissing() throws Exception {
    Path missing = dir.resolve("missing/CollectedData_x.csv");
    InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(InputFormatException.class, () -> Project.open(missing));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("not found") && !e.getMessage().contains("config"), e.getMessage());
  }
}

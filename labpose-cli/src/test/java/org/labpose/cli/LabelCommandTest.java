package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.project.ProjectConfig;

class LabelCommandTest {
  @TempDir Path dir;

  @Test
  void aProjectWithoutFramesToLabelIsAClearError() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("t", "me", "Nov24");
    c.setBodyparts(List.of("nose"));
    c.set("skeleton", List.of());
    c.write(dir.resolve("config.yaml"));
    Cli r = Cli.run("label", dir.resolve("config.yaml").toString(), "--port", "0");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("no labeled-data folders") && r.err().contains("extract-frames"), r.err());
  }
}

package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labpose.core.SharedData;

class SummaryCommandTest {
  @TempDir Path dir;

  private static void assertOpenField(Cli r) throws Exception {
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(4, j.get("bodyparts").size());
    assertEquals(116, j.get("labeled_frames").asInt());
    j.get("missing").forEach(n -> assertEquals(0, n.asInt()));
    assertEquals(116, j.get("folders").get("m4s1").asInt());
  }

  @Test
  void openFieldProject() throws Exception {
    assertOpenField(Cli.run("summary", SharedData.openField().resolve("config.yaml").toString(), "--json"));
  }

  /** A copy of the open-field project with only one of the two label files. */
  @ParameterizedTest
  @ValueSource(strings = {"csv", "h5"})
  void openFieldWithOnlyOneLabelFormat(String keep) throws Exception {
    Path root = OpenFieldCopy.make(dir, n -> n.endsWith(".png") || n.equals("CollectedData_Pranav." + keep));
    Cli r = Cli.run("summary", root.resolve("config.yaml").toString(), "--json");
    assertOpenField(r);
    assertTrue(r.out().contains("CollectedData_Pranav." + keep));
  }

  @Test
  void singleLabelFile() throws Exception {
    Cli r = Cli.run("summary", SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv").toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(4, j.get("labeled_frames").asInt());
    assertEquals("Animal1", j.get("individuals").get(0).asText());
  }

  @Test
  void textOutput() throws Exception {
    Cli r = Cli.run("summary", SharedData.openField().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("116 labelled frames"), r.out());
    assertTrue(r.err().contains("warning: project_path"), r.err());
  }
}

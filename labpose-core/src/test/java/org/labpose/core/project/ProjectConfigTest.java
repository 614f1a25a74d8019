package org.labpose.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.Skeleton;

class ProjectConfigTest {
  @TempDir Path dir;

  @Test
  void openFieldConfigRoundTripsLosingNothing() throws Exception {
    Path cfg = SharedData.openField().resolve("config.yaml");
    ProjectConfig c = ProjectConfig.read(cfg);
    assertEquals("openfield", c.task());
    assertEquals("Pranav", c.scorer());
    assertEquals("Oct30", c.date());
    assertEquals(List.of("snout", "leftear", "rightear", "tailbase"), c.bodyparts());
    assertEquals(0.4, c.pcutoff());
    assertEquals(List.of(0.95), c.trainingFractions());
    assertEquals(new ProjectConfig.Crop(0, 640, 0, 480), c.videoSets().get(0).crop());
    assertTrue(c.has("detector_batch_size"));
    Path out = dir.resolve("config.yaml");
    c.write(out);
    ProjectConfig back = ProjectConfig.read(out);
    assertEquals(c.asMap(), back.asMap());
    assertEquals(c.keys(), back.keys());
    String text = Files.readString(out);
    assertTrue(text.startsWith("# Project definitions (do not edit)\nTask: openfield\n"), text);
    assertTrue(text.contains("multianimalproject:\n"), text);
    assertTrue(text.contains("bodyparts:\n- snout\n"), text);
  }

  @Test
  void multiAnimalConfigRoundTrips() throws Exception {
    Path cfg = SharedData.require("format-fixtures/dlc/madlc_230_config.yaml");
    ProjectConfig c = ProjectConfig.read(cfg);
    assertTrue(c.multiAnimal());
    assertEquals(List.of("A", "B", "C"), c.bodyparts());
    assertEquals(List.of("individual1", "individual2", "individual3"), c.individuals());
    assertEquals(List.of("D", "E"), c.uniqueBodyparts());
    assertEquals(List.of(new Skeleton.Pair("A", "B"), new Skeleton.Pair("B", "C"), new Skeleton.Pair("A", "C")), c.skeletonEdges());
    assertEquals(ProjectConfig.MULTI, c.get("bodyparts"));
    Path out = dir.resolve("config.yaml");
    c.write(out);
    assertEquals(c.asMap(), ProjectConfig.read(out).asMap());
  }

  @Test
  void unknownKeysAndDateLikeStringsSurvive() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "Task: t\nscorer: s\ndate: 2024-01-05\nmy_lab_key:\n  nested: [1, 2]\nbodyparts:\n- a\n");
    ProjectConfig c = ProjectConfig.read(f);
    assertEquals("2024-01-05", c.date());
    c.write(f);
    String text = Files.readString(f);
    assertTrue(text.contains("date: '2024-01-05'") || text.contains("date: 2024-01-05"), text);
    assertEquals(c.asMap(), ProjectConfig.read(f).asMap());
    assertEquals(List.of(1, 2), ((java.util.Map<?, ?>) ProjectConfig.read(f).get("my_lab_key")).get("nested"));
  }

  @Test
  void defaultsWriteAndReadBack() throws Exception {
    ProjectConfig c = ProjectConfig.defaults("mice", "me", "Nov24");
    Path f = dir.resolve("config.yaml");
    c.write(f);
    ProjectConfig back = ProjectConfig.read(f);
    assertEquals(c.asMap(), back.asMap());
    assertEquals(ProjectConfig.DLC_KEYS.subList(0, 8), back.keys().subList(0, 8));
  }

  @Test
  void malformedYamlNamesTheLine() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "Task: t\nscorer: s\nbodyparts:\n- a\n  - b: [\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectConfig.read(f));
    assertTrue(e.location() != null && e.location().startsWith("line "), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()));
  }

  @Test
  void wrongTypeNamesTheKeyAndLine() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "Task: t\nscorer: s\npcutoff: high\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectConfig.read(f));
    assertEquals("key 'pcutoff' (line 3)", e.location());
    assertTrue(e.problem().contains("expected a number"), e.problem());
  }

  @Test
  void missingTaskIsAnError() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "scorer: s\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectConfig.read(f));
    assertEquals("key 'Task'", e.location());
  }

  @Test
  void skeletonWithUnknownBodypartIsAnError() throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, "Task: t\nscorer: s\nbodyparts: [a, b]\nskeleton:\n- [a, z]\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectConfig.read(f));
    assertTrue(e.location().startsWith("key 'skeleton'"), e.getMessage());
  }

  @Test
  void cropParsing() {
    assertEquals(new ProjectConfig.Crop(0, 640, 0, 480), ProjectConfig.Crop.parse("0, 640, 0, 480"));
    assertThrows(IllegalArgumentException.class, () -> ProjectConfig.Crop.parse("0, 640, 0"));
    assertThrows(IllegalArgumentException.class, () -> ProjectConfig.Crop.parse("10, 5, 0, 1"));
    assertFalse(ProjectConfig.Crop.parse("1,2,3,4").toString().isEmpty());
  }

  private InputFormatException refused(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return assertThrows(InputFormatException.class, () -> ProjectConfig.read(f), yaml);
  }

  @Test
  void namesThatBecomePathPartsCannotLeaveTheProject() throws Exception {
    String base = "Task: t\nscorer: s\nbodyparts:\n- a\n- b\n";
    assertTrue(refused(base.replace("scorer: s", "scorer: x/../../../../../../tmp/escaped")).getMessage().contains("key 'scorer'"));
    assertTrue(refused(base.replace("scorer: s", "scorer: ..")).getMessage().contains("key 'scorer'"));
    assertTrue(refused(base.replace("scorer: s", "scorer: \"a\\\\b\"")).getMessage().contains("key 'scorer'"));
    assertTrue(refused(base.replace("scorer: s", "scorer: \"a\\tb\"")).getMessage().contains("control character"));
    assertTrue(refused(base.replace("Task: t", "Task: ../up")).getMessage().contains("key 'Task'"));
    assertTrue(refused(base.replace("- b", "- ../b")).getMessage().contains("key 'bodyparts'"));
    assertTrue(refused(base + "date: a/b\n").getMessage().contains("key 'date'"));
    assertTrue(refused(base + "video_sets:\n  /data/...mp4:\n    crop: 0, 10, 0, 10\n").getMessage().contains("key 'video_sets'"));
    assertTrue(refused("Task: t\nscorer: s\nmultianimalproject: true\nbodyparts: MULTI!\nmultianimalbodyparts:\n- a\n"
        + "individuals:\n- m1\n- ../m2\n").getMessage().contains("key 'individuals'"));
  }

  @Test
  void bodypartErrorsNameTheBodypartsKey() throws Exception {
    InputFormatException missing = refused("Task: t\nscorer: s\nskeleton:\n- [a, b]\n");
    assertTrue(missing.getMessage().contains("key 'bodyparts'") && missing.getMessage().contains("at least one bodypart"), missing.getMessage());
    InputFormatException empty = refused("Task: t\nscorer: s\nbodyparts: []\n");
    assertTrue(empty.getMessage().contains("key 'bodyparts'"), empty.getMessage());
    InputFormatException twice = refused("Task: t\nscorer: s\nbodyparts:\n- a\n- b\n- a\nskeleton:\n- [a, b]\n");
    assertTrue(twice.getMessage().contains("key 'bodyparts'") && twice.getMessage().contains("'a' is listed twice"), twice.getMessage());
    InputFormatException huge = refused("Task: t\nscorer: s\nbodyparts:\n- a\nnumframes2pick: 1e30\n");
    assertTrue(huge.getMessage().contains("key 'numframes2pick'"), huge.getMessage());
  }
}

package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.project.ProjectConfig;

/** create-project, add-videos, extract-frames, check-labels and check-video from the command line. */
class ProjectCommandsTest {
  @TempDir Path dir;

  private Path synthVideo(String name, int frames) {
    Cli r = Cli.run("synth", dir.resolve("videos").toString(), "--frames", Integer.toString(frames), "--size", "160x120", "--name", name);
    assertEquals(0, r.code(), r.err());
    return dir.resolve("videos").resolve(name + ".mp4");
  }

  @Test
  void createdProjectOpensAgainWithSummary() throws Exception {
    Path v1 = synthVideo("m1", 60);
    Path v2 = synthVideo("m2", 40);
    Cli c = Cli.run("create-project", "openfield", "alice", v1.toString(), "--working-directory", dir.toString(),
        "--bodyparts", "snout,leftear,rightear,tailbase");
    assertEquals(0, c.code(), c.err());
    Path config = Path.of(c.out().strip());
    assertTrue(config.toString().endsWith("config.yaml"));
    assertTrue(Files.isSymbolicLink(config.getParent().resolve("videos/m1.mp4")));
    ProjectConfig pc = ProjectConfig.read(config);
    assertEquals("0, 160, 0, 120", pc.videoSets().get(0).crop().toString());

    Cli add = Cli.run("add-videos", config.toString(), v2.toString(), "--copy-videos");
    assertEquals(0, add.code(), add.err());
    assertTrue(Files.isRegularFile(config.getParent().resolve("videos/m2.mp4")));
    assertEquals(0, Cli.run("add-videos", config.toString(), v2.toString()).code(), "adding twice is harmless");

    Cli e = Cli.run("extract-frames", config.toString(), "--num", "5");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("m1.mp4: 5 frames chosen, 5 written"), e.out());
    Cli e2 = Cli.run("extract-frames", config.toString(), "--num", "5");
    assertTrue(e2.out().contains("m1.mp4: 5 frames chosen, 0 written, 5 already there"), e2.out());

    Cli s = Cli.run("summary", config.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    JsonNode j = new ObjectMapper().readTree(s.out());
    assertEquals(4, j.get("bodyparts").size());
    assertEquals(2, j.get("videos").size());
    assertEquals(0, j.get("labeled_frames").asInt());
    assertTrue(j.get("folders").has("m1") && j.get("folders").has("m2"));
  }

  @Test
  void existingProjectFolderIsBadInput() {
    Path v1 = synthVideo("m1", 30);
    assertEquals(0, Cli.run("create-project", "t", "bob", v1.toString(), "--working-directory", dir.toString()).code());
    Cli again = Cli.run("create-project", "t", "bob", v1.toString(), "--working-directory", dir.toString());
    assertEquals(LabPose.BAD_INPUT, again.code());
    assertTrue(again.err().contains("exists already"), again.err());
  }

  @Test
  void missingVideoIsBadInput() {
    Cli c = Cli.run("create-project", "t", "bob", dir.resolve("nope.mp4").toString(), "--working-directory", dir.toString());
    assertEquals(LabPose.BAD_INPUT, c.code());
    assertTrue(c.err().contains("nope.mp4"), c.err());
  }

  @Test
  void checkLabelsRendersTheOpenFieldFrames() throws Exception {
    Path root = OpenFieldCopy.make(dir, n -> true);
    Cli r = Cli.run("check-labels", root.resolve("config.yaml").toString());
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> s = Files.list(root.resolve("labeled-data/m4s1_labeled"))) {
      assertEquals(116, s.filter(p -> p.toString().endsWith(".png")).count());
    }
  }

  @Test
  void checkVideoOnTheOpenFieldVideo() {
    Path v = SharedData.openField().resolve("videos/m3v1mp4.mp4");
    Cli r = Cli.run("check-video", v.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("640x480, 30.000 fps, h264 (yuv444p), 2330 frames claimed, 2330 decoded"), r.out());
  }
}

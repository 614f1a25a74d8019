package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.model.Skeleton;
import org.labpose.core.project.Project;
import org.labpose.video.synth.SynthConfig;

class SynthCommandTest {
  @TempDir Path dir;

  @Test
  void spineGivesAProjectWithSixBodypartsAndABoneAlongTheBack() throws Exception {
    Cli r = Cli.run("synth", dir.toString(), "--frames", "20", "--size", "160x120", "--animals", "2", "--spine",
        "--project", "--label-frames", "4", "--name", "pair");
    assertEquals(0, r.code(), r.err());
    Path config;
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    Project p = Project.open(config);
    assertEquals(SynthConfig.SPINE_BODYPARTS, p.config().bodyparts());
    assertTrue(p.config().skeletonEdges().contains(new Skeleton.Pair("shoulder", "spine")), p.config().skeletonEdges().toString());
    assertTrue(Files.readString(dir.resolve("pair_groundtruth.csv")).lines().skip(2).findFirst().orElseThrow().contains("spine"));
  }

  @Test
  void spineIsRefusedWithCameras() {
    Cli r = Cli.run("synth", dir.toString(), "--cameras", "2", "--spine");
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("--spine"), r.err());
    assertEquals(0, dir.toFile().list().length, "nothing written");
  }
}

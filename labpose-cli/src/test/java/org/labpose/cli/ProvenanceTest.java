package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.Checksums;
import org.labpose.core.project.History;

/** Commands that write into a project leave a line in its provenance log, with their files' checksums. */
class ProvenanceTest {
  @TempDir Path dir;

  @Test
  void extractFramesIsRecorded() throws Exception {
    assertEquals(0, Cli.run("synth", dir.toString(), "--frames", "40", "--project", "--label-frames", "5", "--seed", "5").code());
    Path config;
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    Cli r = Cli.run("extract-frames", config.toString(), "--algo", "uniform", "--frames", "1,2,3");
    assertEquals(0, r.code(), r.err());
    List<History.Entry> log = History.read(config.getParent());
    History.Entry e = log.get(log.size() - 1);
    assertEquals(List.of("labpose", "extract-frames", config.toString(), "--algo", "uniform", "--frames", "1,2,3"), e.command());
    assertTrue(e.inputs().get(0).path().startsWith("videos/"), e.inputs().toString());
    assertEquals(3, e.outputs().size(), e.outputs().toString());
    for (History.FileRecord f : e.outputs()) {
      assertTrue(f.path().startsWith("labeled-data/") && f.path().endsWith(".png"), f.path());
      assertEquals(Checksums.sha256(config.getParent().resolve(f.path())), f.sha256());
    }
  }
}

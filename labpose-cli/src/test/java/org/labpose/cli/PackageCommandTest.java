package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.project.History;

/**
 * A synthetic project trained and evaluated from the command line, packaged with its model: the
 * package verifies (checksums, and the evaluation re-run to the same errors), a changed file does not.
 */
class PackageCommandTest {
  @TempDir Path dir;

  @Test
  void packageVerifiesAndATamperedOneDoesNot() throws Exception {
    Path work = dir.resolve("work");
    assertEquals(0, Cli.run("synth", work.toString(), "--frames", "60", "--project", "--label-frames", "16", "--seed", "3").code());
    Path config;
    try (Stream<Path> s = Files.walk(work)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    assertEquals(0, Cli.run("create-training-dataset", config.toString(), "--net", "tiny", "--train-fraction", "0.75").code());
    Cli t = Cli.run("train", config.toString(), "--train-fraction", "0.75", "--max-iters", "6", "--batch-size", "4", "--crop", "64",
        "--threads", "1", "--init", "none");
    assertEquals(0, t.code(), t.err());
    Cli e = Cli.run("evaluate", config.toString(), "--train-fraction", "0.75", "--threads", "1");
    assertEquals(0, e.code(), e.err());
    List<History.Entry> log = History.read(config.getParent());
    assertEquals(List.of("create-training-dataset", "train", "evaluate"), log.stream().map(x -> x.command().get(1)).toList());

    Path zip = dir.resolve("pkg.zip");
    Cli p = Cli.run("package", config.toString(), "--out", zip.toString(), "--models");
    assertEquals(0, p.code(), p.err());
    try (FileSystem z = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
      Path top;
      try (Stream<Path> s = Files.list(z.getPath("/"))) {
        top = s.findFirst().orElseThrow();
      }
      String readme = Files.readString(top.resolve("README.md"));
      assertTrue(readme.contains("labpose train " + config) && readme.contains("labpose evaluate"), readme);
      assertTrue(Files.readString(top.resolve("environment.json")).contains("\"pytorch\""));
      assertTrue(Files.exists(top.resolve("labpose-history.jsonl")));
    }
    Cli v = Cli.run("verify-package", zip.toString(), "--threads", "1");
    assertEquals(0, v.code(), v.out() + v.err());
    assertTrue(v.out().contains("checksums match") && v.out().contains("re-run") && !v.out().contains("DIFFERS"), v.out());

    // one changed byte in a label file
    Path bad = dir.resolve("bad.zip");
    Files.copy(zip, bad);
    try (FileSystem z = FileSystems.newFileSystem(URI.create("jar:" + bad.toUri()), Map.of())) {
      try (Stream<Path> s = Files.walk(z.getPath("/"))) {
        Path csv = s.filter(x -> x.getFileName() != null && x.getFileName().toString().startsWith("CollectedData_")
            && x.toString().endsWith(".csv") && x.toString().contains("labeled-data")).findFirst().orElseThrow();
        Files.writeString(csv, Files.readString(csv).replaceFirst("\\d", "9"));
      }
    }
    Cli vb = Cli.run("verify-package", bad.toString());
    assertEquals(1, vb.code(), vb.out());
    assertTrue(vb.out().contains("DO NOT match") && vb.out().contains("SHA-256 differs"), vb.out());
  }
}

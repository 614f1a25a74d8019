package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.PoseTable;

/** A two-mouse project from the command line: train a bottom-up network, analyse, re-stitch, validate the tracks. */
class MultiAnimalCommandsTest {
  @TempDir Path dir;

  @Test
  void analyzeStitchAndValidateTracks() throws Exception {
    Cli r = Cli.run("synth", dir.toString(), "--frames", "60", "--size", "160x120", "--animals", "2", "--project",
        "--label-frames", "12", "--seed", "4", "--name", "pair");
    assertEquals(0, r.code(), r.err());
    Path config;
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    assertEquals(0, Cli.run("create-training-dataset", config.toString(), "--net", "tiny").code());
    Cli t = Cli.run("train", config.toString(), "--max-iters", "3", "--batch-size", "2", "--crop", "64", "--threads", "2");
    assertEquals(0, t.code(), t.err());
    Path video = dir.resolve("pair.mp4");
    Cli a = Cli.run("analyze", config.toString(), video.toString(), "--threads", "2");
    assertEquals(0, a.code(), a.err());
    Path csv;
    try (Stream<Path> s = Files.list(dir)) {
      csv = s.filter(p -> p.getFileName().toString().startsWith("pairDLC_") && p.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.get(1).startsWith("individuals,mouse1,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("bodyparts,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("coords,x,y,likelihood"), lines.get(3));
    assertEquals(4 + 60, lines.size());
    PoseTable before = DlcPredictionCsv.read(csv);

    Cli st = Cli.run("stitch", config.toString(), video.toString(), "--n-tracks", "2");
    assertEquals(0, st.code(), st.err());
    assertTrue(st.out().contains("tracklets stitched into"), st.out());
    assertEquals(before, DlcPredictionCsv.read(csv), "stitching the same animals again gives the same tracks");

    Cli tooMany = Cli.run("stitch", config.toString(), video.toString(), "--n-tracks", "3");
    assertEquals(LabPose.BAD_INPUT, tooMany.code());
    assertTrue(tooMany.err().contains("n_tracks: 3 is more than the project's 2 individuals"), tooMany.err());

    Path truth = dir.resolve("pair_groundtruth.csv");
    Cli self = Cli.run("validate", "--tracks", truth.toString(), truth.toString());
    assertEquals(0, self.code(), self.err());
    assertTrue(self.out().contains("MOTA 1.0000") && self.out().contains("IDF1 1.0000"), self.out());
    Cli v = Cli.run("validate", "--tracks", truth.toString(), csv.toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().contains("mouse1") && v.out().contains("MOTA"), v.out());
    Cli part = Cli.run("validate", "--tracks", truth.toString(), csv.toString(), "--range", "10-29");
    assertEquals(0, part.code(), part.err());
    assertTrue(part.out().lines().anyMatch(l -> l.startsWith("per 1000 frames") && l.split("\\s+")[3].equals("20")),
        "frames 10..29 are 20 frames: " + part.out());
    Cli bad = Cli.run("validate", "--tracks", truth.toString(), csv.toString(), "--range", "10-");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("--range: expected FIRST-LAST such as 1000-1499, found '10-'"), bad.err());
  }
}

package org.labpose.core.io.fuzz;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.coco.CocoKeypoints;
import org.labpose.core.io.coco.CocoLabels;

/**
 * The COCO reader against damaged copies of the two-mice fixture (see {@link Fuzzer}): read as
 * labels of its mouse category; counts in {@code target/fuzz-counts-coco.csv}.
 */
class CocoFuzzTest {
  @TempDir Path dir;

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    byte[] bytes;
    try (InputStream in = CocoKeypoints.class.getResourceAsStream("/org/labpose/core/io/coco/two_mice.json")) {
      bytes = in.readAllBytes();
    }
    Fuzzer.Fixture fx = new Fuzzer.Fixture("coco", ".json", bytes,
        f -> CocoLabels.toLabels(CocoKeypoints.read(f), f, "mouse", "coco", CocoKeypoints.Image::fileName));
    Files.createDirectories(dir);
    Map<String, int[]> counts = Fuzzer.run(List.of(fx), Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE), 20261202, dir);
    Fuzzer.writeCounts(counts, "fuzz-counts-coco.csv");
  }
}

package org.labpose.core.io.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.nwb.NwbPose;

/**
 * The NWB pose reader against damaged copies of the ndx-pose 0.3 fixture pynwb wrote (see {@link
 * Fuzzer}); counts in {@code target/fuzz-counts-nwb.csv}.
 */
class NwbFuzzTest {
  @TempDir Path dir;

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    Path f = SharedData.require("format-fixtures/nwb/0.3.0_poseestimation_two_cameras.nwb");
    Fuzzer.Fixture fx = new Fuzzer.Fixture("nwb-0.3.0", ".nwb", Files.readAllBytes(f), p -> {
      NwbPose.Result r = NwbPose.read(p);
      return List.of(r.table(), r.edges(), java.util.Arrays.toString(r.timestamps()), String.valueOf(r.scorer()), r.videos());
    });
    Map<String, int[]> counts = Fuzzer.run(List.of(fx), Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE), 20261203, dir);
    Fuzzer.writeCounts(counts, "fuzz-counts-nwb.csv");
  }
}

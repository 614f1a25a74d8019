package org.labpose.core.io.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.sleap.SlpFile;

/**
 * The SLEAP reader against damaged copies of SLEAP's small .slp fixtures (see {@link Fuzzer}); counts in
 * {@code target/fuzz-counts-sleap.csv}.
 */
class SleapFuzzTest {
  @TempDir Path dir;

  /** What a label file says: skeleton, tracks, videos and every instance's points. */
  private static Object content(Path f) throws Exception {
    SlpFile.SlpLabels l = SlpFile.read(f);
    StringBuilder sb = new StringBuilder().append(l.formatId()).append(l.nodes()).append(l.tracks()).append(l.videos());
    for (int[] e : l.edges()) {
      sb.append(Arrays.toString(e));
    }
    for (SlpFile.Frame fr : l.frames()) {
      sb.append('|').append(fr.video()).append(':').append(fr.frame());
      for (SlpFile.Instance in : fr.instances()) {
        sb.append(in.user()).append(in.track()).append(Arrays.deepToString(in.points()));
      }
    }
    return sb.toString();
  }

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    List<Fuzzer.Fixture> fx = new ArrayList<>();
    for (String name : List.of("slp_hdf5/minimal_instance.slp", "slp_hdf5/small_robot_minimal.slp")) {
      Path f = SharedData.require("format-fixtures/" + name);
      fx.add(new Fuzzer.Fixture(name, ".slp", Files.readAllBytes(f), SleapFuzzTest::content));
    }
    Map<String, int[]> counts = Fuzzer.run(fx, Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE * fx.size()), 20261130, dir);
    Fuzzer.writeCounts(counts, "fuzz-counts-sleap.csv");
  }
}

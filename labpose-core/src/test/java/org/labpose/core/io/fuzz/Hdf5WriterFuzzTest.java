package org.labpose.core.io.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcH5;
import org.labpose.core.io.sleap.SleapAnalysisH5;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * The readers of the HDF5 files LabPose writes (DeepLabCut prediction {@code .h5}, SLEAP analysis
 * {@code .h5}) against damaged copies of small files written here (see {@link Fuzzer}); counts in
 * {@code target/fuzz-counts-h5-written.csv}.
 */
class Hdf5WriterFuzzTest {
  @TempDir Path dir;

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    PoseTable t = table();
    Path dlc = dir.resolve("src/pred.h5");
    Path sleap = dir.resolve("src/pred.analysis.h5");
    DlcH5.writePredictions(t, dlc);
    SleapAnalysisH5.write(t, List.of(List.of("snout", "tail")), SleapAnalysisH5.Source.NONE, sleap);
    List<Fuzzer.Fixture> fx = new ArrayList<>();
    fx.add(new Fuzzer.Fixture("dlc-predictions", ".h5", Files.readAllBytes(dlc), DlcH5::readPredictions));
    fx.add(new Fuzzer.Fixture("sleap-analysis", ".h5", Files.readAllBytes(sleap), f -> {
      SleapAnalysisH5.Analysis a = SleapAnalysisH5.read(f);
      return List.of(a.table(), a.edges(), a.source());
    }));
    Files.createDirectories(dir.resolve("cases"));
    Map<String, int[]> counts = Fuzzer.run(fx, Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE * fx.size()), 20261201, dir.resolve("cases"));
    Fuzzer.writeCounts(counts, "fuzz-counts-h5-written.csv");
  }

  private static PoseTable table() {
    KeypointLayout layout = KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tail"), List.of());
    PoseTable t = new PoseTable("LabPose", layout, 6);
    Random r = new Random(3);
    for (int f = 0; f < 6; f++) {
      for (KeypointId k : layout.keypoints()) {
        t.set(f, k, r.nextDouble() * 640, r.nextDouble() * 480, r.nextDouble());
      }
    }
    return t;
  }
}

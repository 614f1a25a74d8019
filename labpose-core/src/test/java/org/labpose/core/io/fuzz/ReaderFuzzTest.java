package org.labpose.core.io.fuzz;


import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.JsonFiles;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.DlcLabelH5;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectConfig;

/**
 * Every reader of this module against truncated, bit-flipped and spliced copies of real files: each
 * case is refused with an {@link InputFormatException} that names the file, or reads the original's
 * data, or reads other data that passed the reader's checks (a flipped digit is still a number).
 * No other exception, and no case takes longer than {@link Fuzzer#CASE_LIMIT_S} seconds. Seeded. The
 * default build runs {@link Fuzzer#DEFAULT_CASES_PER_FIXTURE} cases per fixture; {@code -Dlabpose.fuzz.cases=N} runs more. The
 * counts are written to {@code target/fuzz-counts.csv} (docs/reliability.md shows them).
 */
class ReaderFuzzTest {
  @TempDir Path dir;

  private List<Fuzzer.Fixture> fixtures() throws Exception {
    List<Fuzzer.Fixture> out = new ArrayList<>();
    for (String h5 : List.of("single_fixed.h5", "single_split_fixed.h5", "single_table.h5", "multi_table.h5", "multi_split_fixed.h5")) {
      try (InputStream in = DlcLabelH5.class.getResourceAsStream(h5)) {
        out.add(new Fuzzer.Fixture(h5, ".h5", in.readAllBytes(), DlcLabelH5::read));
      }
    }
    Path shared = SharedData.dirOrNull();
    Path of = shared == null ? null : shared.resolve("openfield-Pranav-2018-10-30");
    if (of != null && Files.isDirectory(of)) {
      out.add(new Fuzzer.Fixture("openfield CollectedData_Pranav.h5", ".h5", Files.readAllBytes(of.resolve("labeled-data/m4s1/CollectedData_Pranav.h5")), DlcLabelH5::read));
      out.add(new Fuzzer.Fixture("openfield CollectedData_Pranav.csv", ".csv", Files.readAllBytes(of.resolve("labeled-data/m4s1/CollectedData_Pranav.csv")), DlcLabelCsv::read));
      out.add(new Fuzzer.Fixture("openfield config.yaml", ".yaml", Files.readAllBytes(of.resolve("config.yaml")), f -> ProjectConfig.read(f).asMap()));
    }
    // NumPy weights as exported from Python (the bundled .npz fixture)
    try (InputStream in = org.labpose.core.io.npy.Npz.class.getResourceAsStream("fixture.npz")) {
      out.add(new Fuzzer.Fixture("fixture.npz", ".npz", in.readAllBytes(), f -> {
        Map<String, String> arrays = new java.util.TreeMap<>();
        org.labpose.core.io.npy.Npz.read(f).forEach((k, v) -> arrays.put(k, java.util.Arrays.toString(v.shape()) + java.util.Arrays.toString(v.values())));
        return arrays;
      }));
    }
    // a prediction file as analyze writes it
    Random r = new Random(9);
    PoseTable t = new PoseTable("DLC_tiny_fuzzshuffle1_100", KeypointLayout.singleAnimal(List.of("snout", "tailbase")), 40);
    for (int f = 0; f < 40; f++) {
      for (KeypointId k : t.layout().keypoints()) {
        t.set(f, k, r.nextDouble() * 320, r.nextDouble() * 240, r.nextDouble());
      }
    }
    Path pred = dir.resolve("pred.csv");
    DlcPredictionCsv.write(t, pred);
    out.add(new Fuzzer.Fixture("prediction csv", ".csv", Files.readAllBytes(pred), DlcPredictionCsv::read));
    out.add(new Fuzzer.Fixture("split json", ".json", "{\"train\": [\"labeled-data/a/img1.png\", \"labeled-data/a/img2.png\"], \"test\": [\"labeled-data/a/img3.png\"]}\n"
        .getBytes(StandardCharsets.UTF_8), f -> JsonFiles.readObject(f).toString()));
    return out;
  }

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    List<Fuzzer.Fixture> fx = fixtures();
    Map<String, int[]> counts = Fuzzer.run(fx, Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE * fx.size()), 20261130, dir);
    Fuzzer.writeCounts(counts, "fuzz-counts.csv");
  }

}

package org.labpose.core.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * No other exception, and no case takes longer than {@link #CASE_LIMIT_S} seconds. Seeded. The
 * default build runs {@link #DEFAULT_CASES} cases; {@code -Dlabpose.fuzz.cases=N} runs more. The
 * counts are written to {@code target/fuzz-counts.csv} (docs/reliability.md shows them).
 */
class ReaderFuzzTest {
  static final int DEFAULT_CASES = 10_000;
  static final int CASE_LIMIT_S = 10;

  @TempDir Path dir;

  /** A reader that returns comparable data. */
  interface Reader {
    Object read(Path f) throws Exception;
  }

  record Fixture(String name, String suffix, byte[] bytes, Reader reader) {}

  private List<Fixture> fixtures() throws Exception {
    List<Fixture> out = new ArrayList<>();
    for (String h5 : List.of("single_fixed.h5", "single_split_fixed.h5", "single_table.h5", "multi_table.h5", "multi_split_fixed.h5")) {
      try (InputStream in = DlcLabelH5.class.getResourceAsStream(h5)) {
        out.add(new Fixture(h5, ".h5", in.readAllBytes(), DlcLabelH5::read));
      }
    }
    Path shared = SharedData.dirOrNull();
    Path of = shared == null ? null : shared.resolve("openfield-Pranav-2018-10-30");
    if (of != null && Files.isDirectory(of)) {
      out.add(new Fixture("openfield CollectedData_Pranav.h5", ".h5", Files.readAllBytes(of.resolve("labeled-data/m4s1/CollectedData_Pranav.h5")), DlcLabelH5::read));
      out.add(new Fixture("openfield CollectedData_Pranav.csv", ".csv", Files.readAllBytes(of.resolve("labeled-data/m4s1/CollectedData_Pranav.csv")), DlcLabelCsv::read));
      out.add(new Fixture("openfield config.yaml", ".yaml", Files.readAllBytes(of.resolve("config.yaml")), f -> ProjectConfig.read(f).asMap()));
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
    out.add(new Fixture("prediction csv", ".csv", Files.readAllBytes(pred), DlcPredictionCsv::read));
    out.add(new Fixture("split json", ".json", "{\"train\": [\"labeled-data/a/img1.png\", \"labeled-data/a/img2.png\"], \"test\": [\"labeled-data/a/img3.png\"]}\n"
        .getBytes(StandardCharsets.UTF_8), f -> JsonFiles.readObject(f).toString()));
    return out;
  }

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    int cases = Integer.getInteger("labpose.fuzz.cases", DEFAULT_CASES);
    List<Fixture> fx = fixtures();
    Map<String, int[]> counts = new LinkedHashMap<>(); // refused, same, other valid
    Map<String, Object> originals = new LinkedHashMap<>();
    for (Fixture f : fx) {
      Path p = dir.resolve("orig" + f.suffix());
      Files.write(p, f.bytes());
      originals.put(f.name(), f.reader().read(p));
      counts.put(f.name(), new int[3]);
    }
    Random r = new Random(20261130);
    ExecutorService ex = Executors.newSingleThreadExecutor(run -> {
      Thread t = new Thread(run, "fuzz-case");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < cases; i++) {
        Fixture f = fx.get(i % fx.size());
        byte[] damaged = mutate(f.bytes(), r);
        Path p = dir.resolve("case" + f.suffix());
        Files.write(p, damaged);
        Future<Object> res = ex.submit(() -> f.reader().read(p));
        String what = f.name() + " case " + i;
        try {
          Object got = res.get(CASE_LIMIT_S, TimeUnit.SECONDS);
          counts.get(f.name())[Objects.equals(got, originals.get(f.name())) ? 1 : 2]++;
        } catch (TimeoutException e) {
          res.cancel(true);
          fail(what + ": no answer within " + CASE_LIMIT_S + " s");
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable c = e.getCause();
          if (!(c instanceof InputFormatException ife)) {
            throw new AssertionError(what + ": " + c, c);
          }
          assertTrue(ife.getMessage().startsWith(p.toString()), what + ": " + ife.getMessage());
          counts.get(f.name())[0]++;
        }
      }
    } finally {
      ex.shutdownNow();
    }
    StringBuilder csv = new StringBuilder("fixture,cases,refused,read_same,read_other_valid\n");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      csv.append(e.getKey()).append(',').append(c[0] + c[1] + c[2]).append(',').append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append('\n');
    }
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("fuzz-counts.csv"), csv.toString());
    }
  }

  /** A truncated copy, one to three flipped bits, or a chunk of the file copied over another place. */
  static byte[] mutate(byte[] in, Random r) {
    int kind = r.nextInt(3);
    if (kind == 0 || in.length < 2) {
      return java.util.Arrays.copyOf(in, r.nextInt(Math.max(1, in.length)));
    }
    byte[] out = in.clone();
    if (kind == 1) {
      int flips = 1 + r.nextInt(3);
      for (int i = 0; i < flips; i++) {
        int at = r.nextInt(out.length);
        out[at] ^= (byte) (1 << r.nextInt(8));
      }
      return out;
    }
    int len = 1 + r.nextInt(Math.min(64, out.length - 1));
    int from = r.nextInt(out.length - len + 1);
    int to = r.nextInt(out.length - len + 1);
    System.arraycopy(in, from, out, to, len);
    return out;
  }
}

package org.labpose.core.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.labpose.core.io.InputFormatException;

/**
 * The reader fuzz engine, shared by the modules' fuzz tests: truncated, bit-flipped and spliced
 * copies of real files, each of which must be refused with an {@link InputFormatException} that
 * names the file, or read as the original's data, or as other data that passed the reader's checks.
 * No other exception, and no case takes longer than {@link #CASE_LIMIT_S} seconds. Seeded.
 */
public final class Fuzzer {
  /** Cases per fixture in the default build; {@code -Dlabpose.fuzz.cases=N} sets the total. */
  public static final int DEFAULT_CASES_PER_FIXTURE = 1_000;
  /** Seconds a case may take. */
  public static final int CASE_LIMIT_S = 10;

  private Fuzzer() {}

  /** A reader that returns comparable data. */
  public interface Reader {
    Object read(Path f) throws Exception;
  }

  /** A real file, the suffix its copies get, and its reader. */
  public record Fixture(String name, String suffix, byte[] bytes, Reader reader) {}

  /** The cases to run: {@code labpose.fuzz.cases}, else {@code defaultCases}. */
  public static int cases(int defaultCases) {
    return Integer.getInteger("labpose.fuzz.cases", defaultCases);
  }

  /**
   * Runs {@code cases} damaged copies (fixtures in turn) in {@code dir}; fails the test on any other
   * outcome. Returns, per fixture: refused, read the same, read other valid data.
   */
  public static Map<String, int[]> run(List<Fixture> fx, int cases, long seed, Path dir) throws Exception {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Object> originals = new LinkedHashMap<>();
    for (Fixture f : fx) {
      Path p = dir.resolve("orig" + f.suffix());
      Files.write(p, f.bytes());
      originals.put(f.name(), f.reader().read(p));
      counts.put(f.name(), new int[3]);
    }
    Random r = new Random(seed);
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
    return counts;
  }

  /** Writes the counts as CSV (fixture, cases, refused, read_same, read_other_valid) when {@code target/} exists. */
  public static void writeCounts(Map<String, int[]> counts, String fileName) throws java.io.IOException {
    StringBuilder csv = new StringBuilder("fixture,cases,refused,read_same,read_other_valid\n");
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      csv.append(e.getKey()).append(',').append(c[0] + c[1] + c[2]).append(',').append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append('\n');
    }
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve(fileName), csv.toString());
    }
  }

  /** A truncated copy, one to three flipped bits, or a chunk of the file copied over another place. */
  public static byte[] mutate(byte[] in, Random r) {
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

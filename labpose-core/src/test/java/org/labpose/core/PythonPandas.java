package org.labpose.core;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks files with pandas, PyTables, h5py and PyYAML (Debian's python3-pandas, python3-tables,
 * python3-h5py, python3-yaml) where a
 * Python has them: {@code LABPOSE_PYTHON}, else {@code /usr/bin/python3}, else {@code python3}.
 * Tests that need them skip with a message when none has.
 */
public final class PythonPandas {
  private static volatile String python;

  private PythonPandas() {}

  /** A Python with pandas and PyTables; skips the calling test when there is none. */
  public static String require() {
    if (python == null) {
      List<String> candidates = new ArrayList<>();
      if (System.getenv("LABPOSE_PYTHON") != null) {
        candidates.add(System.getenv("LABPOSE_PYTHON"));
      }
      candidates.add("/usr/bin/python3");
      candidates.add("python3");
      String found = "";
      for (String c : candidates) {
        try {
          if (run(List.of(c, "-c", "import pandas, tables, h5py, yaml")).exit == 0) {
            found = c;
            break;
          }
        } catch (IOException e) {
          // not this one
        }
      }
      python = found;
    }
    assumeTrue(!python.isEmpty(), "no Python with pandas, PyTables, h5py and PyYAML (apt-get install python3-pandas python3-tables python3-h5py python3-yaml): skipping");
    return python;
  }

  /** Runs a Python script from the test resources with arguments; fails with its output unless it exits 0. */
  public static void check(Class<?> near, String script, Path work, String... args) throws IOException {
    String py = require();
    Path s = work.resolve(Path.of(script).getFileName().toString());
    try (InputStream in = near.getResourceAsStream(script)) {
      if (in == null) {
        throw new IOException("test resource " + script + " missing next to " + near.getName());
      }
      Files.copy(in, s, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> cmd = new ArrayList<>(List.of(py, s.toString()));
    cmd.addAll(List.of(args));
    Result r = run(cmd);
    if (r.exit != 0) {
      fail(script + " " + String.join(" ", args) + " exited " + r.exit + ":\n" + r.output);
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}

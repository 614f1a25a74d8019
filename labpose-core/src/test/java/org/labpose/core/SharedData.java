package org.labpose.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the real data of {@code ../shared/data} is: {@code LABPOSE_SHARED_DATA}, else found by
 * walking up from the working directory. Tests that need it skip with a message when it is absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder, or null. */
  public static Path dirOrNull() {
    String env = System.getenv("LABPOSE_SHARED_DATA");
    if (env != null && Files.isDirectory(Paths.get(env))) {
      return Paths.get(env).toAbsolutePath().normalize();
    }
    Path p = Paths.get("").toAbsolutePath();
    while (p != null) {
      Path c = p.resolve("../shared/data").normalize();
      if (Files.isDirectory(c)) {
        return c;
      }
      p = p.getParent();
    }
    return null;
  }

  /** A path inside the shared data; skips the calling test when it is absent. */
  public static Path require(String relative) {
    Path d = dirOrNull();
    assumeTrue(d != null, "../shared/data not found: skipping a test that needs the real data");
    Path f = d.resolve(relative);
    assumeTrue(Files.exists(f), "shared data " + relative + " not found: skipping");
    return f;
  }

  /** The open-field project folder. */
  public static Path openField() {
    return require("openfield-Pranav-2018-10-30");
  }
}

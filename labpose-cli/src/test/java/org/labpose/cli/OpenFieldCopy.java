package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.labpose.core.SharedData;

/** A writable copy of the open-field project (config and labeled-data/m4s1) for tests that change files. */
final class OpenFieldCopy {
  private OpenFieldCopy() {}

  /** Copies the config and the files of labeled-data/m4s1 that pass {@code keep}; returns the project root. */
  static Path make(Path dir, Predicate<String> keep) throws Exception {
    Path src = SharedData.openField();
    Path root = dir.resolve("openfield");
    Path folder = root.resolve("labeled-data/m4s1");
    Files.createDirectories(folder);
    Files.copy(src.resolve("config.yaml"), root.resolve("config.yaml"));
    try (Stream<Path> s = Files.list(src.resolve("labeled-data/m4s1"))) {
      for (Path p : s.toList()) {
        if (keep.test(p.getFileName().toString())) {
          Files.copy(p, folder.resolve(p.getFileName()));
        }
      }
    }
    return root;
  }
}

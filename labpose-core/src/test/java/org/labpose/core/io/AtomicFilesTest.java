package org.labpose.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesContent() throws Exception {
    Path f = dir.resolve("x.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    assertEquals(1, count());
  }

  @Test
  void failedWriteLeavesOldFileAndNoTemporary() throws Exception {
    Path f = dir.resolve("x.txt");
    AtomicFiles.writeString(f, "old");
    assertThrows(IOException.class, () -> AtomicFiles.writeText(f, w -> {
      w.write("half of the new");
      w.flush();
      throw new IOException("disk full");
    }));
    assertEquals("old", Files.readString(f));
    assertEquals(1, count());
  }

  private long count() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}

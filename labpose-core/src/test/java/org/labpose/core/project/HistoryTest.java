package org.labpose.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.Checksums;
import org.labpose.core.io.InputFormatException;

/** The provenance log: entries appended whole, files with checksums, a line cut by a crash skipped. */
class HistoryTest {
  @TempDir Path dir;

  @Test
  void entriesRecordCommandsAndFiles() throws Exception {
    Path in = dir.resolve("videos/a.mp4");
    Files.createDirectories(in.getParent());
    Files.writeString(in, "not really a video");
    Path outDir = dir.resolve("out");
    Files.createDirectories(outDir.resolve("sub"));
    Files.writeString(outDir.resolve("sub/b.csv"), "1,2\n");
    Files.writeString(outDir.resolve("a.csv"), "3,4\n");
    Path outside = Files.createTempFile(dir.getParent(), "history-outside", ".txt");
    try {
      History.append(dir, "0.1.0", List.of("labpose", "analyze", "x"), List.of(in, outside, dir.resolve("missing")), List.of(outDir));
      History.append(dir, "0.1.0", List.of("labpose", "filter"), List.of(), List.of());
      List<History.Entry> log = History.read(dir);
      assertEquals(2, log.size());
      History.Entry e = log.get(0);
      assertEquals(List.of("labpose", "analyze", "x"), e.command());
      assertEquals("videos/a.mp4", e.inputs().get(0).path());
      assertEquals(Checksums.sha256(in), e.inputs().get(0).sha256());
      assertEquals(18, e.inputs().get(0).bytes());
      assertEquals(outside.toAbsolutePath().normalize().toString(), e.inputs().get(1).path(), "outside the project: absolute");
      assertEquals(2, e.inputs().size(), "a missing path is left out");
      assertEquals(List.of("out/a.csv", "out/sub/b.csv"), e.outputs().stream().map(History.FileRecord::path).toList(), "a folder's files, sorted");
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void aLineCutByACrashIsSkippedAndTheNextStandsAlone() throws Exception {
    History.append(dir, "0.1.0", List.of("labpose", "one"), List.of(), List.of());
    Files.writeString(dir.resolve(History.FILE), "{\"time\": \"2026-", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1, History.read(dir).size());
    History.append(dir, "0.1.0", List.of("labpose", "two"), List.of(), List.of());
    List<History.Entry> log = History.read(dir);
    assertEquals(List.of("one", "two"), log.stream().map(x -> x.command().get(1)).toList());
  }

  @Test
  void aWholeLineThatIsNotAnEntryIsNamed() throws Exception {
    Files.writeString(dir.resolve(History.FILE), "[1, 2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> History.read(dir));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }
}

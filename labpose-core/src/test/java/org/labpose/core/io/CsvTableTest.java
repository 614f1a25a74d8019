package org.labpose.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path dir;

  @Test
  void readsQuotedCellsShortRowsAndLineNumbers() throws Exception {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "\uFEFFa,\"b,c\",\"d\"\"e\"\n\n1,2\n\"multi\nline\",x\n");
    CsvTable t = CsvTable.read(f);
    assertEquals(3, t.rows().size());
    assertEquals(List.of("a", "b,c", "d\"e"), t.rows().get(0).cells());
    assertEquals(3, t.rows().get(1).line());
    assertEquals("", t.rows().get(1).cell(5));
    assertEquals("multi\nline", t.rows().get(2).cell(0));
    assertEquals(4, t.rows().get(2).line());
  }

  @Test
  void unterminatedQuoteNamesTheLine() throws Exception {
    Path f = dir.resolve("b.csv");
    Files.writeString(f, "a,b\n\"oops,c\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> CsvTable.read(f));
    assertEquals("line 2", e.location());
  }

  @Test
  void writeRowQuotesOnlyWhenNeeded() throws Exception {
    StringWriter w = new StringWriter();
    CsvTable.writeRow(w, List.of("plain", "a,b", "q\""));
    assertEquals("plain,\"a,b\",\"q\"\"\"\n", w.toString());
  }

  @Test
  void numbersRoundTrip() {
    for (double v : new double[] {0, 1, -3, 21.521, 250.05599999999998, 1e-7, 123456.789}) {
      assertEquals(v, Double.parseDouble(CsvTable.number(v)));
    }
    assertTrue(CsvTable.number(Double.NaN).isEmpty());
    assertEquals("12.0", CsvTable.number(12));
  }
}

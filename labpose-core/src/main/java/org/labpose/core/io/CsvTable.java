package org.labpose.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole as rows of cells (RFC 4180 quoting), each row remembering its 1-based line
 * number so that errors can name it. Blank lines are skipped.
 */
public final class CsvTable {

  /** One row: its cells and the line of the file where it starts (1-based). */
  public record Row(int line, List<String> cells) {
    /** The cell at {@code i}, or the empty string past the end of a short row. */
    public String cell(int i) {
      return i < cells.size() ? cells.get(i) : "";
    }

    public int size() {
      return cells.size();
    }
  }

  private final Path file;
  private final List<Row> rows;

  private CsvTable(Path file, List<Row> rows) {
    this.file = file;
    this.rows = rows;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** All non-blank rows in file order. */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Reads a UTF-8 CSV file.
   *
   * @throws InputFormatException when the file is missing, not text, has an unterminated quote, or
   *     its last line has no newline (a file cut while it was written)
   */
  public static CsvTable read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean terminated = endsWithNewline(file);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        int start = lineNo;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
          if (i >= line.length()) {
            if (quoted) {
              String next = r.readLine();
              if (next == null) {
                throw new InputFormatException(file, "line " + start, "unterminated quoted cell");
              }
              lineNo++;
              cell.append('\n');
              line = next;
              i = 0;
              continue;
            }
            break;
          }
          char c = line.charAt(i++);
          if (quoted) {
            if (c == '"') {
              if (i < line.length() && line.charAt(i) == '"') {
                cell.append('"');
                i++;
              } else {
                quoted = false;
              }
            } else {
              cell.append(c);
            }
          } else if (c == '"') {
            quoted = true;
          } else if (c == ',') {
            cells.add(cell.toString());
            cell.setLength(0);
          } else {
            cell.append(c);
          }
        }
        cells.add(cell.toString());
        if (start == 1 && !cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
          cells.set(0, cells.get(0).substring(1));
        }
        rows.add(new Row(start, List.copyOf(cells)));
      }
    } catch (NoSuchFileException e) {
      throw new InputFormatException(file, null, "file not found");
    } catch (CharacterCodingException e) {
      throw new InputFormatException(file, null, "not a UTF-8 text file", e);
    }
    if (!terminated && !rows.isEmpty()) {
      throw new InputFormatException(file, "line " + rows.get(rows.size() - 1).line(),
          "the last line has no newline at its end: the file looks cut while it was written (if it is complete, end it with a newline)");
    }
    return new CsvTable(file, rows);
  }

  /** True for an empty file or one whose last byte is a newline. */
  private static boolean endsWithNewline(Path file) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      long size = ch.size();
      if (size == 0) {
        return true;
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, size - 1);
      return b.get(0) == '\n' || b.get(0) == '\r';
    } catch (NoSuchFileException e) {
      throw new InputFormatException(file, null, "file not found");
    }
  }

  /** Writes one CSV row, quoting cells that need it, followed by a newline. */
  public static void writeRow(Writer w, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(quote(cells.get(i)));
    }
    w.write('\n');
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Formats a coordinate as the shortest decimal that reads back to the same double; NaN as "". */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v) + ".0";
    }
    return Double.toString(v);
  }
}

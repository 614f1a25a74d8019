package org.labpose.core.io.dlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;

/**
 * The header of a DeepLabCut CSV (labels or predictions): the {@code scorer}, optional {@code
 * individuals}, {@code bodyparts} and {@code coords} rows, the number of index columns (1, or 3
 * for DeepLabCut ≥ 2.2's split image path) and, for each keypoint, the cells of its coordinates.
 */
final class DlcCsvHeader {
  final int indexColumns;
  final String scorer;
  final KeypointLayout layout;
  /** cells[k][c] = column of coordinate c (x, y[, likelihood]) of keypoint k. */
  final int[][] cells;
  /** Number of header rows (3 or 4). */
  final int headerRows;
  final int width;

  private DlcCsvHeader(int indexColumns, String scorer, KeypointLayout layout, int[][] cells, int headerRows, int width) {
    this.indexColumns = indexColumns;
    this.scorer = scorer;
    this.layout = layout;
    this.cells = cells;
    this.headerRows = headerRows;
    this.width = width;
  }

  /**
   * Parses the header.
   *
   * @param coords the coordinate names each keypoint must have, in order ({@code x, y} for
   *     labels, {@code x, y, likelihood} for predictions)
   */
  static DlcCsvHeader parse(CsvTable t, List<String> coords) throws InputFormatException {
    List<CsvTable.Row> rows = t.rows();
    CsvTable.Row scorerRow = headerRow(t, 0, "scorer");
    boolean multi = rows.size() > 1 && rows.get(1).cell(0).equals("individuals");
    CsvTable.Row indRow = multi ? headerRow(t, 1, "individuals") : null;
    CsvTable.Row bpRow = headerRow(t, multi ? 2 : 1, "bodyparts");
    CsvTable.Row coordRow = headerRow(t, multi ? 3 : 2, "coords");
    int width = coordRow.size();
    while (width > 1 && coordRow.cell(width - 1).isEmpty()) {
      width--;
    }
    int nIndex = 1;
    while (nIndex < width && coordRow.cell(nIndex).isEmpty()) {
      nIndex++;
    }
    if (nIndex >= width) {
      throw new InputFormatException(t.file(), "line " + coordRow.line(), "expected coordinate names (" + String.join(", ", coords) + ") after 'coords', found none");
    }
    String scorer = "";
    for (int c = nIndex; c < scorerRow.size() && scorer.isEmpty(); c++) {
      scorer = scorerRow.cell(c).trim();
    }
    Map<KeypointId, int[]> found = new LinkedHashMap<>();
    Map<KeypointId, Integer> filled = new LinkedHashMap<>();
    for (int c = nIndex; c < width; c++) {
      String bp = bpRow.cell(c).trim();
      String ind = multi ? indRow.cell(c).trim() : KeypointId.SINGLE_ANIMAL;
      String coord = coordRow.cell(c).trim();
      String col = "column " + (c + 1);
      if (bp.isEmpty()) {
        throw new InputFormatException(t.file(), "line " + bpRow.line() + ", " + col, "expected a bodypart name, found an empty cell");
      }
      if (multi && ind.isEmpty()) {
        throw new InputFormatException(t.file(), "line " + indRow.line() + ", " + col, "expected an individual name, found an empty cell");
      }
      KeypointId k = new KeypointId(ind, bp);
      int n = filled.getOrDefault(k, 0);
      int[] slots = found.computeIfAbsent(k, x -> new int[coords.size()]);
      if (n >= coords.size() || !coords.get(n).equals(coord)) {
        String expected = n >= coords.size() ? "no further column for " + k : "'" + coords.get(n) + "'";
        throw new InputFormatException(t.file(), "line " + coordRow.line() + ", " + col,
            "expected " + expected + " for bodypart '" + k + "' (coords " + String.join(", ", coords) + "), found '" + coord + "'");
      }
      slots[n] = c;
      filled.put(k, n + 1);
    }
    List<KeypointId> keys = new ArrayList<>(found.keySet());
    int[][] cells = new int[keys.size()][];
    for (int i = 0; i < keys.size(); i++) {
      KeypointId k = keys.get(i);
      if (filled.get(k) != coords.size()) {
        throw new InputFormatException(t.file(), "line " + coordRow.line(),
            "bodypart '" + k + "' has " + filled.get(k) + " coordinate columns, expected " + coords.size() + " (" + String.join(", ", coords) + ")");
      }
      cells[i] = found.get(k);
    }
    return new DlcCsvHeader(nIndex, scorer, new KeypointLayout(keys, multi), cells, multi ? 4 : 3, width);
  }

  private static CsvTable.Row headerRow(CsvTable t, int i, String name) throws InputFormatException {
    if (t.rows().size() <= i) {
      throw new InputFormatException(t.file(), null, "expected a DeepLabCut header row '" + name + "' but the file ends");
    }
    CsvTable.Row r = t.rows().get(i);
    if (!r.cell(0).trim().equals(name)) {
      throw new InputFormatException(t.file(), "line " + r.line(), "expected a DeepLabCut header row starting with '" + name + "', found '" + r.cell(0) + "'");
    }
    return r;
  }

  /** The index (image path or frame number) of a data row. */
  String index(CsvTable.Row r) {
    if (indexColumns == 1) {
      return r.cell(0).trim();
    }
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < indexColumns; c++) {
      String s = r.cell(c).trim();
      if (!s.isEmpty()) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(s);
      }
    }
    return sb.toString();
  }

  /** Checks that a data row has no values past the header's width. */
  void checkWidth(CsvTable t, CsvTable.Row r) throws InputFormatException {
    for (int c = width; c < r.size(); c++) {
      if (!r.cell(c).isBlank()) {
        throw new InputFormatException(t.file(), "line " + r.line() + ", column " + (c + 1),
            "value '" + r.cell(c) + "' beyond the " + width + " columns of the header");
      }
    }
  }

  /** Parses one numeric cell: empty or NaN means missing. */
  static double number(CsvTable t, CsvTable.Row r, int c, String what) throws InputFormatException {
    String s = r.cell(c).trim();
    if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s);
      if (Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InputFormatException(t.file(), "line " + r.line() + ", column " + (c + 1) + " (" + what + ")",
          "expected a number or an empty cell, found '" + s + "'");
    }
  }

  /** Largest plausible pixel coordinate (absolute value): anything beyond is a damaged file. */
  static final double MAX_COORDINATE = 1e6;

  /** A coordinate cell: a number within ±{@link #MAX_COORDINATE} px, or empty/NaN (missing). */
  static double coordinate(CsvTable t, CsvTable.Row r, int c, String what) throws InputFormatException {
    double v = number(t, r, c, what);
    if (Math.abs(v) > MAX_COORDINATE) {
      throw new InputFormatException(t.file(), "line " + r.line() + ", column " + (c + 1) + " (" + what + ")",
          "expected a pixel coordinate within ±" + (long) MAX_COORDINATE + ", found " + r.cell(c).trim());
    }
    return v;
  }

  /** A likelihood cell: a number from 0 to 1, or empty/NaN (missing). */
  static double likelihood(CsvTable t, CsvTable.Row r, int c, String what) throws InputFormatException {
    double v = number(t, r, c, what);
    if (v < 0 || v > 1) {
      throw new InputFormatException(t.file(), "line " + r.line() + ", column " + (c + 1) + " (" + what + ")",
          "expected a likelihood from 0 to 1, found " + r.cell(c).trim());
    }
    return v;
  }

  /** Header rows for writing. */
  static List<List<String>> headerRows(String scorer, KeypointLayout layout, List<String> coords, int indexColumns) {
    List<List<String>> out = new ArrayList<>();
    List<String> sc = prefix("scorer", indexColumns);
    List<String> in = prefix("individuals", indexColumns);
    List<String> bp = prefix("bodyparts", indexColumns);
    List<String> co = prefix("coords", indexColumns);
    for (KeypointId k : layout.keypoints()) {
      for (String c : coords) {
        sc.add(scorer);
        in.add(k.individual());
        bp.add(k.bodypart());
        co.add(c);
      }
    }
    out.add(sc);
    if (layout.isMultiAnimal()) {
      out.add(in);
    }
    out.add(bp);
    out.add(co);
    return out;
  }

  private static List<String> prefix(String name, int indexColumns) {
    List<String> l = new ArrayList<>();
    l.add(name);
    for (int i = 1; i < indexColumns; i++) {
      l.add("");
    }
    return l;
  }
}

package org.labpose.core.io.dlc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * DeepLabCut prediction CSVs, as {@code analyze_videos} writes them: header rows {@code scorer}
 * (the network name), {@code individuals} (multi-animal only), {@code bodyparts} and {@code
 * coords} ({@code x, y, likelihood} per bodypart), then one row per frame indexed by the 0-based
 * frame number. Coordinates in pixels, origin top-left; empty cells are missing values.
 */
public final class DlcPredictionCsv {
  static final List<String> COORDS = List.of("x", "y", "likelihood");

  private DlcPredictionCsv() {}

  /**
   * Reads a prediction CSV. Frames absent from the file are missing (NaN) rows.
   *
   * @throws InputFormatException naming the line and column of a wrong header, a frame index that
   *     is not a non-negative whole number or repeats, a non-numeric value, a coordinate beyond
   *     ±10⁶ px, a likelihood outside [0, 1], or a last line cut before its newline
   */
  public static PoseTable read(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    DlcCsvHeader h = DlcCsvHeader.parse(t, COORDS);
    int n = 0;
    int[] frameOf = new int[t.rows().size()];
    for (int i = h.headerRows; i < t.rows().size(); i++) {
      CsvTable.Row r = t.rows().get(i);
      String idx = h.index(r);
      int f;
      try {
        f = Integer.parseInt(idx);
      } catch (NumberFormatException e) {
        f = -1;
      }
      if (f < 0) {
        throw new InputFormatException(file, "line " + r.line() + ", column 1", "expected a frame number (0, 1, 2...), found '" + idx + "'");
      }
      // frames may be left out (missing rows), but not so many that the table dwarfs the file
      long limit = 16L * (t.rows().size() - h.headerRows) + 100_000;
      if (f >= limit) {
        throw new InputFormatException(file, "line " + r.line() + ", column 1", "frame number " + f + " is implausible for a file of "
            + (t.rows().size() - h.headerRows) + " rows (at most " + (limit - 1) + ")");
      }
      frameOf[i] = f;
      n = Math.max(n, f + 1);
    }
    PoseTable table = new PoseTable(h.scorer, h.layout, n);
    boolean[] seen = new boolean[n];
    List<KeypointId> keys = h.layout.keypoints();
    for (int i = h.headerRows; i < t.rows().size(); i++) {
      CsvTable.Row r = t.rows().get(i);
      int f = frameOf[i];
      if (seen[f]) {
        throw new InputFormatException(file, "line " + r.line(), "frame " + f + " appears twice");
      }
      seen[f] = true;
      h.checkWidth(t, r);
      for (int k = 0; k < keys.size(); k++) {
        KeypointId kp = keys.get(k);
        double x = DlcCsvHeader.coordinate(t, r, h.cells[k][0], kp + " x");
        double y = DlcCsvHeader.coordinate(t, r, h.cells[k][1], kp + " y");
        double p = DlcCsvHeader.likelihood(t, r, h.cells[k][2], kp + " likelihood");
        table.set(f, kp, x, y, p);
      }
    }
    return table;
  }

  /** Writes a prediction table atomically, one row per frame. */
  public static void write(PoseTable table, Path file) throws IOException {
    List<List<String>> header = DlcCsvHeader.headerRows(table.scorer(), table.layout(), COORDS, 1);
    List<KeypointId> keys = table.layout().keypoints();
    AtomicFiles.writeText(file, w -> {
      for (List<String> row : header) {
        CsvTable.writeRow(w, row);
      }
      List<String> cells = new ArrayList<>(1 + 3 * keys.size());
      for (int f = 0; f < table.frameCount(); f++) {
        cells.clear();
        cells.add(Integer.toString(f));
        for (KeypointId k : keys) {
          cells.add(CsvTable.number(table.x(f, k)));
          cells.add(CsvTable.number(table.y(f, k)));
          cells.add(CsvTable.number(table.likelihood(f, k)));
        }
        CsvTable.writeRow(w, cells);
      }
    });
  }
}

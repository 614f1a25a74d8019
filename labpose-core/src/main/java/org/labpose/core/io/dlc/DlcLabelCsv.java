package org.labpose.core.io.dlc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/**
 * DeepLabCut label CSVs ({@code CollectedData_<scorer>.csv}): the 3-row single-animal header, the
 * 4-row multi-animal header (unique bodyparts under the individual {@code single}), and either a
 * one-column image-path index or DeepLabCut ≥ 2.2's index split over three columns ({@code
 * labeled-data,video,img000.png}). An empty cell is a missing coordinate.
 */
public final class DlcLabelCsv {

  /** How the image path is written in the first column(s). */
  public enum IndexStyle {
    /** {@code labeled-data/video/img000.png} in one column. */
    SINGLE_COLUMN,
    /** {@code labeled-data,video,img000.png} over three columns (DeepLabCut ≥ 2.2). */
    SPLIT
  }

  /** A label file as read: the labels and the index style to write them back with. */
  public record Parsed(LabelSet labels, IndexStyle style) {}

  private DlcLabelCsv() {}

  /** Reads a label CSV. See {@link #parse}. */
  public static LabelSet read(Path file) throws IOException {
    return parse(file).labels();
  }

  /**
   * Reads a label CSV and reports its index style.
   *
   * @throws InputFormatException naming the line and column of a wrong header, a non-numeric
   *     coordinate, or a duplicate frame
   */
  public static Parsed parse(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    DlcCsvHeader h = DlcCsvHeader.parse(t, List.of("x", "y"));
    List<LabeledFrame> frames = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<KeypointId> keys = h.layout.keypoints();
    for (int i = h.headerRows; i < t.rows().size(); i++) {
      CsvTable.Row r = t.rows().get(i);
      String path = h.index(r);
      if (path.isEmpty()) {
        throw new InputFormatException(file, "line " + r.line(), "expected an image path in the first column, found an empty cell");
      }
      Integer prev = seen.put(path, r.line());
      if (prev != null) {
        throw new InputFormatException(file, "line " + r.line(), "duplicate frame '" + path + "' (already on line " + prev + ")");
      }
      h.checkWidth(t, r);
      double[] xy = new double[2 * keys.size()];
      for (int k = 0; k < keys.size(); k++) {
        xy[2 * k] = DlcCsvHeader.coordinate(t, r, h.cells[k][0], keys.get(k) + " x");
        xy[2 * k + 1] = DlcCsvHeader.coordinate(t, r, h.cells[k][1], keys.get(k) + " y");
      }
      frames.add(new LabeledFrame(path, h.layout, xy));
    }
    IndexStyle style = h.indexColumns == 1 ? IndexStyle.SINGLE_COLUMN : IndexStyle.SPLIT;
    return new Parsed(new LabelSet(h.scorer, h.layout, frames), style);
  }

  /** Writes labels atomically with DeepLabCut ≥ 2.2's split index. */
  public static void write(LabelSet labels, Path file) throws IOException {
    write(labels, file, IndexStyle.SPLIT);
  }

  /**
   * Writes labels atomically. With {@link IndexStyle#SPLIT}, a path that is not {@code
   * labeled-data/<folder>/<image>} is written in one column instead.
   */
  public static void write(LabelSet labels, Path file, IndexStyle style) throws IOException {
    boolean split = style == IndexStyle.SPLIT;
    for (LabeledFrame f : labels.frames()) {
      if (f.imagePath().split("/").length != 3) {
        split = false;
      }
    }
    int nIndex = split ? 3 : 1;
    List<List<String>> header = DlcCsvHeader.headerRows(labels.scorer(), labels.layout(), List.of("x", "y"), nIndex);
    AtomicFiles.writeText(file, w -> {
      for (List<String> row : header) {
        CsvTable.writeRow(w, row);
      }
      List<String> cells = new ArrayList<>();
      for (LabeledFrame f : labels.frames()) {
        cells.clear();
        if (nIndex == 3) {
          cells.addAll(List.of(f.imagePath().split("/")));
        } else {
          cells.add(f.imagePath());
        }
        for (KeypointId k : labels.layout().keypoints()) {
          cells.add(CsvTable.number(f.x(k)));
          cells.add(CsvTable.number(f.y(k)));
        }
        CsvTable.writeRow(w, cells);
      }
    });
  }
}

package org.labpose.core.io.dlc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.hdf5.PandasFrameH5;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;

/**
 * DeepLabCut's HDF5 files as pandas writes them, under the key {@code df_with_missing}: labels
 * ({@code CollectedData_<scorer>.h5}) and predictions ({@code <video><scorer>.h5}). Written in
 * pandas' {@code fixed} layout, so that {@code pandas.read_hdf(path)} returns the DataFrame that
 * {@code pandas.read_csv} returns for the matching CSV: columns {@code scorer/[individuals/]
 * bodyparts/coords}; predictions indexed by the frame number (0-based), labels by {@code
 * labeled-data, video, image} (one column of paths when a path has another shape). Coordinates in
 * pixels, origin top-left, x right, y down; likelihoods in [0, 1]; NaN for missing values.
 */
public final class DlcH5 {
  /** The key DeepLabCut reads and writes. */
  public static final String KEY = "df_with_missing";

  private DlcH5() {}

  /** The {@code .h5} that goes with a CSV: the same name with {@code .h5} for {@code .csv}. */
  public static Path besideCsv(Path csv) {
    String n = csv.getFileName().toString();
    String stem = n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    return csv.resolveSibling(stem + ".h5");
  }

  /**
   * Writes predictions as DeepLabCut does: the CSV, then the {@code .h5} beside it ({@link
   * #besideCsv}), each atomically.
   */
  public static void writeCsvAndH5(PoseTable table, Path csv) throws IOException {
    DlcPredictionCsv.write(table, csv);
    writePredictions(table, besideCsv(csv));
  }

  /** Writes a prediction table atomically, one row per frame (the CSV's rows and columns). */
  public static void writePredictions(PoseTable table, Path file) throws IOException {
    List<KeypointId> keys = table.layout().keypoints();
    List<List<String>> columns = columns(table.scorer(), table.layout(), DlcPredictionCsv.COORDS);
    double[][] values = new double[table.frameCount()][columns.size()];
    for (int f = 0; f < table.frameCount(); f++) {
      for (int k = 0; k < keys.size(); k++) {
        values[f][3 * k] = table.x(f, keys.get(k));
        values[f][3 * k + 1] = table.y(f, keys.get(k));
        values[f][3 * k + 2] = table.likelihood(f, keys.get(k));
      }
    }
    PandasFrameH5.write(file, KEY, levelNames(table.layout()), columns, new PandasFrameH5.Range(table.frameCount()), values);
  }

  /**
   * Writes labels atomically, rows indexed as {@link DlcLabelCsv#write(LabelSet, Path)} indexes
   * them (DeepLabCut ≥ 2.2's three-level index where every path has that shape).
   */
  public static void writeLabels(LabelSet labels, Path file) throws IOException {
    writeLabels(labels, file, DlcLabelCsv.IndexStyle.SPLIT);
  }

  /**
   * Writes labels atomically with the given index style ({@link DlcLabelCsv.IndexStyle#SINGLE_COLUMN}:
   * one level of paths, as DeepLabCut before 2.2 wrote them).
   */
  public static void writeLabels(LabelSet labels, Path file, DlcLabelCsv.IndexStyle style) throws IOException {
    List<KeypointId> keys = labels.layout().keypoints();
    boolean split = style == DlcLabelCsv.IndexStyle.SPLIT;
    for (LabeledFrame f : labels.frames()) {
      split &= f.imagePath().split("/").length == 3;
    }
    List<List<String>> rows = new ArrayList<>();
    double[][] values = new double[labels.size()][2 * keys.size()];
    for (int r = 0; r < labels.size(); r++) {
      LabeledFrame f = labels.frames().get(r);
      rows.add(split ? List.of(f.imagePath().split("/")) : List.of(f.imagePath()));
      for (int k = 0; k < keys.size(); k++) {
        values[r][2 * k] = f.x(keys.get(k));
        values[r][2 * k + 1] = f.y(keys.get(k));
      }
    }
    PandasFrameH5.write(file, KEY, levelNames(labels.layout()), columns(labels.scorer(), labels.layout(), List.of("x", "y")),
        new PandasFrameH5.Labels(rows), values);
  }

  /**
   * Reads a prediction {@code .h5} (fixed or table layout; DeepLabCut's own files too). Frames are
   * the row index's numbers; frames absent from the file are missing (NaN) rows.
   *
   * @throws InputFormatException when the file is no pandas frame, its columns are not
   *     scorer/[individuals/]bodyparts/coords with x, y and likelihood, a row is not a frame
   *     number, or a value is out of range (naming the row and column)
   */
  public static PoseTable readPredictions(Path file) throws IOException {
    PandasFrameH5.Frame t = PandasFrameH5.read(file);
    if (t.columns().isEmpty()) {
      throw new InputFormatException(file, KEY, "the frame has no columns");
    }
    int levels = t.columns().get(0).size();
    if (levels != 3 && levels != 4) {
      throw new InputFormatException(file, KEY, "expected 3 (scorer, bodyparts, coords) or 4 (with individuals) column levels, found " + levels);
    }
    boolean multi = levels == 4;
    Map<KeypointId, int[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < t.columns().size(); c++) {
      List<String> tuple = t.columns().get(c);
      KeypointId k = multi ? new KeypointId(tuple.get(1), tuple.get(2)) : KeypointId.of(tuple.get(1));
      int pos = DlcPredictionCsv.COORDS.indexOf(tuple.get(levels - 1));
      if (pos < 0) {
        throw new InputFormatException(file, "column " + tuple, "expected coords x, y or likelihood, found '" + tuple.get(levels - 1) + "'");
      }
      cols.computeIfAbsent(k, x -> new int[] {-1, -1, -1})[pos] = c;
    }
    List<KeypointId> keys = new ArrayList<>(cols.keySet());
    for (KeypointId k : keys) {
      for (int pos = 0; pos < 3; pos++) {
        if (cols.get(k)[pos] < 0) {
          throw new InputFormatException(file, "bodypart " + k, "expected x, y and likelihood columns, '" + DlcPredictionCsv.COORDS.get(pos) + "' missing");
        }
      }
    }
    List<String> rows = t.rowNames();
    int[] frameOf = new int[rows.size()];
    int n = 0;
    long limit = 16L * rows.size() + 100_000;
    for (int r = 0; r < rows.size(); r++) {
      int f;
      try {
        f = Integer.parseInt(rows.get(r));
      } catch (NumberFormatException e) {
        f = -1;
      }
      if (f < 0 || f >= limit) {
        throw new InputFormatException(file, "row " + r, "expected a frame number below " + limit + ", found '" + rows.get(r) + "'");
      }
      frameOf[r] = f;
      n = Math.max(n, f + 1);
    }
    String scorer = t.columns().get(0).get(0);
    PoseTable table = new PoseTable(scorer, new KeypointLayout(keys, multi), n);
    Map<Integer, Integer> seen = new HashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      if (seen.put(frameOf[r], r) != null) {
        throw new InputFormatException(file, "row " + r, "frame " + frameOf[r] + " appears twice");
      }
      for (KeypointId k : keys) {
        int[] c = cols.get(k);
        double x = t.values()[r][c[0]];
        double y = t.values()[r][c[1]];
        double p = t.values()[r][c[2]];
        for (double v : new double[] {x, y}) {
          if (Double.isInfinite(v) || Math.abs(v) > DlcCsvHeader.MAX_COORDINATE) {
            throw new InputFormatException(file, "frame " + frameOf[r] + ", " + k, "expected a pixel coordinate within ±"
                + (long) DlcCsvHeader.MAX_COORDINATE + " or NaN, found " + v);
          }
        }
        if (!Double.isNaN(p) && !(p >= 0 && p <= 1)) {
          throw new InputFormatException(file, "frame " + frameOf[r] + ", " + k + " likelihood", "expected a value in [0, 1] or NaN, found " + p);
        }
        table.set(frameOf[r], k, x, y, p);
      }
    }
    return table;
  }

  private static List<String> levelNames(KeypointLayout layout) {
    return layout.isMultiAnimal() ? List.of("scorer", "individuals", "bodyparts", "coords") : List.of("scorer", "bodyparts", "coords");
  }

  private static List<List<String>> columns(String scorer, KeypointLayout layout, List<String> coords) {
    List<List<String>> out = new ArrayList<>();
    for (KeypointId k : layout.keypoints()) {
      for (String c : coords) {
        out.add(layout.isMultiAnimal() ? List.of(scorer, k.individual(), k.bodypart(), c) : List.of(scorer, k.bodypart(), c));
      }
    }
    return out;
  }
}

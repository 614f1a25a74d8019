package org.labpose.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.model.KeypointId;

/**
 * Heights of keypoints above the floor, per frame: what a 3D recording adds to a top view. The file
 * {@code <predictions stem>_heights.csv} beside a 2D prediction CSV: a first row {@code unit,<unit>}
 * (e.g. mm), a header {@code frame,<keypoint>...} (a keypoint as its bodypart, or {@code
 * individual:bodypart} for several animals), then one row per frame, empty where unknown.
 */
public final class HeightCsv {
  private HeightCsv() {}

  /** The heights: {@code values[frame][keypoint]}, NaN where unknown, in {@code unit}. */
  public record Table(List<KeypointId> keypoints, String unit, double[][] values) {
    /** One keypoint's heights over the frames, or null when the table does not have it. */
    public double[] series(KeypointId k) {
      int i = keypoints.indexOf(k);
      if (i < 0) {
        return null;
      }
      double[] out = new double[values.length];
      for (int f = 0; f < values.length; f++) {
        out[f] = values[f][i];
      }
      return out;
    }
  }

  /** The heights file that goes with a prediction CSV. */
  public static Path beside(Path predictions) {
    String name = predictions.getFileName().toString().replaceFirst("\\.csv$", "");
    return predictions.resolveSibling(name + "_heights.csv");
  }

  /** The heights file beside a prediction CSV ({@link #beside}), or null when there is none. */
  public static Table readBeside(Path predictions) throws IOException {
    Path f = beside(predictions);
    return java.nio.file.Files.isRegularFile(f) ? read(f) : null;
  }

  private static String column(KeypointId k) {
    return k.individual().equals(KeypointId.SINGLE_ANIMAL) ? k.bodypart() : k.individual() + ":" + k.bodypart();
  }

  /** Writes the file atomically. */
  public static void write(Table t, Path file) throws IOException {
    AtomicFiles.writeText(file, w -> {
      CsvTable.writeRow(w, List.of("unit", t.unit()));
      List<String> header = new ArrayList<>(List.of("frame"));
      t.keypoints().forEach(k -> header.add(column(k)));
      CsvTable.writeRow(w, header);
      List<String> row = new ArrayList<>();
      for (int f = 0; f < t.values().length; f++) {
        row.clear();
        row.add(Integer.toString(f));
        for (double v : t.values()[f]) {
          row.add(Double.isNaN(v) ? "" : CsvTable.number(v));
        }
        CsvTable.writeRow(w, row);
      }
    });
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws InputFormatException naming the line that is not what was written
   */
  public static Table read(Path file) throws IOException {
    List<CsvTable.Row> rows = CsvTable.read(file).rows();
    if (rows.size() < 2 || !rows.get(0).cell(0).equals("unit") || !rows.get(1).cell(0).equals("frame")) {
      throw new InputFormatException(file, "line 1", "expected a row 'unit,<unit>' and a header 'frame,<keypoints>'");
    }
    List<KeypointId> keys = new ArrayList<>();
    for (String c : rows.get(1).cells().subList(1, rows.get(1).size())) {
      int colon = c.indexOf(':');
      keys.add(colon < 0 ? KeypointId.of(c) : new KeypointId(c.substring(0, colon), c.substring(colon + 1)));
    }
    double[][] values = new double[rows.size() - 2][keys.size()];
    for (int r = 2; r < rows.size(); r++) {
      CsvTable.Row row = rows.get(r);
      try {
        if (Integer.parseInt(row.cell(0)) != r - 2) {
          throw new InputFormatException(file, "line " + row.line(), "frame " + row.cell(0) + " where frame " + (r - 2) + " was expected");
        }
        for (int k = 0; k < keys.size(); k++) {
          String s = row.cell(k + 1);
          values[r - 2][k] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }
      } catch (NumberFormatException e) {
        throw new InputFormatException(file, "line " + row.line(), "a cell that is not a number: " + e.getMessage());
      }
    }
    return new Table(keys, rows.get(0).cell(1), values);
  }
}

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

/**
 * Reads DeepLabCut label files in HDF5 ({@code CollectedData_<scorer>.h5}), as pandas writes them
 * with PyTables under the key {@code df_with_missing}: the {@code fixed} layout (column and row
 * MultiIndex as level/label arrays, values in {@code block<i>_values}) and the {@code table}
 * layout (a compound {@code table} dataset; column names pickled in the attributes), through
 * {@link PandasFrameH5}. Rows indexed by a MultiIndex ({@code labeled-data, video, img.png}) become
 * {@code labeled-data/video/img.png}. Coordinates are pixels, origin top-left, x right, y down.
 */
public final class DlcLabelH5 {
  private DlcLabelH5() {}

  /**
   * Reads a label {@code .h5}.
   *
   * @throws InputFormatException when the file is not HDF5, holds no pandas frame, or its columns
   *     are not DeepLabCut's scorer/[individuals/]bodyparts/coords with x and y
   */
  public static LabelSet read(Path file) throws IOException {
    return toLabels(file, PandasFrameH5.read(file));
  }

  // ------------------------------------------------------------------ to labels

  private static LabelSet toLabels(Path file, PandasFrameH5.Frame t) throws IOException {
    if (t.columns().isEmpty()) {
      throw new InputFormatException(file, null, "the frame has no columns");
    }
    int levels = t.columns().get(0).size();
    if (levels != 3 && levels != 4) {
      throw new InputFormatException(file, null, "expected 3 (scorer, bodyparts, coords) or 4 (with individuals) column levels, found " + levels);
    }
    boolean multi = levels == 4;
    String scorer = t.columns().get(0).get(0);
    Map<KeypointId, int[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < t.columns().size(); c++) {
      List<String> tuple = t.columns().get(c);
      KeypointId k = multi ? new KeypointId(tuple.get(1), tuple.get(2)) : KeypointId.of(tuple.get(1));
      String coord = tuple.get(levels - 1);
      int[] xy = cols.computeIfAbsent(k, x -> new int[] {-1, -1});
      if (coord.equals("x")) {
        xy[0] = c;
      } else if (coord.equals("y")) {
        xy[1] = c;
      } else {
        throw new InputFormatException(file, "column " + tuple, "expected coords x or y, found '" + coord + "'");
      }
    }
    List<KeypointId> keys = new ArrayList<>(cols.keySet());
    for (KeypointId k : keys) {
      if (cols.get(k)[0] < 0 || cols.get(k)[1] < 0) {
        throw new InputFormatException(file, "bodypart " + k, "expected both x and y columns");
      }
    }
    KeypointLayout layout = new KeypointLayout(keys, multi);
    List<LabeledFrame> frames = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> index = t.rowNames();
    for (int r = 0; r < index.size(); r++) {
      String path = index.get(r);
      if (seen.put(path, r) != null) {
        throw new InputFormatException(file, "row " + (r + 1), "duplicate frame '" + path + "'");
      }
      if (path.isEmpty() || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw new InputFormatException(file, "row " + (r + 1), "expected an image path, found '" + path.replaceAll("\\p{Cntrl}", "?") + "'");
      }
      double[] xy = new double[2 * keys.size()];
      for (int k = 0; k < keys.size(); k++) {
        xy[2 * k] = t.values()[r][cols.get(keys.get(k))[0]];
        xy[2 * k + 1] = t.values()[r][cols.get(keys.get(k))[1]];
      }
      for (int k = 0; k < 2 * keys.size(); k++) {
        if (Double.isInfinite(xy[k]) || Math.abs(xy[k]) > DlcCsvHeader.MAX_COORDINATE) {
          throw new InputFormatException(file, "row " + (r + 1) + " ('" + path + "'), " + keys.get(k / 2) + (k % 2 == 0 ? " x" : " y"),
              "expected a pixel coordinate within ±" + (long) DlcCsvHeader.MAX_COORDINATE + " or NaN, found " + xy[k]);
        }
      }
      frames.add(new LabeledFrame(path, layout, xy));
    }
    return new LabelSet(scorer, layout, frames);
  }
}

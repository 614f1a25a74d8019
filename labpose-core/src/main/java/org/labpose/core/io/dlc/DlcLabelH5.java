package org.labpose.core.io.dlc;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.hdf5.Hdf5Files;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/**
 * Reads DeepLabCut label files in HDF5 ({@code CollectedData_<scorer>.h5}), as pandas writes them
 * with PyTables under the key {@code df_with_missing}: the {@code fixed} layout (column and row
 * MultiIndex as level/label arrays, values in {@code block<i>_values}) and the {@code table}
 * layout (a compound {@code table} dataset; column names pickled in the attributes). Rows indexed
 * by a MultiIndex ({@code labeled-data, video, img.png}) become {@code labeled-data/video/img.png}.
 *
 * <p>Reading only: writing pandas-compatible HDF5 is not supported; LabPose writes the CSV.
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
    try (HdfFile h5 = Hdf5Files.open(file)) {
      Group g = frameGroup(file, h5);
      String type = stringAttr(g, "pandas_type");
      Table t;
      if ("frame_table".equals(type)) {
        t = readTable(file, g);
      } else if ("frame".equals(type)) {
        t = readFixed(file, g);
      } else {
        throw new InputFormatException(file, "group " + g.getPath(), "expected a pandas DataFrame (pandas_type frame or frame_table), found " + type);
      }
      return toLabels(file, t);
    } catch (RuntimeException e) {
      // jhdf on a damaged file: a bad address, length or type somewhere in its structures
      throw new InputFormatException(file, null, "damaged or not a pandas HDF5 label file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** Rows (image paths), column tuples (scorer, [individual,] bodypart, coord) and values [row][col]. */
  private record Table(List<String> index, List<List<String>> columns, double[][] values) {}

  private static Group frameGroup(Path file, HdfFile h5) throws IOException {
    Node n = h5.getChildren().get("df_with_missing");
    if (n instanceof Group g) {
      return g;
    }
    for (Node c : h5.getChildren().values()) {
      if (c instanceof Group g && g.getAttribute("pandas_type") != null) {
        return g;
      }
    }
    throw new InputFormatException(file, null, "expected a pandas frame under the key 'df_with_missing', found none");
  }

  private static String stringAttr(Node n, String name) {
    Attribute a = n.getAttribute(name);
    if (a == null) {
      return null;
    }
    Object d = a.getData();
    if (d instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return d == null ? null : d.toString();
  }

  private static Object pickleAttr(Path file, Node n, String name) throws IOException {
    Attribute a = n.getAttribute(name);
    if (a == null) {
      throw new InputFormatException(file, n.getPath(), "attribute '" + name + "' missing");
    }
    Object d = a.getData();
    byte[] bytes = d instanceof byte[] b ? b : String.valueOf(d).getBytes(StandardCharsets.ISO_8859_1);
    try {
      return MiniPickle.load(bytes);
    } catch (IOException e) {
      throw new InputFormatException(file, n.getPath() + " attribute " + name, "unreadable column names: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ table layout

  @SuppressWarnings("unchecked")
  private static Table readTable(Path file, Group g) throws IOException {
    Node tn = g.getChild("table");
    if (!(tn instanceof Dataset ds)) {
      throw new InputFormatException(file, g.getPath(), "expected a 'table' dataset in the table layout");
    }
    Hdf5Files.requirePlausible(file, ds);
    if (!(ds.getData() instanceof Map<?, ?> raw)) {
      throw new InputFormatException(file, tn.getPath(), "expected a compound 'table' dataset");
    }
    Map<String, Object> data = (Map<String, Object>) raw;
    List<String> indexCols = new ArrayList<>();
    Object ic = pickleAttr(file, g, "index_cols");
    for (Object e : (List<Object>) ic) {
      indexCols.add(String.valueOf(((List<Object>) e).get(1)));
    }
    List<String[]> indexParts = new ArrayList<>();
    for (String c : indexCols) {
      Object col = data.get(c);
      if (col == null) {
        throw new InputFormatException(file, tn.getPath(), "index column '" + c + "' missing");
      }
      indexParts.add(strings(col));
    }
    if (indexParts.isEmpty()) {
      throw new InputFormatException(file, g.getPath() + " attribute index_cols", "no index columns");
    }
    int n = indexParts.get(0).length;
    for (int i = 0; i < indexParts.size(); i++) {
      if (indexParts.get(i).length != n) {
        throw new InputFormatException(file, tn.getPath(), "index column '" + indexCols.get(i) + "' has " + indexParts.get(i).length + " rows, expected " + n);
      }
    }
    List<String> index = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      StringBuilder sb = new StringBuilder();
      for (String[] p : indexParts) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(p[r]);
      }
      index.add(sb.toString());
    }
    List<String> blocks = new ArrayList<>();
    for (Object o : (List<Object>) pickleAttr(file, g, "values_cols")) {
      blocks.add(String.valueOf(o));
    }
    List<List<String>> columns = new ArrayList<>();
    List<double[]> colValues = new ArrayList<>();
    for (String b : blocks) {
      List<Object> kind = (List<Object>) pickleAttr(file, ds, b + "_kind");
      if (!(data.get(b) instanceof double[][] vals)) {
        throw new InputFormatException(file, tn.getPath(), "values column '" + b + "' is not a float64 array");
      }
      if (vals.length != n) {
        throw new InputFormatException(file, tn.getPath(), "values column '" + b + "' has " + vals.length + " rows, expected " + n);
      }
      for (double[] row : vals) {
        if (row.length != kind.size()) {
          throw new InputFormatException(file, tn.getPath(), "values column '" + b + "' has " + row.length + " values per row, its names " + kind.size());
        }
      }
      for (int c = 0; c < kind.size(); c++) {
        List<String> tuple = new ArrayList<>();
        for (Object o : (List<Object>) kind.get(c)) {
          tuple.add(String.valueOf(o));
        }
        columns.add(tuple);
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = vals[r][c];
        }
        colValues.add(v);
      }
    }
    double[][] values = new double[n][columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      for (int r = 0; r < n; r++) {
        values[r][c] = colValues.get(c)[r];
      }
    }
    return new Table(index, columns, values);
  }

  // ------------------------------------------------------------------ fixed layout

  private static Table readFixed(Path file, Group g) throws IOException {
    List<List<String>> columns = axis(file, g, "axis0");
    List<String> index = new ArrayList<>();
    for (List<String> t : axis(file, g, "axis1")) {
      index.add(String.join("/", t));
    }
    int nblocks = intAttr(file, g, "nblocks", 1, 1 << 16);
    Map<List<String>, Integer> colPos = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      colPos.put(columns.get(c), c);
    }
    double[][] values = new double[index.size()][columns.size()];
    for (int b = 0; b < nblocks; b++) {
      List<List<String>> items = axis(file, g, "block" + b + "_items");
      Dataset vd = dataset(file, g, "block" + b + "_values");
      if (!(vd.getData() instanceof double[][] vals)) {
        throw new InputFormatException(file, g.getPath(), "block" + b + "_values is not a 2-D float64 array");
      }
      if (vals.length != index.size() || (vals.length > 0 && vals[0].length != items.size())) {
        throw new InputFormatException(file, vd.getPath(), "has " + vals.length + "x" + (vals.length > 0 ? vals[0].length : 0)
            + " values, expected " + index.size() + " rows x " + items.size() + " columns");
      }
      for (int i = 0; i < items.size(); i++) {
        Integer c = colPos.get(items.get(i));
        if (c == null) {
          throw new InputFormatException(file, g.getPath(), "block column " + items.get(i) + " not among the frame's columns");
        }
        for (int r = 0; r < index.size(); r++) {
          values[r][c] = vals[r][i];
        }
      }
    }
    return new Table(index, columns, values);
  }

  /** Reads an axis (plain or MultiIndex) as tuples of strings. */
  private static List<List<String>> axis(Path file, Group g, String name) throws IOException {
    String variety = stringAttr(g, name + "_variety");
    List<List<String>> out = new ArrayList<>();
    if ("multi".equals(variety)) {
      int levels = intAttr(file, g, name + "_nlevels", 1, 16);
      List<String[]> lv = new ArrayList<>();
      List<int[]> lb = new ArrayList<>();
      for (int l = 0; l < levels; l++) {
        lv.add(strings(dataset(file, g, name + "_level" + l).getData()));
        lb.add(ints(dataset(file, g, name + "_label" + l).getData()));
      }
      int n = lb.get(0).length;
      for (int l = 0; l < levels; l++) {
        if (lb.get(l).length != n) {
          throw new InputFormatException(file, g.getPath() + "/" + name + "_label" + l, "has " + lb.get(l).length + " codes, level 0 has " + n);
        }
      }
      for (int i = 0; i < n; i++) {
        List<String> t = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
          int code = lb.get(l)[i];
          if (code >= lv.get(l).length) {
            throw new InputFormatException(file, g.getPath() + "/" + name + "_label" + l, "code " + code + " at position " + i
                + " but the level has " + lv.get(l).length + " names");
          }
          t.add(code < 0 ? "" : lv.get(l)[code]);
        }
        out.add(t);
      }
    } else {
      for (String s : strings(dataset(file, g, name).getData())) {
        out.add(List.of(s));
      }
    }
    return out;
  }

  private static Dataset dataset(Path file, Group g, String name) throws IOException {
    Node n = g.getChild(name);
    if (n instanceof Dataset d) {
      Hdf5Files.requirePlausible(file, d);
      return d;
    }
    throw new InputFormatException(file, g.getPath(), "dataset '" + name + "' missing");
  }

  private static int intAttr(Path file, Group g, String name, int min, int max) throws IOException {
    String v = stringAttr(g, name);
    try {
      int i = Integer.parseInt(v == null ? "" : v.trim());
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new InputFormatException(file, g.getPath() + " attribute " + name, "expected a whole number from " + min + " to " + max + ", found '" + v + "'");
    }
  }

  private static String[] strings(Object arr) {
    int n = Array.getLength(arr);
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      Object o = Array.get(arr, i);
      s[i] = o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }
    return s;
  }

  private static int[] ints(Object arr) {
    int n = Array.getLength(arr);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = ((Number) Array.get(arr, i)).intValue();
    }
    return v;
  }

  // ------------------------------------------------------------------ to labels

  private static LabelSet toLabels(Path file, Table t) throws IOException {
    if (t.columns.isEmpty()) {
      throw new InputFormatException(file, null, "the frame has no columns");
    }
    int levels = t.columns.get(0).size();
    if (levels != 3 && levels != 4) {
      throw new InputFormatException(file, null, "expected 3 (scorer, bodyparts, coords) or 4 (with individuals) column levels, found " + levels);
    }
    boolean multi = levels == 4;
    String scorer = t.columns.get(0).get(0);
    Map<KeypointId, int[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < t.columns.size(); c++) {
      List<String> tuple = t.columns.get(c);
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
    for (int r = 0; r < t.index.size(); r++) {
      String path = t.index.get(r);
      if (seen.put(path, r) != null) {
        throw new InputFormatException(file, "row " + (r + 1), "duplicate frame '" + path + "'");
      }
      if (path.isEmpty() || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw new InputFormatException(file, "row " + (r + 1), "expected an image path, found '" + path.replaceAll("\\p{Cntrl}", "?") + "'");
      }
      double[] xy = new double[2 * keys.size()];
      for (int k = 0; k < keys.size(); k++) {
        xy[2 * k] = t.values[r][cols.get(keys.get(k))[0]];
        xy[2 * k + 1] = t.values[r][cols.get(keys.get(k))[1]];
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

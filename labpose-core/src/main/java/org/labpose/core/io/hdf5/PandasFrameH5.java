package org.labpose.core.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/**
 * Writes one pandas {@code DataFrame} of floating-point values to HDF5 in pandas' {@code fixed}
 * layout, as {@code DataFrame.to_hdf(path, key, format="fixed")} does through PyTables, so that
 * {@code pandas.read_hdf(path)} returns the same frame: the column MultiIndex as sorted levels plus
 * integer codes ({@code axis0_level<i>}, {@code axis0_label<i>} and again as {@code block0_items_*}),
 * the row index in {@code axis1} (a range of integers, strings, or a MultiIndex of strings), the
 * values as one float64 block stored transposed (rows × columns on disk), NaN for missing values,
 * and the PyTables bookkeeping attributes ({@code CLASS}, {@code VERSION}, {@code TITLE}).
 *
 * <p>The whole frame is held in memory while it is written (jhdf writes a file in one piece); the
 * file is written to a temporary name and renamed, so a failure leaves no partial file.
 */
public final class PandasFrameH5 {
  private PandasFrameH5() {}

  /** A frame's row index: integers {@code 0..n-1} (pandas' default) or string tuples. */
  public sealed interface RowIndex permits Range, Labels {
    /** Number of rows. */
    int size();
  }

  /** Rows numbered {@code 0..n-1}, as pandas' {@code RangeIndex}; DeepLabCut's predictions use it. */
  public record Range(int size) implements RowIndex {
    public Range {
      if (size < 0) {
        throw new IllegalArgumentException("negative row count " + size);
      }
    }
  }

  /**
   * Rows named by strings: one level ({@code Index}) or several ({@code MultiIndex}, as
   * DeepLabCut's labels {@code labeled-data, video, image}); every tuple has the same length.
   */
  public record Labels(List<List<String>> tuples) implements RowIndex {
    public Labels {
      tuples = tuples.stream().map(List::copyOf).toList();
      int n = tuples.isEmpty() ? 1 : tuples.get(0).size();
      for (List<String> t : tuples) {
        if (t.size() != n || n == 0) {
          throw new IllegalArgumentException("row labels of different lengths: " + t);
        }
      }
    }

    @Override
    public int size() {
      return tuples.size();
    }

    int levels() {
      return tuples.isEmpty() ? 1 : tuples.get(0).size();
    }
  }

  /**
   * A frame read or to be written.
   *
   * @param levelNames names of the column levels (e.g. {@code scorer, bodyparts, coords}); an
   *     entry is null where the file names none
   * @param columns one tuple per column, each with one entry per level
   * @param values {@code [row][column]}; NaN for missing
   */
  public record Frame(List<String> levelNames, List<List<String>> columns, RowIndex index, double[][] values) {
    public Frame {
      levelNames = java.util.Collections.unmodifiableList(new ArrayList<>(levelNames));
      columns = columns.stream().map(List::copyOf).toList();
    }

    /** Row names: a MultiIndex's parts joined by {@code /}, integers in decimal. */
    public List<String> rowNames() {
      if (index instanceof Labels l) {
        return l.tuples().stream().map(t -> String.join("/", t)).toList();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < index.size(); i++) {
        out.add(Integer.toString(i));
      }
      return out;
    }
  }

  /**
   * Reads the frame under {@code df_with_missing} (else the first group holding a pandas frame),
   * in the fixed or the table layout.
   *
   * @throws InputFormatException when the file is not HDF5, holds no pandas frame, or its parts
   *     disagree (naming the dataset or attribute)
   */
  public static Frame read(Path file) throws IOException {
    try (HdfFile h5 = Hdf5Files.open(file)) {
      Group g = frameGroup(file, h5);
      String type = stringAttr(g, "pandas_type");
      if ("frame_table".equals(type)) {
        return readTable(file, g);
      } else if ("frame".equals(type)) {
        return readFixed(file, g);
      }
      throw new InputFormatException(file, "group " + g.getPath(), "expected a pandas DataFrame (pandas_type frame or frame_table), found " + type);
    } catch (RuntimeException e) {
      // jhdf on a damaged file: a bad address, length or type somewhere in its structures
      throw new InputFormatException(file, null, "damaged or not a pandas HDF5 file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** Writes {@code frame} under {@code key}, as {@link #write(Path, String, List, List, RowIndex, double[][])}. */
  public static void write(Path file, String key, Frame frame) throws IOException {
    write(file, key, frame.levelNames(), frame.columns(), frame.index(), frame.values());
  }

  /**
   * Writes a frame under {@code key}, replacing the file.
   *
   * @param levelNames names of the column levels (e.g. {@code scorer, bodyparts, coords})
   * @param columns one tuple per column, each with one entry per level
   * @param values {@code [row][column]}; NaN for missing
   */
  public static void write(Path file, String key, List<String> levelNames, List<List<String>> columns, RowIndex index,
      double[][] values) throws IOException {
    int nc = columns.size();
    int nl = levelNames.size();
    if (nl == 0) {
      throw new IllegalArgumentException("no column levels");
    }
    for (List<String> c : columns) {
      if (c.size() != nl) {
        throw new IllegalArgumentException("column " + c + " has " + c.size() + " levels, expected " + nl);
      }
    }
    if (values.length != index.size()) {
      throw new IllegalArgumentException(values.length + " rows of values for an index of " + index.size());
    }
    for (double[] row : values) {
      if (row.length != nc) {
        throw new IllegalArgumentException("a row of " + row.length + " values for " + nc + " columns");
      }
    }
    AtomicFiles.writeVia(file, tmp -> {
      try (WritableHdfFile h5 = HdfFile.write(tmp)) {
        pytables(h5, "GROUP", null);
        Hdf5Writing.putAttribute(h5, "PYTABLES_FORMAT_VERSION", "2.1");
        WritableGroup g = h5.putGroup(key);
        pytables(g, "GROUP", null);
        Hdf5Writing.putAttribute(g, "pandas_type", "frame");
        Hdf5Writing.putAttribute(g, "pandas_version", "0.15.2");
        Hdf5Writing.putAttribute(g, "encoding", "UTF-8");
        Hdf5Writing.putAttribute(g, "errors", "strict");
        Hdf5Writing.putAttribute(g, "ndim", 2L);
        Hdf5Writing.putAttribute(g, "nblocks", 1L);
        multiIndex(g, "axis0", levelNames, columns);
        multiIndex(g, "block0_items", levelNames, columns);
        if (index.size() == 0) {
          // pandas' stand-in for empty arrays: one element, the real shape pickled beside it
          WritableDataset d = g.putDataset("axis1", new double[] {0});
          arrayAttributes(d, false);
          Hdf5Writing.putAttribute(d, "kind", "integer");
          Hdf5Writing.putAsciiAttribute(d, "name", "N.");
          Hdf5Writing.putAsciiAttribute(d, "shape", "(I0\ntp0\n.");
          Hdf5Writing.putAttribute(g, "axis1_variety", "regular");
          WritableDataset v = g.putDataset("block0_values", new double[][] {{0}});
          arrayAttributes(v, false);
          Hdf5Writing.putAttribute(v, "value_type", "float64");
          Hdf5Writing.putAsciiAttribute(v, "shape", "(I" + nc + "\nI0\ntp0\n.");
        } else {
          if (index instanceof Range r) {
            Hdf5Writing.putAttribute(g, "axis1_variety", "regular");
            long[] rows = new long[r.size()];
            for (int i = 0; i < rows.length; i++) {
              rows[i] = i;
            }
            WritableDataset d = array(g, "axis1", rows);
            Hdf5Writing.putAttribute(d, "kind", "integer");
            Hdf5Writing.putAsciiAttribute(d, "name", "N.");
          } else {
            Labels l = (Labels) index;
            if (l.levels() == 1) {
              Hdf5Writing.putAttribute(g, "axis1_variety", "regular");
              WritableDataset d = array(g, "axis1", l.tuples().stream().map(t -> t.get(0)).toArray(String[]::new));
              Hdf5Writing.putAttribute(d, "kind", "string");
              Hdf5Writing.putAsciiAttribute(d, "name", "N.");
            } else {
              List<String> none = new ArrayList<>();
              for (int i = 0; i < l.levels(); i++) {
                none.add(null);
              }
              multiIndex(g, "axis1", none, l.tuples());
            }
          }
          double[][] block = new double[values.length][];
          for (int i = 0; i < values.length; i++) {
            block[i] = values[i].clone();
          }
          // stored transposed: pandas' block is columns x rows
          array(g, "block0_values", block);
        }
      }
    });
  }

  /** Levels (sorted, distinct) and codes of a MultiIndex, with pandas' attributes. */
  private static void multiIndex(WritableGroup g, String prefix, List<String> names, List<List<String>> tuples) {
    int nl = names.size();
    Hdf5Writing.putAttribute(g, prefix + "_variety", "multi");
    Hdf5Writing.putAttribute(g, prefix + "_nlevels", (long) nl);
    for (int lv = 0; lv < nl; lv++) {
      TreeSet<String> distinct = new TreeSet<>();
      for (List<String> t : tuples) {
        distinct.add(Objects.requireNonNull(t.get(lv), "a null label"));
      }
      List<String> level = new ArrayList<>(distinct);
      String name = names.get(lv);
      WritableDataset ld = array(g, prefix + "_level" + lv, level.toArray(new String[0]));
      Hdf5Writing.putAttribute(ld, "kind", "string");
      if (name == null) {
        Hdf5Writing.putAsciiAttribute(ld, "name", "N.");
      } else {
        Hdf5Writing.putAttribute(ld, "name", name);
      }
      if (name == null) {
        Hdf5Writing.putAsciiAttribute(ld, prefix + "_nameNone", "N.");
      } else {
        Hdf5Writing.putAttribute(ld, prefix + "_name" + name, name);
      }
      int[] codes = new int[tuples.size()];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = java.util.Collections.binarySearch(level, tuples.get(i).get(lv));
      }
      array(g, prefix + "_label" + lv, smallestInts(codes, level.size()));
    }
  }

  /** Codes as int8, int16 or int32, the smallest that holds the level count, as pandas stores them. */
  private static Object smallestInts(int[] codes, int levels) {
    if (levels < Byte.MAX_VALUE) {
      byte[] b = new byte[codes.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) codes[i];
      }
      return b;
    }
    if (levels < Short.MAX_VALUE) {
      short[] s = new short[codes.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = (short) codes[i];
      }
      return s;
    }
    return codes;
  }

  private static WritableDataset array(WritableGroup g, String name, Object data) {
    WritableDataset d = g.putDataset(name, data);
    arrayAttributes(d, true);
    return d;
  }

  private static void arrayAttributes(WritableDataset d, boolean transposed) {
    pytables(d, "ARRAY", "2.4");
    Hdf5Writing.putAttribute(d, "FLAVOR", "numpy");
    d.putAttribute("transposed", transposed);
  }

  private static void pytables(WritableNode n, String cls, String version) {
    Hdf5Writing.putAttribute(n, "CLASS", cls);
    Hdf5Writing.putAttribute(n, "VERSION", version == null ? "1.0" : version);
    Hdf5Writing.putAttribute(n, "TITLE", "");
  }

  // ------------------------------------------------------------------ reading

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
  private static Frame readTable(Path file, Group g) throws IOException {
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
      indexParts.add(Hdf5Files.texts(col));
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
    List<List<String>> index = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      List<String> t = new ArrayList<>();
      for (String[] p : indexParts) {
        t.add(p[r]);
      }
      index.add(t);
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
    List<String> names = new ArrayList<>();
    for (int l = 0; l < (columns.isEmpty() ? 0 : columns.get(0).size()); l++) {
      names.add(null);
    }
    return new Frame(names, columns, new Labels(index), values);
  }

  // ------------------------------------------------------------------ fixed layout

  private static Frame readFixed(Path file, Group g) throws IOException {
    List<List<String>> columns = axis(file, g, "axis0");
    List<List<String>> rows = axis(file, g, "axis1");
    List<String> index = new ArrayList<>();
    for (List<String> t : rows) {
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
      Object data = standsInForEmpty(vd) ? new double[0][] : vd.getData();
      if (!(data instanceof double[][] vals)) {
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
    List<String> names = new ArrayList<>();
    int nl = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int l = 0; l < nl; l++) {
      Node n = g.getChild("multi".equals(stringAttr(g, "axis0_variety")) ? "axis0_level" + l : "axis0");
      String name = n == null ? null : stringAttr(n, "name");
      names.add(name == null || name.equals("N.") ? null : name);
    }
    return new Frame(names, columns, rowIndex(g, rows), values);
  }

  /** Integers 0..n-1 as a {@link Range}, anything else as labels. */
  private static RowIndex rowIndex(Group g, List<List<String>> rows) {
    Node axis1 = g.getChild("axis1");
    if (axis1 != null && "integer".equals(stringAttr(axis1, "kind"))) {
      boolean range = true;
      for (int i = 0; i < rows.size() && range; i++) {
        range = rows.get(i).get(0).equals(Integer.toString(i));
      }
      if (range) {
        return new Range(rows.size());
      }
    }
    return new Labels(rows);
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
        lv.add(Hdf5Files.texts(values(file, g, name + "_level" + l)));
        lb.add(ints(file, g, name + "_label" + l));
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
      for (String s : Hdf5Files.texts(values(file, g, name))) {
        out.add(List.of(s));
      }
    }
    return out;
  }

  /** A dataset's values; none for pandas' stand-in for an empty array. */
  private static Object values(Path file, Group g, String name) throws IOException {
    Dataset d = dataset(file, g, name);
    return standsInForEmpty(d) ? new Object[0] : d.getData();
  }

  /** pandas writes an empty array as one element with the real shape pickled in {@code shape}. */
  private static boolean standsInForEmpty(Dataset d) {
    return d.getAttribute("shape") != null;
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

  /** A dataset's whole numbers (label codes). */
  private static int[] ints(Path file, Group g, String name) throws IOException {
    Object data = values(file, g, name);
    double[] v = Hdf5Files.numbers(data);
    if (v == null) {
      throw new InputFormatException(file, g.getPath() + "/" + name, "expected integer codes");
    }
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }


}

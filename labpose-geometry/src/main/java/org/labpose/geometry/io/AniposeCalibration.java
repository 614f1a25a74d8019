package org.labpose.geometry.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.geometry.calibration.CameraModel;

/**
 * anipose's {@code calibration.toml}, the exchange format of multi-camera pose tools: one table per
 * camera ({@code [cam_0]}, ...) with {@code name}, {@code size} [width, height] (px), {@code
 * matrix} (3 × 3, px), {@code distortions} (k1, k2, p1, p2, k3; k1 to k4 with {@code fisheye = true}, as
 * anipose's fisheye cameras), {@code rotation} (Rodrigues vector, rad) and {@code translation} (the
 * calibration's units), and a {@code [metadata]} table
 * ({@code adjusted}, {@code error}). Reads the subset of TOML these files use: tables, and keys
 * whose values are strings, numbers, booleans or (nested) arrays of them.
 */
public final class AniposeCalibration {
  private AniposeCalibration() {}

  /** The cameras and the file's metadata ({@code error}: reprojection error, px; NaN when absent). */
  public record Calibration(List<CameraModel> cameras, boolean adjusted, double error) {}

  /** Writes the file atomically, cameras in order as {@code cam_0}, {@code cam_1}, ... */
  public static void write(Calibration c, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.cameras().size(); i++) {
      CameraModel m = c.cameras().get(i);
      sb.append("[cam_").append(i).append("]\n");
      sb.append("name = ").append(quote(m.name())).append('\n');
      sb.append("size = [ ").append(m.width()).append(", ").append(m.height()).append(",]\n");
      sb.append("matrix = [");
      for (double[] row : m.matrix()) {
        sb.append(" ").append(array(row)).append(",");
      }
      sb.append("]\n");
      sb.append("distortions = ").append(array(m.fisheye() ? java.util.Arrays.copyOf(m.distortion(), 4) : m.distortion())).append('\n');
      sb.append("rotation = ").append(array(m.rotation())).append('\n');
      sb.append("translation = ").append(array(m.translation())).append('\n');
      if (m.fisheye()) {
        sb.append("fisheye = true\n");
      }
      sb.append('\n');
    }
    sb.append("[metadata]\nadjusted = ").append(c.adjusted()).append('\n');
    if (!Double.isNaN(c.error())) {
      sb.append("error = ").append(number(c.error())).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /**
   * Reads a calibration file.
   *
   * @throws InputFormatException naming the line, or the camera table and key, that is missing or wrong
   */
  public static Calibration read(Path file) throws IOException {
    Map<String, Map<String, Object>> tables = parse(file);
    List<CameraModel> cams = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> t : tables.entrySet()) {
      if (t.getKey().equals("metadata")) {
        continue;
      }
      Map<String, Object> v = t.getValue();
      String at = "[" + t.getKey() + "]";
      Object name = v.get("name");
      if (!(name instanceof String n)) {
        throw new InputFormatException(file, at + " name", name == null ? "missing" : "expected a string");
      }
      double[] size = numbers(file, at, "size", v.get("size"), 2);
      double[][] matrix = new double[3][];
      Object mo = v.get("matrix");
      if (!(mo instanceof List<?> rows) || rows.size() != 3) {
        throw new InputFormatException(file, at + " matrix", mo == null ? "missing" : "expected 3 rows of 3 numbers");
      }
      for (int r = 0; r < 3; r++) {
        matrix[r] = numbers(file, at, "matrix row " + (r + 1), rows.get(r), 3);
      }
      Object fish = v.getOrDefault("fisheye", Boolean.FALSE);
      if (!(fish instanceof Boolean)) {
        throw new InputFormatException(file, at + " fisheye", "expected true or false");
      }
      boolean fisheye = (Boolean) fish;
      double[] dist = numbers(file, at, "distortions", v.get("distortions"), -1);
      if (fisheye ? dist.length != 4 : dist.length < 4 || dist.length > 5) {
        throw new InputFormatException(file, at + " distortions", (fisheye ? "expected 4 numbers (k1, k2, k3, k4) for a fisheye camera"
            : "expected 4 or 5 numbers (k1, k2, p1, p2[, k3])") + ", found " + dist.length);
      }
      double[] d5 = java.util.Arrays.copyOf(dist, 5);
      try {
        cams.add(new CameraModel(n, (int) size[0], (int) size[1], matrix, d5, numbers(file, at, "rotation", v.get("rotation"), 3),
            numbers(file, at, "translation", v.get("translation"), 3), fisheye));
      } catch (IllegalArgumentException e) {
        throw new InputFormatException(file, at, e.getMessage());
      }
    }
    if (cams.isEmpty()) {
      throw new InputFormatException(file, null, "no camera table ([cam_0] ...)");
    }
    Map<String, Object> meta = tables.getOrDefault("metadata", Map.of());
    boolean adjusted = Boolean.TRUE.equals(meta.get("adjusted"));
    double error = meta.get("error") instanceof Double d ? d : Double.NaN;
    return new Calibration(cams, adjusted, error);
  }

  private static double[] numbers(Path file, String at, String key, Object o, int n) throws InputFormatException {
    if (!(o instanceof List<?> l) || (n >= 0 && l.size() != n)) {
      throw new InputFormatException(file, at + " " + key, o == null ? "missing" : "expected " + (n >= 0 ? n + " numbers" : "a list of numbers"));
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(l.get(i) instanceof Double d) || !Double.isFinite(d)) {
        throw new InputFormatException(file, at + " " + key, "expected numbers, found " + l.get(i));
      }
      out[i] = d;
    }
    return out;
  }

  // ------------------------------------------------------------------ a small TOML reader

  private static Map<String, Map<String, Object>> parse(Path file) throws IOException {
    if (Files.size(file) > 16 << 20) {
      throw new InputFormatException(file, null, "larger than 16 MB: not a calibration file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InputFormatException(file, null, "not UTF-8 text");
    }
    Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    Map<String, Object> current = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).trim();
      String at = "line " + (i + 1);
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw new InputFormatException(file, at, "expected a table header [name], found '" + line + "'");
        }
        String name = line.substring(1, line.length() - 1).trim();
        if (tables.containsKey(name)) {
          throw new InputFormatException(file, at, "table [" + name + "] appears twice");
        }
        current = new LinkedHashMap<>();
        tables.put(name, current);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw new InputFormatException(file, at, current == null ? "a key before any [table]" : "expected key = value, found '" + line + "'");
      }
      String key = line.substring(0, eq).trim();
      String value = line.substring(eq + 1).trim();
      // arrays may span lines
      while (depth(value) > 0 && i + 1 < lines.length) {
        value += " " + stripComment(lines[++i]).trim();
      }
      Parser p = new Parser(file, at, value);
      Object v = p.value();
      p.end();
      current.put(key, v);
    }
    return tables;
  }

  private static int depth(String s) {
    int d = 0;
    boolean inString = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        inString = !inString;
      } else if (!inString && c == '[') {
        d++;
      } else if (!inString && c == ']') {
        d--;
      }
    }
    return d;
  }

  private static String stripComment(String s) {
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        inString = !inString;
      } else if (c == '#' && !inString) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private static final class Parser {
    private final Path file;
    private final String at;
    private final String s;
    private int i;

    Parser(Path file, String at, String s) {
      this.file = file;
      this.at = at;
      this.s = s;
    }

    Object value() throws InputFormatException {
      skip();
      if (i >= s.length()) {
        throw error("a value");
      }
      char c = s.charAt(i);
      if (c == '[') {
        i++;
        List<Object> out = new ArrayList<>();
        while (true) {
          skip();
          if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return out;
          }
          if (out.size() > 100_000) {
            throw error("a shorter array");
          }
          out.add(value());
          skip();
          if (i < s.length() && s.charAt(i) == ',') {
            i++;
          } else if (i >= s.length() || s.charAt(i) != ']') {
            throw error("',' or ']'");
          }
        }
      }
      if (c == '"') {
        int end = s.indexOf('"', i + 1);
        if (end < 0) {
          throw error("a closing quote");
        }
        String v = s.substring(i + 1, end).replace("\\\\", "\\");
        i = end + 1;
        return v;
      }
      int start = i;
      while (i < s.length() && ",] \t".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      String tok = s.substring(start, i);
      if (tok.equals("true") || tok.equals("false")) {
        return Boolean.parseBoolean(tok);
      }
      try {
        return Double.parseDouble(tok.replace("_", ""));
      } catch (NumberFormatException e) {
        throw error("a number, string, boolean or array, found '" + tok + "'");
      }
    }

    void end() throws InputFormatException {
      skip();
      if (i != s.length()) {
        throw error("the end of the line after the value");
      }
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private InputFormatException error(String expected) {
      return new InputFormatException(file, at, "expected " + expected);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "'") + "\"";
  }

  private static String array(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (double d : v) {
      sb.append(' ').append(number(d)).append(',');
    }
    return sb.append(']').toString();
  }

  private static String number(double d) {
    return Double.toString(d).toLowerCase(Locale.ROOT);
  }
}

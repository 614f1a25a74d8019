package org.labpose.analysis.assay;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.labpose.analysis.stats.GroupComparison;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;

/** The assay's files: per-frame features, per-video summary, groups in and group comparison out. */
public final class AssayFiles {
  private AssayFiles() {}

  /**
   * Writes the per-frame columns as CSV (one row per frame; empty cell = NaN; values rounded to 4
   * decimals), atomically.
   */
  public static void writeFrames(Path file, Map<String, double[]> columns) throws IOException {
    List<String> names = new ArrayList<>(columns.keySet());
    List<double[]> cols = new ArrayList<>(columns.values());
    int n = cols.isEmpty() ? 0 : cols.get(0).length;
    AtomicFiles.writeText(file, w -> {
      CsvTable.writeRow(w, names);
      StringBuilder sb = new StringBuilder(16 * names.size());
      for (int f = 0; f < n; f++) {
        sb.setLength(0);
        for (int c = 0; c < cols.size(); c++) {
          if (c > 0) {
            sb.append(',');
          }
          appendRounded(sb, cols.get(c)[f]);
        }
        sb.append('\n');
        w.write(sb.toString());
      }
    });
  }

  static void appendRounded(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    if (Double.isInfinite(v) || Math.abs(v) >= 1e12) {
      sb.append(v);
      return;
    }
    long r = Math.round(v * 1e4);
    if (r % 10000 == 0) {
      sb.append(r / 10000);
      return;
    }
    if (r < 0) {
      sb.append('-');
      r = -r;
    }
    sb.append(r / 10000).append('.');
    String frac = Long.toString(r % 10000);
    for (int k = frac.length(); k < 4; k++) {
      sb.append('0');
    }
    int end = frac.length();
    while (end > 0 && frac.charAt(end - 1) == '0') {
      end--;
    }
    sb.append(frac, 0, end);
  }

  /**
   * Writes the summary: one row per video, column {@code video} (and {@code group} when any video
   * has one) then the union of the metrics in first-seen order; empty cell = NaN or not measured.
   */
  public static void writeSummary(Path file, Map<String, Map<String, Double>> byVideo, Map<String, String> groups) throws IOException {
    LinkedHashSet<String> metrics = new LinkedHashSet<>();
    for (Map<String, Double> m : byVideo.values()) {
      metrics.addAll(m.keySet());
    }
    AtomicFiles.writeText(file, w -> {
      List<String> header = new ArrayList<>();
      header.add("video");
      if (!groups.isEmpty()) {
        header.add("group");
      }
      header.addAll(metrics);
      CsvTable.writeRow(w, header);
      for (Map.Entry<String, Map<String, Double>> e : byVideo.entrySet()) {
        List<String> row = new ArrayList<>();
        row.add(e.getKey());
        if (!groups.isEmpty()) {
          row.add(groups.getOrDefault(e.getKey(), ""));
        }
        for (String m : metrics) {
          row.add(cell(e.getValue().getOrDefault(m, Double.NaN)));
        }
        CsvTable.writeRow(w, row);
      }
    });
  }

  /** A summary cell: whole numbers without a decimal point, others as the shortest exact decimal; NaN empty. */
  static String cell(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : CsvTable.number(v);
  }

  /** Writes the group comparison rows as CSV. */
  public static void writeGroups(Path file, List<GroupComparison.Row> rows) throws IOException {
    AtomicFiles.writeText(file, (Writer w) -> {
      CsvTable.writeRow(w, List.of("metric", "group", "n", "mean", "sd", "reference", "difference", "welch_t", "welch_p",
          "mann_whitney_u", "mann_whitney_p", "hedges_g", "anova_p"));
      for (GroupComparison.Row r : rows) {
        CsvTable.writeRow(w, List.of(r.metric(), r.group(), Integer.toString(r.n()), CsvTable.number(r.mean()), CsvTable.number(r.sd()),
            r.reference(), CsvTable.number(r.difference()), CsvTable.number(r.welchT()), CsvTable.number(r.welchP()),
            CsvTable.number(r.mannWhitneyU()), CsvTable.number(r.mannWhitneyP()), CsvTable.number(r.hedgesG()), CsvTable.number(r.anovaP())));
      }
    });
  }

  /**
   * Reads a groups file: a header {@code video,group} then one row per video (the video's file name
   * or stem). Group order is first-seen order; the first group is the reference.
   *
   * @return video stem → group
   */
  public static Map<String, String> readGroups(Path file) throws IOException {
    CsvTable t = CsvTable.read(file);
    if (t.rows().isEmpty()) {
      throw new InputFormatException(file, null, "empty; expected a header 'video,group' and one row per video");
    }
    CsvTable.Row head = t.rows().get(0);
    int vi = head.cells().indexOf("video");
    int gi = head.cells().indexOf("group");
    if (vi < 0 || gi < 0) {
      throw new InputFormatException(file, "line " + head.line(), "expected a header with columns 'video' and 'group', got " + head.cells());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (CsvTable.Row r : t.rows().subList(1, t.rows().size())) {
      String v = stem(r.cell(vi).trim());
      String g = r.cell(gi).trim();
      if (v.isEmpty() || g.isEmpty()) {
        throw new InputFormatException(file, "line " + r.line(), "expected a video and a group, got " + r.cells());
      }
      if (out.put(v, g) != null) {
        throw new InputFormatException(file, "line " + r.line(), "video '" + v + "' is listed twice");
      }
    }
    return out;
  }

  /** The video name without folders and extension. */
  public static String stem(String name) {
    String n = name.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}

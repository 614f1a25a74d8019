package org.labpose.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.behavior.Motifs;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;

/**
 * The motifs report: one self-contained HTML page with an ethogram of the motifs per video (one
 * row per motif, time in seconds), the usage and mean bout length of each motif, and the transition
 * matrix between consecutive motif bouts.
 */
public final class MotifReport {
  private MotifReport() {}

  /** The page, for videos {@code names} in the order of {@code r.labels()}. */
  public static String html(List<String> names, Motifs.Result r, double fps) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LabPose motifs</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:12px}")
        .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}</style></head><body>\n")
        .append("<h1>Behaviour motifs</h1>\n<p>")
        .append(String.format(Locale.ROOT, "%d motifs by k-means on %d principal components (%.0f %% of the variance) of egocentric poses.",
            r.k(), r.components(), 100 * r.explained()))
        .append("</p>\n<h2>Usage</h2>\n<table><tr><th>motif</th><th>share of frames</th><th>mean bout (s)</th></tr>\n");
    double[] u = r.usage();
    double[] b = r.meanBoutFrames();
    for (int m = 0; m < r.k(); m++) {
      h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.3f</td><td>%.2f</td></tr>%n", m, u[m], b[m] / fps));
    }
    h.append("</table>\n<h2>Transitions between bouts</h2>\n<p>Row: the motif of a bout; column: the motif of the next bout.</p>\n<table><tr><th></th>");
    for (int m = 0; m < r.k(); m++) {
      h.append("<th>").append(m).append("</th>");
    }
    h.append("</tr>\n");
    for (int m = 0; m < r.k(); m++) {
      h.append("<tr><th>").append(m).append("</th>");
      for (int j = 0; j < r.k(); j++) {
        h.append(String.format(Locale.ROOT, "<td>%.2f</td>", r.transitions()[m][j]));
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
    for (int v = 0; v < names.size(); v++) {
      int[] l = r.labels().get(v);
      Map<String, boolean[]> states = new LinkedHashMap<>();
      for (int m = 0; m < r.k(); m++) {
        boolean[] on = new boolean[l.length];
        for (int f = 0; f < l.length; f++) {
          on[f] = l[f] == m;
        }
        states.put("motif " + m, on);
      }
      h.append("<h2>").append(AssayReport.esc(names.get(v))).append("</h2>\n<img alt=\"ethogram\" src=\"")
          .append(Charts.dataUri(Charts.ethogram(states, fps))).append("\">\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /**
   * Writes into {@code dir}: {@code <video>_motifs.csv} (motif per frame), {@code motifs_summary.csv}
   * (usage and mean bout in s per motif and video), {@code motif_transitions.csv} and {@code
   * motifs_report.html}, each atomically.
   *
   * @param names the videos' names, in the order of {@code r.labels()}
   * @param rate frames per second
   */
  public static void write(java.nio.file.Path dir, List<String> names, Motifs.Result r, double rate) throws java.io.IOException {
    int k = r.k();
    java.nio.file.Files.createDirectories(dir);
    Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
    for (int v = 0; v < names.size(); v++) {
      int[] l = r.labels().get(v);
      AtomicFiles.writeText(dir.resolve(names.get(v) + "_motifs.csv"), w -> {
        CsvTable.writeRow(w, List.of("frame", "motif"));
        for (int f = 0; f < l.length; f++) {
          CsvTable.writeRow(w, List.of(Integer.toString(f), Integer.toString(l[f])));
        }
      });
      Motifs.Result one = new Motifs.Result(List.of(l), k, r.components(), r.explained(), r.transitions());
      Map<String, Double> s = new LinkedHashMap<>();
      double[] u = one.usage();
      double[] b = one.meanBoutFrames();
      for (int m = 0; m < k; m++) {
        s.put("usage_" + m, u[m]);
        s.put("mean_bout_s_" + m, b[m] / rate);
      }
      summary.put(names.get(v), s);
    }
    AssayFiles.writeSummary(dir.resolve("motifs_summary.csv"), summary, Map.of());
    AtomicFiles.writeText(dir.resolve("motif_transitions.csv"), w -> {
      List<String> head = new ArrayList<>(List.of("from"));
      for (int m = 0; m < k; m++) {
        head.add("to_" + m);
      }
      CsvTable.writeRow(w, head);
      for (int m = 0; m < k; m++) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(m)));
        for (int j = 0; j < k; j++) {
          row.add(String.format(Locale.ROOT, "%.4f", r.transitions()[m][j]));
        }
        CsvTable.writeRow(w, row);
      }
    });
    AtomicFiles.writeString(dir.resolve("motifs_report.html"), html(names, r, rate));
  }
}

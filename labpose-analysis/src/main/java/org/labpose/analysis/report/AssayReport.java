package org.labpose.analysis.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.assay.AssayResult;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.stats.GroupComparison;
import org.labpose.analysis.zones.Zone;

/**
 * The assay report: one self-contained HTML file (figures embedded as PNG data URIs, no external
 * resources) with the summary table, per video the trajectory over the arena and zones, an occupancy
 * heatmap, speed over time and an ethogram, and, with groups, the comparison table and plots.
 */
public final class AssayReport {
  private AssayReport() {}

  /**
   * One analysed video.
   *
   * @param name the video's name (its stem)
   * @param result the assay's result
   * @param width frame width in px, or NaN when unknown (then the data's extent is used)
   * @param height frame height in px, or NaN
   */
  public record Video(String name, AssayResult result, double width, double height) {}

  /**
   * What the report needs of one video, small enough to send between machines: its summary metrics
   * (in output order) and its section of the page (trajectory, heatmap, speed, ethogram).
   *
   * @param name the video's name (its stem)
   * @param summary metric → value
   * @param section the video's HTML section
   */
  public record Part(String name, Map<String, Double> summary, String section) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Part {
      summary = new LinkedHashMap<>(summary);
    }
  }

  /** The report's part for one video. */
  public static Part part(Video v) {
    StringBuilder h = new StringBuilder();
    videoSection(h, v);
    return new Part(v.name(), v.result().summary(), h.toString());
  }

  /**
   * Builds the HTML.
   *
   * @param title the report's title
   * @param settings lines describing how the assay was run (shown verbatim)
   * @param videos the videos, in order
   * @param groups video name → group, or empty
   * @param comparison the group comparison rows, or empty
   */
  public static String html(String title, List<String> settings, List<Video> videos, Map<String, String> groups,
      List<GroupComparison.Row> comparison) {
    return html(title, settings, groups, comparison, videos.stream().map(AssayReport::part).toList());
  }

  /**
   * Builds the HTML from each video's {@link Part} (made where the video was measured).
   *
   * @param parts the videos' parts, in order
   */
  public static String html(String title, List<String> settings, Map<String, String> groups, List<GroupComparison.Row> comparison, List<Part> parts) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}")
        .append("table{border-collapse:collapse;font-size:12px;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
        .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.figs{display:flex;flex-wrap:wrap;gap:12px}")
        .append("figure{margin:0}figcaption{font-size:12px;color:#555}.scroll{overflow-x:auto}code{background:#f4f4f4}")
        .append("</style></head><body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n<ul>");
    for (String s : settings) {
      h.append("<li>").append(esc(s)).append("</li>");
    }
    h.append("</ul>\n<h2>Summary</h2>\n<div class=\"scroll\"><table><tr><th>video</th>");
    List<String> metrics = new ArrayList<>(parts.get(0).summary().keySet());
    if (!groups.isEmpty()) {
      h.append("<th>group</th>");
    }
    for (String m : metrics) {
      h.append("<th>").append(esc(m)).append("</th>");
    }
    h.append("</tr>\n");
    for (Part v : parts) {
      h.append("<tr><td>").append(esc(v.name())).append("</td>");
      if (!groups.isEmpty()) {
        h.append("<td>").append(esc(groups.getOrDefault(v.name(), ""))).append("</td>");
      }
      for (String m : metrics) {
        h.append("<td>").append(num(v.summary().getOrDefault(m, Double.NaN))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
    if (!comparison.isEmpty()) {
      groupSection(h, parts, groups, comparison);
    }
    for (Part v : parts) {
      h.append(v.section());
    }
    h.append("<p style=\"font-size:11px;color:#777\">Written by LabPose. Positions in image pixels (origin top-left, x right, y down); ")
        .append("lengths in the calibration's unit. Rearing and grooming are top-view proxies, not detectors.</p>\n</body></html>\n");
    return h.toString();
  }

  private static void groupSection(StringBuilder h, List<Part> videos, Map<String, String> groups, List<GroupComparison.Row> rows) {
    h.append("<h2>Groups</h2>\n<p>Each group against the reference group (the first in the groups file): Welch's t-test, ")
        .append("Mann–Whitney U (normal approximation), Hedges' g; one-way ANOVA over all groups when there are three or more.</p>\n")
        .append("<div class=\"scroll\"><table><tr><th>metric</th><th>group</th><th>n</th><th>mean</th><th>SD</th><th>vs</th><th>difference</th>")
        .append("<th>Welch t</th><th>p (Welch)</th><th>U</th><th>p (Mann–Whitney)</th><th>Hedges' g</th><th>p (ANOVA)</th></tr>\n");
    for (GroupComparison.Row r : rows) {
      h.append("<tr><td>").append(esc(r.metric())).append("</td><td>").append(esc(r.group())).append("</td><td>").append(r.n())
          .append("</td><td>").append(num(r.mean())).append("</td><td>").append(num(r.sd())).append("</td><td>").append(esc(r.reference()))
          .append("</td><td>").append(num(r.difference())).append("</td><td>").append(num(r.welchT())).append("</td><td>").append(num(r.welchP()))
          .append("</td><td>").append(num(r.mannWhitneyU())).append("</td><td>").append(num(r.mannWhitneyP()))
          .append("</td><td>").append(num(r.hedgesG())).append("</td><td>").append(num(r.anovaP())).append("</td></tr>\n");
    }
    h.append("</table></div>\n<div class=\"figs\">");
    Map<String, List<GroupComparison.Row>> byMetric = new LinkedHashMap<>();
    for (GroupComparison.Row r : rows) {
      byMetric.computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r);
    }
    for (String metric : byMetric.keySet()) {
      List<String> gs = new ArrayList<>();
      List<double[]> vals = new ArrayList<>();
      for (GroupComparison.Row r : byMetric.get(metric)) {
        gs.add(r.group());
        List<Double> vs = new ArrayList<>();
        for (Part v : videos) {
          if (r.group().equals(groups.get(v.name()))) {
            vs.add(v.summary().getOrDefault(metric, Double.NaN));
          }
        }
        vals.add(vs.stream().mapToDouble(Double::doubleValue).toArray());
      }
      h.append("<figure><img alt=\"").append(esc(metric)).append(" by group\" src=\"").append(Charts.dataUri(Charts.groupDots(metric, gs, vals)))
          .append("\"></figure>");
    }
    h.append("</div>\n");
  }

  private static void videoSection(StringBuilder h, Video v) {
    AssayResult r = v.result();
    h.append("<h2>").append(esc(v.name())).append("</h2>\n");
    double width = v.width();
    double height = v.height();
    if (Double.isNaN(width) || Double.isNaN(height)) {
      double[] ext = extent(r);
      width = ext[0];
      height = ext[1];
    }
    List<Zone> zones = r.zones().zones();
    for (AnimalKinematics a : r.animals()) {
      String who = r.animals().size() > 1 ? " — " + a.individual() : "";
      h.append("<div class=\"figs\"><figure><img alt=\"trajectory\" src=\"")
          .append(Charts.dataUri(Charts.trajectory(a.xPx(), a.yPx(), width, height, zones, r.zones().arena())))
          .append("\"><figcaption>Trajectory").append(esc(who)).append(" (blue = start, red = end) over the zones</figcaption></figure>")
          .append("<figure><img alt=\"occupancy\" src=\"")
          .append(Charts.dataUri(Charts.heatmap(a.xPx(), a.yPx(), width, height, zones, r.zones().arena())))
          .append("\"><figcaption>Occupancy").append(esc(who)).append(" (square-root scale)</figcaption></figure></div>\n");
      h.append("<figure><img alt=\"speed\" src=\"")
          .append(Charts.dataUri(Charts.timeSeries(a.speed(), r.fps(), "speed (" + a.unit() + "/s)", Double.NaN)))
          .append("\"><figcaption>Speed").append(esc(who)).append("</figcaption></figure>\n");
    }
    h.append("<figure><img alt=\"ethogram\" src=\"").append(Charts.dataUri(Charts.ethogram(r.states(), r.fps())))
        .append("\"><figcaption>Ethogram: behaviour states and zone stays over time</figcaption></figure>\n");
  }

  private static double[] extent(AssayResult r) {
    double w = 1;
    double h = 1;
    for (AnimalKinematics a : r.animals()) {
      for (int f = 0; f < a.frameCount(); f++) {
        if (!Double.isNaN(a.xPx()[f])) {
          w = Math.max(w, a.xPx()[f]);
          h = Math.max(h, a.yPx()[f]);
        }
      }
    }
    for (Zone z : r.zones().zones()) {
      w = Math.max(w, z.bounds()[2]);
      h = Math.max(h, z.bounds()[3]);
    }
    return new double[] {w * 1.05, h * 1.05};
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 0.01 ? "%.3f" : "%.3g", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

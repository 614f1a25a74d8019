package org.labpose.analysis.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.assay.Assay;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.assay.AssayResult;
import org.labpose.analysis.assay.Heights;
import org.labpose.analysis.stats.GroupComparison;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.SettingException;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.PoseTable;

/**
 * The assay of a study: every video's measures ({@link Assay}), group statistics when videos are
 * assigned to groups, and the files {@code labpose assay} writes. Everything is computed before
 * anything is written, so bad input leaves no partial report.
 */
public final class AssayStudy {
  private AssayStudy() {}

  /**
   * One video's predictions.
   *
   * @param name the video's name (its stem), unique in the study
   * @param source the prediction file, named in errors
   * @param poses the predictions (px, top-left origin)
   * @param fps frames per second
   * @param width frame width in px, NaN when unknown (then zones are not checked against the frame)
   * @param height frame height in px, NaN when unknown
   * @param heights the keypoints' heights above the floor from a 3D recording, or null
   */
  public record Input(String name, Path source, PoseTable poses, double fps, double width, double height, Heights heights) {
    /** A plain top view. */
    public Input(String name, Path source, PoseTable poses, double fps, double width, double height) {
      this(name, source, poses, fps, width, height, null);
    }
  }

  /**
   * Measures of a study.
   *
   * @param videos each video's result, in input order
   * @param summaries video name → its summary metrics
   * @param groups video name → group (empty without groups); the first group is the reference
   * @param comparisons group statistics per metric (empty without groups)
   * @param warnings per video, what its numbers do not cover (file: problem)
   */
  public record Result(List<AssayReport.Video> videos, Map<String, Map<String, Double>> summaries, Map<String, String> groups,
      List<GroupComparison.Row> comparisons, List<String> warnings) {}

  /**
   * Measures every video and compares groups.
   *
   * @param groups video name → group, or empty; must name exactly the videos given
   * @param groupsFile where the groups came from, named in errors (null when none)
   * @throws InputFormatException naming the prediction file or the groups file at fault
   */
  public static Result run(List<Input> inputs, ZoneSet zones, AssayConfig cfg, Map<String, String> groups, Path groupsFile) throws IOException {
    List<AssayReport.Video> videos = new ArrayList<>();
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Input in : inputs) {
      if (summaries.containsKey(in.name())) {
        throw new InputFormatException(in.source(), null, "video '" + in.name() + "' is given twice");
      }
      Measured m = measure(in, zones, cfg);
      warnings.addAll(m.warnings());
      videos.add(m.video());
      summaries.put(in.name(), m.video().result().summary());
    }
    return new Result(videos, summaries, new LinkedHashMap<>(groups), compareGroups(summaries, groups, groupsFile), warnings);
  }

  /** One video measured: its result and what its numbers do not cover (file: problem). */
  public record Measured(AssayReport.Video video, List<String> warnings) {}

  /**
   * Measures one video (the part of {@link #run} that each video does alone, e.g. on a cluster).
   *
   * @throws InputFormatException naming the prediction file when the assay cannot run on it
   */
  public static Measured measure(Input in, ZoneSet zones, AssayConfig cfg) throws IOException {
    if (!(in.fps() > 0)) {
      throw new SettingException("fps", "no frame rate known for '" + in.name() + "' (" + in.source() + ")");
    }
    if (in.width() > 0 && in.height() > 0) {
      List<String> outside = zones.outsideFrame((int) in.width(), (int) in.height());
      if (!outside.isEmpty()) {
        throw new SettingException("zones", String.join("; ", outside) + " of '" + in.name() + "'");
      }
    }
    AssayResult r;
    try {
      r = Assay.run(in.poses(), in.heights(), zones, in.fps(), cfg);
    } catch (SettingException e) {
      throw new InputFormatException(in.source(), null, e.getMessage(), e);
    }
    List<String> warnings = new ArrayList<>();
    for (String w : r.warnings()) {
      warnings.add(in.source() + ": " + w);
    }
    return new Measured(new AssayReport.Video(in.name(), r, in.width(), in.height()), warnings);
  }

  /**
   * The group statistics of the videos' summaries (empty without groups).
   *
   * @param groups video name → group; must name exactly the videos of {@code summaries}
   * @throws InputFormatException naming the groups file when it names other videos or leaves some out
   */
  public static List<GroupComparison.Row> compareGroups(Map<String, Map<String, Double>> summaries, Map<String, String> groups, Path groupsFile)
      throws InputFormatException {
    List<GroupComparison.Row> rows = new ArrayList<>();
    if (!groups.isEmpty()) {
      List<String> unknown = groups.keySet().stream().filter(v -> !summaries.containsKey(v)).toList();
      if (!unknown.isEmpty()) {
        throw new InputFormatException(groupsFile, null, "names videos that are not among the inputs: " + unknown + "; inputs: " + summaries.keySet());
      }
      List<String> ungrouped = summaries.keySet().stream().filter(v -> !groups.containsKey(v)).toList();
      if (!ungrouped.isEmpty()) {
        throw new InputFormatException(groupsFile, null, "gives no group for " + ungrouped);
      }
      LinkedHashSet<String> order = new LinkedHashSet<>(groups.values());
      LinkedHashSet<String> metrics = new LinkedHashSet<>();
      summaries.values().forEach(m -> metrics.addAll(m.keySet()));
      metrics.removeAll(List.of("frames", "duration_s", "fps"));
      for (String m : metrics) {
        Map<String, double[]> byGroup = new LinkedHashMap<>();
        for (String g : order) {
          byGroup.put(g, summaries.entrySet().stream().filter(e -> g.equals(groups.get(e.getKey())))
              .mapToDouble(e -> e.getValue().getOrDefault(m, Double.NaN)).toArray());
        }
        rows.addAll(GroupComparison.compare(m, byGroup));
      }
    }
    return rows;
  }

  /** The files written by {@link #write}; {@code groups} is null without group statistics. */
  public record Written(Path summary, Path groups, Path report, List<Path> features) {}

  /**
   * Writes {@code <video>_features.csv} per video, {@code assay_summary.csv}, {@code
   * assay_groups.csv} (with groups) and {@code assay_report.html} into {@code dir}, each atomically.
   *
   * @param settings lines describing the settings, shown at the top of the report
   */
  public static Written write(Result r, Path dir, String title, List<String> settings) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    List<Path> features = new ArrayList<>();
    for (AssayReport.Video v : r.videos()) {
      features.add(writeFeatures(v, dir));
    }
    Written w = writeStudy(dir, title, settings, r.videos().stream().map(AssayReport::part).toList(), r.groups(), r.comparisons());
    return new Written(w.summary(), w.groups(), w.report(), features);
  }

  /** Writes one video's {@code <video>_features.csv} into {@code dir} (atomically) and returns it. */
  public static Path writeFeatures(AssayReport.Video v, Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path f = dir.resolve(v.name() + "_features.csv");
    AssayFiles.writeFrames(f, v.result().frameColumns());
    return f;
  }

  /**
   * Writes what the whole study makes of its videos' parts: {@code assay_summary.csv}, {@code
   * assay_groups.csv} (with group statistics) and {@code assay_report.html}, each atomically.
   */
  public static Written writeStudy(Path dir, String title, List<String> settings, List<AssayReport.Part> parts, Map<String, String> groups,
      List<GroupComparison.Row> comparisons) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    parts.forEach(p -> summaries.put(p.name(), p.summary()));
    Path summary = dir.resolve("assay_summary.csv");
    AssayFiles.writeSummary(summary, summaries, groups);
    Path groupsCsv = null;
    if (!comparisons.isEmpty()) {
      groupsCsv = dir.resolve("assay_groups.csv");
      AssayFiles.writeGroups(groupsCsv, comparisons);
    }
    Path report = dir.resolve("assay_report.html");
    AtomicFiles.writeString(report, AssayReport.html(title, settings, groups, comparisons, parts));
    return new Written(summary, groupsCsv, report, List.of());
  }

  /** The report's description of the settings (units: s, and the zones' length unit per s). */
  public static List<String> describe(AssayConfig cfg, ZoneSet zones, Path zonesFile, Path groupsFile, Map<String, String> groups) {
    List<String> settings = new ArrayList<>();
    settings.add("Zones: " + zonesFile + " (" + zones.zones().size() + " zones; lengths in " + zones.calibration().unit() + ")");
    settings.add(String.format(Locale.ROOT, "Likelihood cut-off %.2f; gaps up to %.2f s interpolated; Savitzky–Golay smoothing over %.2f s before differentiation",
        cfg.kinematics().pcutoff(), cfg.kinematics().maxGapS(), cfg.kinematics().smoothS()));
    settings.add(String.format(Locale.ROOT, "Immobile under %.2f %s/s (net displacement over %.1f s); freezing = immobile ≥ %.1f s; zone entries debounced by %.2f s",
        cfg.immobilitySpeed(), zones.calibration().unit(), Assay.IMMOBILITY_WINDOW_S, cfg.freezingMinS(), cfg.zoneMinS()));
    String ref = cfg.kinematics().referenceBodypart();
    settings.add("Reference point: " + (ref != null ? ref : "centroid of the confident bodyparts"));
    if (groupsFile != null && !groups.isEmpty()) {
      settings.add("Groups: " + groupsFile + " (reference group: " + groups.values().iterator().next() + ")");
    }
    return settings;
  }
}

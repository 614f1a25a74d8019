package org.labpose.cli;

import org.labpose.core.project.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.analysis.assay.Assay;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.assay.AssayResult;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.report.AssayReport;
import org.labpose.analysis.stats.GroupComparison;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.VideoInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose assay}. */
@Command(name = "assay", mixinStandardHelpOptions = true,
    description = {"Behaviour measures from predictions: distance, speed, time/entries/latency per zone, thigmotaxis, freezing, "
        + "rearing and grooming proxies, social contact; per-frame features, a per-video summary, group statistics and an HTML report.",
        "Writes into --out: <video>_features.csv, assay_summary.csv, assay_groups.csv (with --groups), assay_report.html."})
final class AssayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions are used) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--zones", required = true, description = "Zones file (YAML): px_per_cm or arena corners, and zones.") Path zonesFile;
  @Option(names = "--groups", description = "CSV with columns video,group (first group = reference) for group statistics.") Path groupsFile;
  @Option(names = "--fps", description = "Frames per second, when no video gives it.") Double fps;
  @Option(names = "--bodypart", description = "The reference point (default: centroid of the confident bodyparts).") String bodypart;
  @Option(names = "--out", description = "Output folder (default: <project>/assay).") Path out;
  @Option(names = "--filtered", description = "Use *_filtered.csv predictions.") boolean filtered;
  @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--smooth", description = "Savitzky–Golay smoothing window before differentiation, s; 0 = off (default: ${DEFAULT-VALUE}).") double smoothS = 0.3;
  @Option(names = "--max-gap", description = "Longest gap filled by interpolation, s (default: ${DEFAULT-VALUE}).") double maxGapS = 0.5;
  @Option(names = "--immobility-speed", description = "Speed under which the animal is immobile, cm/s when calibrated, px/s otherwise (default: 1 cm/s or 10 px/s).") Double immobility;
  @Option(names = "--freezing-min", description = "Shortest immobility that counts as freezing, s (default: ${DEFAULT-VALUE}).") double freezingMinS = 2.0;
  @Option(names = "--zone-min", description = "Shortest stay or absence that changes zone membership for entries, s (default: ${DEFAULT-VALUE}).") double zoneMinS = 0.2;
  @Option(names = "--contact", description = "Contact distance for social measures, cm or px (default: 2 cm or 20 px).") Double contact;
  @Option(names = "--snout", description = "Snout bodypart for heading (default: one named snout or nose).") String snout;
  @Option(names = "--tail-base", description = "Tail-base bodypart for heading (default: one named tailbase or tail_base).") String tailBase;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    ZoneSet zones = ZoneFile.read(zonesFile);
    boolean cal = zones.calibration().isCalibrated();
    AssayConfig cfg;
    KinematicsConfig k = new KinematicsConfig(pcutoff != null ? pcutoff : p.config().pcutoff(), maxGapS, smoothS, bodypart, snout, tailBase, Map.of());
    cfg = new AssayConfig(k, immobility != null ? immobility : AssayConfig.defaultImmobilitySpeed(cal), freezingMinS, zoneMinS,
        contact != null ? contact : AssayConfig.defaultContactDistance(cal));
    Map<String, String> groups = groupsFile == null ? Map.of() : AssayFiles.readGroups(groupsFile);

    // Everything is computed before anything is written: bad input leaves no partial report.
    List<AssayReport.Video> videos = new ArrayList<>();
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      PoseTable t = ProjectLayout.readPredictions(csv);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      if (summaries.containsKey(name)) {
        throw new UserError(csv + ": video '" + name + "' is given twice");
      }
      VideoInfo info = Out.videoInfo(p, in, csv, name);
      double rate = fps != null ? fps : info != null ? info.fps() : Double.NaN;
      if (!(rate > 0)) {
        throw new UserError(csv + ": no frame rate known for '" + name + "' (no video found next to it or in the project): give --fps");
      }
      if (info != null) {
        List<String> outside = zones.outsideFrame(info.width(), info.height());
        if (!outside.isEmpty()) {
          throw new UserError(zonesFile + ": " + String.join("; ", outside) + " of " + info.file().getFileName());
        }
      }
      AssayResult r;
      try {
        r = Assay.run(t, zones, rate, cfg);
      } catch (IllegalArgumentException e) {
        throw new UserError(csv + ": " + e.getMessage());
      }
      for (String w : r.warnings()) {
        Out.err(spec).println("labpose: warning: " + csv + ": " + w);
      }
      videos.add(new AssayReport.Video(name, r, info != null ? info.width() : Double.NaN, info != null ? info.height() : Double.NaN));
      summaries.put(name, r.summary());
    }
    List<GroupComparison.Row> rows = new ArrayList<>();
    if (!groups.isEmpty()) {
      List<String> unknown = new ArrayList<>();
      for (String v : groups.keySet()) {
        if (!summaries.containsKey(v)) {
          unknown.add(v);
        }
      }
      if (!unknown.isEmpty()) {
        throw new UserError(groupsFile + ": names videos that are not among the inputs: " + unknown + "; inputs: " + summaries.keySet());
      }
      List<String> ungrouped = summaries.keySet().stream().filter(v -> !groups.containsKey(v)).toList();
      if (!ungrouped.isEmpty()) {
        throw new UserError(groupsFile + ": gives no group for " + ungrouped);
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

    Path dir = out != null ? out : p.root().resolve("assay");
    Files.createDirectories(dir);
    for (AssayReport.Video v : videos) {
      AssayFiles.writeFrames(dir.resolve(v.name() + "_features.csv"), v.result().frameColumns());
    }
    AssayFiles.writeSummary(dir.resolve("assay_summary.csv"), summaries, groups);
    if (!rows.isEmpty()) {
      AssayFiles.writeGroups(dir.resolve("assay_groups.csv"), rows);
    }
    List<String> settings = new ArrayList<>();
    settings.add("Project: " + p.config().task() + " (" + p.root() + ")");
    settings.add("Zones: " + zonesFile + " (" + zones.zones().size() + " zones; lengths in " + zones.calibration().unit() + ")");
    settings.add(String.format(Locale.ROOT, "Likelihood cut-off %.2f; gaps up to %.2f s interpolated; Savitzky–Golay smoothing over %.2f s before differentiation",
        cfg.kinematics().pcutoff(), maxGapS, smoothS));
    settings.add(String.format(Locale.ROOT, "Immobile under %.2f %s/s (net displacement over %.1f s); freezing = immobile ≥ %.1f s; zone entries debounced by %.2f s",
        cfg.immobilitySpeed(), zones.calibration().unit(), Assay.IMMOBILITY_WINDOW_S, freezingMinS, zoneMinS));
    settings.add("Reference point: " + (bodypart != null ? bodypart : "centroid of the confident bodyparts"));
    if (groupsFile != null) {
      settings.add("Groups: " + groupsFile + " (reference group: " + groups.values().iterator().next() + ")");
    }
    AtomicFiles.writeString(dir.resolve("assay_report.html"), AssayReport.html("LabPose assay — " + p.config().task(), settings, videos, groups, rows));
    for (AssayReport.Video v : videos) {
      Map<String, Double> s = v.result().summary();
      String u = zones.calibration().unit();
      Out.out(spec).printf(Locale.ROOT, "%s: %d frames, distance %.1f %s, freezing %.1f s%n", v.name(), v.result().frameCount(),
          s.getOrDefault("distance_" + u, Double.NaN), u, s.getOrDefault("freezing_time_s", Double.NaN));
    }
    Out.out(spec).println("wrote " + dir.resolve("assay_summary.csv") + (rows.isEmpty() ? "" : ", " + dir.resolve("assay_groups.csv"))
        + ", " + dir.resolve("assay_report.html") + " and " + videos.size() + " *_features.csv");
    return 0;
  }

}

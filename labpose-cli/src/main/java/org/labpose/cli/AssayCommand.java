package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.report.AssayReport;
import org.labpose.analysis.report.AssayStudy;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.io.VideoInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

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
  @Option(names = "--subject", description = "Three-chamber tests: the tracked animal (individual name) whose sociability index is reported (default: every animal's).") String subject;
  @Option(names = "--rearing-part", description = "Predictions with a heights file beside them (measures-3d --top-view): the bodypart"
      + " whose height above the floor is rearing (default: ${DEFAULT-VALUE}).") String rearingPart = "snout";
  @Option(names = "--rearing-height", description = "With heights: the height above which it is rearing, in the heights' unit"
      + " (default: ${DEFAULT-VALUE}).") double rearingHeight = 50;
  @Option(names = "--snout", description = "Snout bodypart for heading (default: one named snout or nose).") String snout;
  @Option(names = "--tail-base", description = "Tail-base bodypart for heading (default: one named tailbase or tail_base).") String tailBase;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    ZoneSet zones = ZoneFile.read(zonesFile);
    boolean cal = zones.calibration().isCalibrated();
    KinematicsConfig k = new KinematicsConfig(pcutoff != null ? pcutoff : p.config().pcutoff(), maxGapS, smoothS, bodypart, snout, tailBase, Map.of());
    AssayConfig cfg = new AssayConfig(k, immobility != null ? immobility : AssayConfig.defaultImmobilitySpeed(cal), freezingMinS, zoneMinS,
        contact != null ? contact : AssayConfig.defaultContactDistance(cal), subject);
    Map<String, String> groups = groupsFile == null ? Map.of() : AssayFiles.readGroups(groupsFile);
    List<AssayStudy.Input> videos = new ArrayList<>();
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      VideoInfo info = Out.videoInfo(p, in, csv, name);
      double rate = fps != null ? fps : info != null ? info.fps() : Double.NaN;
      if (!(rate > 0)) {
        throw new UserError(csv + ": no frame rate known for '" + name + "' (no video found next to it or in the project): give --fps");
      }
      org.labpose.core.io.HeightCsv.Table table = org.labpose.core.io.HeightCsv.readBeside(csv);
      org.labpose.analysis.assay.Heights heights = null;
      if (table != null) {
        try {
          heights = new org.labpose.analysis.assay.Heights(table, rearingPart, rearingHeight);
        } catch (IllegalArgumentException e) {
          throw new UserError("--rearing-height: " + e.getMessage());
        }
        Out.out(spec).printf(java.util.Locale.ROOT, "%s: heights from %s: rearing is %s above %s %s%n", name,
            org.labpose.core.io.HeightCsv.beside(csv).getFileName(),
            rearingPart, org.labpose.core.io.CsvTable.number(rearingHeight), heights.table().unit());
      }
      videos.add(new AssayStudy.Input(name, csv, ProjectLayout.readPredictions(csv), rate,
          info != null ? info.width() : Double.NaN, info != null ? info.height() : Double.NaN, heights));
    }
    AssayStudy.Result r = AssayStudy.run(videos, zones, cfg, groups, groupsFile);
    for (String w : r.warnings()) {
      Out.err(spec).println("labpose: warning: " + w);
    }
    List<String> settings = new ArrayList<>();
    settings.add("Project: " + p.config().task() + " (" + p.root() + ")");
    settings.addAll(AssayStudy.describe(cfg, zones, zonesFile, groupsFile, groups));
    AssayStudy.Written w = AssayStudy.write(r, out != null ? out : p.layout().assay(), "LabPose assay — " + p.config().task(), settings);
    String u = zones.calibration().unit();
    for (AssayReport.Video v : r.videos()) {
      Map<String, Double> s = v.result().summary();
      Out.out(spec).printf(Locale.ROOT, "%s: %d frames, distance %.1f %s, freezing %.1f s%n", v.name(), v.result().frameCount(),
          s.getOrDefault("distance_" + u, Double.NaN), u, s.getOrDefault("freezing_time_s", Double.NaN));
    }
    List<Path> assayInputs = new ArrayList<>();
    videos.forEach(v -> assayInputs.add(v.source()));
    assayInputs.add(zonesFile);
    assayInputs.add(groupsFile);
    List<Path> assayOutputs = new ArrayList<>(List.of(w.summary(), w.report()));
    if (w.groups() != null) {
      assayOutputs.add(w.groups());
    }
    assayOutputs.addAll(w.features());
    Out.record(spec, p, assayInputs, assayOutputs);
    Out.out(spec).println("wrote " + w.summary() + (w.groups() == null ? "" : ", " + w.groups()) + ", " + w.report()
        + " and " + w.features().size() + " *_features.csv");
    return 0;
  }
}

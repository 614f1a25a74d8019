package org.labpose.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.report.AssayReport;
import org.labpose.analysis.report.AssayStudy;
import org.labpose.analysis.stats.GroupComparison;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.io.VideoInfo;
import org.labpose.video.io.VideoProbe;

/**
 * The assay of many videos on Apache Spark: each video's measures in its own task (its
 * {@code <video>_features.csv} written there, and the summary and report section sent back), then
 * on the driver the group statistics, {@code assay_summary.csv}, {@code assay_groups.csv} and
 * {@code assay_report.html}, with the same library calls as {@code labpose assay} makes in one
 * process ({@link AssayStudy#measure}, {@link AssayStudy#compareGroups}, {@link AssayStudy#writeStudy}),
 * so the files are the same. Settings are {@code labpose assay}'s defaults except the p-cutoff
 * (no project here: {@code --pcutoff}, 0.6 by default as in DeepLabCut's configs). Before any task
 * runs, the driver reads the zones and groups files and checks the CSVs exist and the output can
 * be written.
 */
public final class SparkAssay {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to measure.
   *
   * @param zones the zones file (YAML), on a shared file system
   * @param csvs the prediction CSVs
   * @param groups a CSV video,group, or null
   * @param out the output folder
   * @param fps frames per second, or NaN to take each video's (from its {@code _meta.json})
   * @param pcutoff likelihood under which a point is missing
   */
  public record Request(Path zones, List<Path> csvs, Path groups, Path out, double fps, double pcutoff) implements Serializable {}

  /**
   * One video's measures as the driver needs them, or the bad input that stopped them (file,
   * location, problem: the driver refuses the study with it, as {@code labpose assay} does; such a
   * task is not retried, the answer would be the same).
   */
  record Measured(AssayReport.Part part, List<String> warnings, String badFile, String badLocation, String badProblem) implements Serializable {}

  private SparkAssay() {}

  /** The assay settings: {@code labpose assay}'s defaults with this p-cutoff. */
  static AssayConfig config(double pcutoff, boolean calibrated) {
    KinematicsConfig k = new KinematicsConfig(pcutoff, 0.5, 0.3, null, null, null, Map.of());
    return new AssayConfig(k, AssayConfig.defaultImmobilitySpeed(calibrated), 2.0, 0.2, AssayConfig.defaultContactDistance(calibrated), null);
  }

  /**
   * Runs the assay: checks, one task per CSV, then the study's files.
   *
   * @throws JobRefusedException for missing CSVs, twice the same video or an unwritable output folder
   * @throws InputFormatException naming the zones, groups or prediction file at fault
   */
  public static AssayStudy.Written run(JavaSparkContext sc, Request r, String title) throws IOException {
    ZoneSet zones = ZoneFile.read(r.zones());
    Map<String, String> groups = r.groups() == null ? Map.of() : AssayFiles.readGroups(r.groups());
    List<String> missing = new ArrayList<>();
    Map<String, Path> names = new LinkedHashMap<>();
    for (Path csv : r.csvs()) {
      if (!Files.isRegularFile(csv)) {
        missing.add(csv.toString());
      }
      Path before = names.put(ProjectLayout.videoStemOfPredictions(csv), csv);
      if (before != null) {
        throw new JobRefusedException(csv + " and " + before + " are both video '" + ProjectLayout.videoStemOfPredictions(csv) + "'");
      }
    }
    if (!missing.isEmpty()) {
      throw new JobRefusedException(missing.size() + " prediction file(s) not found: " + String.join(", ", missing));
    }
    try {
      Files.createDirectories(r.out());
      Files.delete(Files.createTempFile(r.out(), ".labpose-write-check", ".tmp"));
    } catch (IOException e) {
      throw new JobRefusedException(r.out() + ": the output folder cannot be written (" + e.getMessage() + ")");
    }
    List<String> csvs = r.csvs().stream().map(Path::toString).toList();
    String zonesFile = r.zones().toString();
    String out = r.out().toString();
    double fps = r.fps();
    double pcutoff = r.pcutoff();
    List<Measured> measured = sc.parallelize(csvs, Math.max(1, csvs.size())).map(c -> measureOne(c, zonesFile, out, fps, pcutoff)).collect();
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    List<AssayReport.Part> parts = new ArrayList<>();
    for (Measured m : measured) {
      if (m.badFile() != null) {
        throw new InputFormatException(Path.of(m.badFile()), m.badLocation(), m.badProblem());
      }
    }
    for (Measured m : measured) {
      summaries.put(m.part().name(), m.part().summary());
      parts.add(m.part());
    }
    List<GroupComparison.Row> rows = AssayStudy.compareGroups(summaries, groups, r.groups());
    AssayConfig cfg = config(pcutoff, zones.calibration().isCalibrated());
    return AssayStudy.writeStudy(r.out(), title, AssayStudy.describe(cfg, zones, r.zones(), r.groups(), groups), parts, groups, rows);
  }

  /** One task: reads the CSV, measures it, writes its features CSV. */
  static Measured measureOne(String csvPath, String zonesFile, String out, double fps, double pcutoff) throws IOException {
    try {
      return measure(Path.of(csvPath), zonesFile, out, fps, pcutoff);
    } catch (InputFormatException e) {
      return new Measured(null, List.of(), e.file().toString(), e.location(), e.problem());
    }
  }

  private static Measured measure(Path csv, String zonesFile, String out, double fps, double pcutoff) throws IOException {
    ZoneSet zones = ZoneFile.read(Path.of(zonesFile));
    String name = ProjectLayout.videoStemOfPredictions(csv);
    double rate = fps;
    double width = Double.NaN;
    double height = Double.NaN;
    VideoInfo info = videoOf(csv);
    if (info != null) {
      rate = Double.isNaN(fps) ? info.fps() : fps;
      width = info.width();
      height = info.height();
    }
    if (!(rate > 0)) {
      throw new InputFormatException(csv, null, "no frame rate known for '" + name + "' (no video named in its _meta.json): give --fps");
    }
    AssayStudy.Measured m = AssayStudy.measure(new AssayStudy.Input(name, csv, ProjectLayout.readPredictions(csv), rate, width, height), zones,
        config(pcutoff, zones.calibration().isCalibrated()));
    AssayStudy.writeFeatures(m.video(), Path.of(out));
    return new Measured(AssayReport.part(m.video()), m.warnings(), null, null, null);
  }

  /** The video an analysis's {@code _meta.json} names, probed, or null. */
  private static VideoInfo videoOf(Path csv) {
    Path meta = ProjectLayout.meta(csv);
    try {
      if (Files.isRegularFile(meta)) {
        JsonNode m = JSON.readTree(meta.toFile());
        String v = m.path("video").asText(null);
        if (v != null && Files.isRegularFile(Path.of(v))) {
          return VideoProbe.probe(Path.of(v));
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}

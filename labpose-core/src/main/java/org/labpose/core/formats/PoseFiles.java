package org.labpose.core.formats;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.coco.CocoKeypoints;
import org.labpose.core.io.coco.CocoLabels;
import org.labpose.core.io.dlc.DlcH5;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.DlcLabelH5;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.hdf5.Hdf5Files;
import org.labpose.core.io.hdf5.PandasFrameH5;
import org.labpose.core.io.nwb.NwbPose;
import org.labpose.core.io.nwb.NwbWriter;
import org.labpose.core.io.sleap.SleapAnalysisH5;
import org.labpose.core.io.sleap.SlpFile;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.PoseTable;

/**
 * One entry point to the pose files of the neighbouring tools, choosing the reader by content, not
 * by name (as sleap-io's {@code load_file} does): DeepLabCut label and prediction files (CSV and
 * pandas {@code .h5}), SLEAP {@code .slp} and analysis {@code .h5}, COCO keypoint JSON, NWB with
 * ndx-pose. Summaries report frames,
 * instances, individuals or tracks and bodyparts; conversion writes predictions to another format
 * and says what the target cannot hold. Coordinates stay in pixels, origin top-left.
 */
public final class PoseFiles {
  private PoseFiles() {}

  /** The formats recognised. */
  public enum Format {
    DLC_LABELS_CSV("DeepLabCut labels (CSV)"),
    DLC_PREDICTIONS_CSV("DeepLabCut predictions (CSV)"),
    DLC_LABELS_H5("DeepLabCut labels (pandas HDF5)"),
    DLC_PREDICTIONS_H5("DeepLabCut predictions (pandas HDF5)"),
    SLEAP_LABELS("SLEAP labels (.slp)"),
    SLEAP_ANALYSIS("SLEAP analysis HDF5"),
    COCO("COCO keypoints (JSON)"),
    NWB("NWB (HDF5)");

    private final String description;

    Format(String description) {
      this.description = description;
    }

    /** Words for people. */
    public String description() {
      return description;
    }
  }

  /** Targets of {@link #convert}. */
  public enum Target {
    DLC_CSV("dlc-csv"),
    DLC_H5("dlc-h5"),
    SLP_ANALYSIS("slp-analysis"),
    COCO("coco"),
    NWB("nwb");

    private final String name;

    Target(String name) {
      this.name = name;
    }

    /** The name on the command line. */
    public String cliName() {
      return name;
    }

    /** The target of a command-line name, or null. */
    public static Target of(String name) {
      for (Target t : values()) {
        if (t.name.equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * The format of a file, from its content.
   *
   * @throws InputFormatException when it is none of the {@link Format}s (saying what it looks like)
   */
  public static Format detect(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "not a file");
    }
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 8);
    }
    if (n == 8 && java.util.Arrays.equals(head, HDF5)) {
      return detectHdf5(file);
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 4; i++) {
        String l = r.readLine();
        if (l == null) {
          break;
        }
        lines.add(l);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputFormatException(file, null, "neither HDF5 nor UTF-8 text: not a pose file LabPose reads");
    }
    if (!lines.isEmpty() && lines.get(0).stripLeading().startsWith("{")) {
      try {
        com.fasterxml.jackson.core.JsonParser jp = new com.fasterxml.jackson.core.JsonFactory().createParser(file.toFile());
        // top-level keys only: the file may be large
        Set<String> keys = new java.util.HashSet<>();
        if (jp.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          while (jp.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            keys.add(jp.getCurrentName());
            jp.nextToken();
            jp.skipChildren();
          }
        }
        jp.close();
        if (keys.contains("images") && keys.contains("categories")) {
          return Format.COCO;
        }
        throw new InputFormatException(file, null, "a JSON object without COCO's 'images' and 'categories' (keys: " + keys + ")");
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new InputFormatException(file, "line " + e.getLocation().getLineNr(), "starts like JSON but is not: " + e.getOriginalMessage());
      }
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("scorer,")) {
      for (String l : lines) {
        if (l.startsWith("coords,")) {
          return l.contains(",likelihood") ? Format.DLC_PREDICTIONS_CSV : Format.DLC_LABELS_CSV;
        }
      }
      throw new InputFormatException(file, "line 1", "starts like a DeepLabCut CSV but has no 'coords' row among its first 4");
    }
    throw new InputFormatException(file, "line 1", "expected a DeepLabCut CSV (first row 'scorer,...') or an HDF5 file"
        + " (DeepLabCut .h5, SLEAP .slp or analysis .h5, NWB)");
  }

  private static Format detectHdf5(Path file) throws IOException {
    try (HdfFile h5 = Hdf5Files.open(file)) {
      if (h5.getAttribute("nwb_version") != null) {
        return Format.NWB;
      }
      Map<String, Node> children = h5.getChildren();
      if (children.containsKey("tracks") && children.containsKey("node_names")) {
        return Format.SLEAP_ANALYSIS;
      }
      if (children.containsKey("metadata") || (children.containsKey("frames") && children.containsKey("instances"))) {
        return Format.SLEAP_LABELS;
      }
      for (Node c : children.values()) {
        if (c instanceof Group g && g.getAttribute("pandas_type") != null) {
          PandasFrameH5.Frame f = PandasFrameH5.read(file);
          boolean likelihood = f.columns().stream().anyMatch(t -> t.get(t.size() - 1).equals("likelihood"));
          return likelihood ? Format.DLC_PREDICTIONS_H5 : Format.DLC_LABELS_H5;
        }
      }
      throw new InputFormatException(file, null, "an HDF5 file, but none LabPose reads: no pandas frame, no SLEAP"
          + " 'tracks'/'node_names' or 'metadata', no NWB 'nwb_version' (groups: " + children.keySet() + ")");
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "damaged HDF5 file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /**
   * Labels of a DeepLabCut label file (CSV or {@code .h5}) or a COCO file (its only category; image
   * paths as the file names them; scorer {@code coco}).
   */
  public static LabelSet readLabels(Path file) throws IOException {
    Format f = detect(file);
    return switch (f) {
      case DLC_LABELS_CSV -> DlcLabelCsv.read(file);
      case DLC_LABELS_H5 -> DlcLabelH5.read(file);
      case COCO -> CocoLabels.toLabels(CocoKeypoints.read(file), file, null, "coco", CocoKeypoints.Image::fileName);
      default -> throw new InputFormatException(file, null, "expected DeepLabCut labels, found " + f.description());
    };
  }

  /**
   * Poses of a predictions file: DeepLabCut CSV or {@code .h5}, SLEAP analysis {@code .h5}, or a
   * {@code .slp} file's first video (user instances before predicted ones, per track).
   */
  public static PoseTable readPredictions(Path file) throws IOException {
    return load(file, detect(file)).table();
  }

  /** Poses read once with what else the file says: skeleton edges, frame times (s, null when none), SLEAP labels. */
  private record Loaded(PoseTable table, List<List<String>> edges, double[] timestamps, SlpFile.SlpLabels slp) {}

  private static Loaded load(Path file, Format f) throws IOException {
    return switch (f) {
      case DLC_PREDICTIONS_CSV -> new Loaded(DlcPredictionCsv.read(file), List.of(), null, null);
      case DLC_PREDICTIONS_H5 -> new Loaded(DlcH5.readPredictions(file), List.of(), null, null);
      case SLEAP_ANALYSIS -> {
        SleapAnalysisH5.Analysis a = SleapAnalysisH5.read(file);
        yield new Loaded(a.table(), a.edges(), null, null);
      }
      case NWB -> {
        NwbPose.Result r = NwbPose.read(file);
        yield new Loaded(r.table(), r.edges(), Double.isNaN(r.timestamps().length == 0 ? Double.NaN : r.timestamps()[0]) ? null : r.timestamps(), null);
      }
      case SLEAP_LABELS -> {
        SlpFile.SlpLabels l = SlpFile.read(file);
        int frames = 0;
        for (SlpFile.Frame fr : l.frames()) {
          if (fr.video() == 0) {
            frames = Math.max(frames, fr.frame() + 1);
          }
        }
        List<List<String>> edges = new ArrayList<>();
        for (int[] e : l.edges()) {
          edges.add(List.of(l.nodes().get(e[0]), l.nodes().get(e[1])));
        }
        yield new Loaded(l.toPoseTable(0, frames, "SLEAP"), edges, null, l);
      }
      default -> throw new InputFormatException(file, null, "expected poses over frames, found " + f.description());
    };
  }

  /**
   * What a file holds, as an ordered map for text or JSON: {@code file}, {@code format}, then
   * {@code frames}, instances, {@code individuals} (tracks), {@code bodyparts} and per-format counts.
   */
  public static Map<String, Object> summary(Path file) throws IOException {
    Format f = detect(file);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("file", file.toAbsolutePath().normalize().toString());
    s.put("format", f.name().toLowerCase(Locale.ROOT));
    s.put("description", f.description());
    switch (f) {
      case DLC_LABELS_CSV, DLC_LABELS_H5, COCO -> {
        if (f == Format.COCO) {
          CocoKeypoints.Dataset d = CocoKeypoints.read(file);
          s.put("images", d.images().size());
          s.put("annotations", d.annotations().size());
          s.put("categories", d.categories().stream().map(CocoKeypoints.Category::name).toList());
        }
        LabelSet ls = readLabels(file);
        s.put("scorer", ls.scorer());
        s.put("labeled_frames", ls.size());
        int instances = 0;
        for (var fr : ls.frames()) {
          for (String ind : ls.layout().isMultiAnimal() ? ls.layout().individuals() : List.of("")) {
            boolean any = false;
            for (KeypointId k : ls.layout().keypoints()) {
              if ((ind.isEmpty() || ind.equals(k.individual())) && !Double.isNaN(fr.x(k))) {
                any = true;
              }
            }
            instances += any ? 1 : 0;
          }
        }
        s.put("labeled_instances", instances);
        layout(s, ls.layout());
      }
      case SLEAP_LABELS -> {
        SlpFile.SlpLabels l = SlpFile.read(file);
        int user = 0;
        int predicted = 0;
        for (SlpFile.Frame fr : l.frames()) {
          for (SlpFile.Instance in : fr.instances()) {
            if (in.user()) {
              user++;
            } else {
              predicted++;
            }
          }
        }
        s.put("format_version", l.formatId());
        s.put("videos", l.videos());
        s.put("labeled_frames", l.frames().size());
        s.put("user_instances", user);
        s.put("predicted_instances", predicted);
        s.put("tracks", l.tracks());
        s.put("bodyparts", l.nodes());
        List<List<String>> edges = new ArrayList<>();
        for (int[] e : l.edges()) {
          edges.add(List.of(l.nodes().get(e[0]), l.nodes().get(e[1])));
        }
        s.put("skeleton", edges);
      }
      case DLC_PREDICTIONS_CSV, DLC_PREDICTIONS_H5, SLEAP_ANALYSIS, NWB -> {
        if (f == Format.NWB) {
          NwbPose.Result r = NwbPose.read(file);
          s.put("nwb_version", r.nwbVersion());
          s.put("source_software", r.sourceSoftware());
          s.put("videos", r.videos());
          s.put("unit", r.unit());
          s.put("skeleton", r.edges());
        }
        PoseTable t = readPredictions(file);
        s.put("scorer", t.scorer());
        s.put("frames", t.frameCount());
        layout(s, t.layout());
        Map<String, Object> present = new LinkedHashMap<>();
        Map<String, Object> meanLikelihood = new LinkedHashMap<>();
        for (KeypointId k : t.layout().keypoints()) {
          int seen = 0;
          double sum = 0;
          for (int fr = 0; fr < t.frameCount(); fr++) {
            if (!Double.isNaN(t.x(fr, k))) {
              seen++;
              sum += Double.isNaN(t.likelihood(fr, k)) ? 0 : t.likelihood(fr, k);
            }
          }
          present.put(k.toString(), t.frameCount() == 0 ? 0.0 : round3((double) seen / t.frameCount()));
          meanLikelihood.put(k.toString(), seen == 0 ? null : round3(sum / seen));
        }
        s.put("fraction_present", present);
        s.put("mean_likelihood", meanLikelihood);
      }
      default -> throw new IllegalStateException(f.toString());
    }
    return s;
  }

  private static List<String> convertLabels(Path in, Format from, Target to, Path out) throws IOException {
    LabelSet ls = readLabels(in);
    List<String> dropped = new ArrayList<>();
    List<List<String>> skeleton = List.of();
    if (from == Format.COCO) {
      CocoKeypoints.Dataset d = CocoKeypoints.read(in);
      skeleton = CocoLabels.skeleton(CocoLabels.category(d, in, null));
      if (d.annotations().stream().anyMatch(a -> java.util.stream.IntStream.range(0, a.keypoints().length / 3).anyMatch(k -> a.visibility(k) == 1))) {
        dropped.add("COCO's occluded flag (v = 1): such points become labelled points");
      }
    }
    switch (to) {
      case DLC_CSV -> DlcLabelCsv.write(ls, out);
      case DLC_H5 -> DlcH5.writeLabels(ls, out);
      case COCO -> CocoKeypoints.write(CocoLabels.fromLabels(ls, "animal", skeleton, Map.of()), out);
      default -> throw new InputFormatException(in, null, "labels convert to dlc-csv, dlc-h5 or coco, not " + to.cliName());
    }
    if ((to == Target.DLC_CSV || to == Target.DLC_H5) && !skeleton.isEmpty()) {
      dropped.add("the skeleton's edges (DeepLabCut keeps them in the project's config.yaml)");
    }
    if (to == Target.COCO) {
      dropped.add("image sizes (written 0: LabPose did not open the images)");
    }
    return dropped;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void layout(Map<String, Object> s, org.labpose.core.model.KeypointLayout l) {
    s.put("multi_animal", l.isMultiAnimal());
    if (l.isMultiAnimal()) {
      s.put("individuals", l.individuals());
      s.put("unique_bodyparts", l.uniqueBodyparts());
    }
    s.put("bodyparts", l.bodyparts());
  }

  /**
   * Converts the poses of {@code in} (see {@link #readPredictions}) to {@code to}, written
   * atomically at {@code out}. Returns what the target could not hold (empty when nothing was lost).
   */
  public static List<String> convert(Path in, Target to, Path out) throws IOException {
    return convert(in, to, out, Double.NaN);
  }

  /**
   * As {@link #convert(Path, Target, Path)}; {@code fps} (frames per second) gives the timestamps
   * an NWB target needs when the source has none (NaN: none given).
   */
  public static List<String> convert(Path in, Target to, Path out, double fps) throws IOException {
    Format from = detect(in);
    if (from == Format.DLC_LABELS_CSV || from == Format.DLC_LABELS_H5 || from == Format.COCO) {
      return convertLabels(in, from, to, out);
    }
    Loaded poses = load(in, from);
    PoseTable t = poses.table();
    List<List<String>> edges = poses.edges();
    List<String> dropped = new ArrayList<>();
    if (from == Format.NWB && to != Target.NWB) {
      dropped.add("the frames' timestamps (s) and the NWB session's metadata");
    }
    if (poses.slp() != null) {
      SlpFile.SlpLabels l = poses.slp();
      if (l.videos().size() > 1) {
        dropped.add("videos after the first (" + (l.videos().size() - 1) + "): convert one video at a time");
      }
      boolean user = false;
      boolean predicted = false;
      for (SlpFile.Frame fr : l.frames()) {
        for (SlpFile.Instance i : fr.instances()) {
          user |= i.user();
          predicted |= !i.user();
        }
      }
      if (user && predicted) {
        dropped.add("which instances people labelled and which were predicted (one pose per track and frame, the person's first)");
      }
    }
    switch (to) {
      case DLC_CSV -> DlcPredictionCsv.write(t, out);
      case DLC_H5 -> DlcH5.writePredictions(t, out);
      case SLP_ANALYSIS -> {
        if (t.layout().isMultiAnimal() && !t.layout().uniqueBodyparts().isEmpty()) {
          dropped.add("unique bodyparts as such for SLEAP: " + t.layout().uniqueBodyparts() + " are nodes of the first track"
              + " (LabPose reads them back as unique)");
        }
        SleapAnalysisH5.write(t, edges, new SleapAnalysisH5.Source("", from == Format.SLEAP_LABELS ? in.toAbsolutePath().toString() : "",
            "{\"converted_by\": \"LabPose\", \"source\": \"" + in.getFileName().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"), out);
      }
      case NWB -> {
        double[] ts;
        if (poses.timestamps() != null) {
          ts = poses.timestamps();
        } else if (fps > 0) {
          ts = NwbWriter.timestamps(t.frameCount(), fps);
        } else {
          throw new InputFormatException(in, null, "an NWB file needs the frames' times: give the frame rate (--fps)");
        }
        String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        NwbWriter.write(t, new NwbWriter.Options("converted from " + in.getFileName(), java.util.UUID.randomUUID().toString(), now, now, ts,
            edges, t.scorer(), "LabPose", org.labpose.core.Version.LABPOSE, List.of(), 0, 0), out);
        dropped.add("the session's start time (unknown: written as the time of conversion)");
      }
      case COCO -> {
        String stem = in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        CocoKeypoints.write(CocoLabels.fromPredictions(t, stem, "animal", edges, 0, 0, 0), out);
        dropped.add("likelihoods per point (an animal's score is the mean of its points')");
      }
      default -> throw new IllegalStateException(to.toString());
    }
    if (to != Target.SLP_ANALYSIS && to != Target.COCO && to != Target.NWB && !edges.isEmpty()) {
      dropped.add("the skeleton's edges (DeepLabCut keeps them in the project's config.yaml)");
    }
    return dropped;
  }
}

package org.labpose.core.io.sleap;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.hdf5.Hdf5Files;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * SLEAP's analysis HDF5 ({@code *.analysis.h5}, "Export Analysis HDF5"), read and written as SLEAP
 * writes it with its default {@code transpose=True}: {@code tracks} as tracks × 2 (x, y) × nodes ×
 * frames (float64, NaN where a point is missing), {@code track_occupancy} frames × tracks (uint8),
 * {@code point_scores} tracks × nodes × frames, {@code instance_scores} and {@code tracking_scores}
 * tracks × frames, {@code node_names}, {@code track_names}, {@code edge_names} (edges × 2),
 * {@code edge_inds} (edges × 2, 0-based node indices), and the scalars {@code video_path}, {@code
 * video_ind}, {@code labels_path} and {@code provenance} (JSON). Coordinates in pixels, origin at
 * the top-left corner, x right, y down; frames 0-based.
 *
 * <p>In a LabPose table, tracks are individuals and nodes bodyparts; point scores are likelihoods.
 * A single-animal table is written as one track {@code track_0}; a multi-animal table's unique
 * bodyparts become extra nodes, filled in the first track only (SLEAP has no unique points), and
 * are named in the provenance ({@code "labpose": {"unique_bodyparts": [...]}}) so that LabPose reads
 * them back as unique bodyparts. An
 * instance's score is the mean of its points' scores; LabPose has no tracking score, written NaN.
 */
public final class SleapAnalysisH5 {
  /** Name of the one track of a single-animal table. */
  public static final String SINGLE_TRACK = "track_0";

  private SleapAnalysisH5() {}

  /** What an analysis file records besides the poses. */
  public record Source(String videoPath, String labelsPath, String provenanceJson) {
    public static final Source NONE = new Source("", "", "{}");
  }

  /**
   * Writes predictions atomically.
   *
   * @param edges skeleton edges as pairs of bodypart names (may be empty)
   */
  public static void write(PoseTable table, List<List<String>> edges, Source source, Path file) throws IOException {
    KeypointLayout layout = table.layout();
    List<String> tracks = layout.isMultiAnimal() ? layout.individuals() : List.of(SINGLE_TRACK);
    List<String> nodes = new ArrayList<>(layout.isMultiAnimal() ? layout.bodyparts() : bodypartsOf(layout));
    List<String> unique = layout.isMultiAnimal() ? layout.uniqueBodyparts() : List.of();
    nodes.addAll(unique);
    int nt = tracks.size();
    int nn = nodes.size();
    int nf = table.frameCount();
    double[][][][] xy = new double[nt][2][nn][nf];
    double[][][] scores = new double[nt][nn][nf];
    double[][] instance = new double[nt][nf];
    double[][] tracking = new double[nt][nf];
    byte[][] occupancy = new byte[nf][nt];
    for (int t = 0; t < nt; t++) {
      for (int n = 0; n < nn; n++) {
        KeypointId k = keypoint(layout, tracks.get(t), nodes.get(n), n >= nn - unique.size(), t);
        for (int f = 0; f < nf; f++) {
          double x = k == null ? Double.NaN : table.x(f, k);
          double y = k == null ? Double.NaN : table.y(f, k);
          boolean seen = !Double.isNaN(x) && !Double.isNaN(y);
          xy[t][0][n][f] = seen ? x : Double.NaN;
          xy[t][1][n][f] = seen ? y : Double.NaN;
          scores[t][n][f] = seen ? table.likelihood(f, k) : Double.NaN;
        }
      }
      for (int f = 0; f < nf; f++) {
        double sum = 0;
        int seen = 0;
        for (int n = 0; n < nn; n++) {
          if (!Double.isNaN(xy[t][0][n][f])) {
            seen++;
            sum += Double.isNaN(scores[t][n][f]) ? 0 : scores[t][n][f];
          }
        }
        occupancy[f][t] = (byte) (seen > 0 ? 1 : 0);
        instance[t][f] = seen > 0 ? sum / seen : Double.NaN;
        tracking[t][f] = Double.NaN;
      }
    }
    List<int[]> edgeInds = new ArrayList<>();
    for (List<String> e : edges) {
      int a = nodes.indexOf(e.get(0));
      int b = nodes.indexOf(e.get(1));
      if (a < 0 || b < 0) {
        throw new IllegalArgumentException("edge " + e + " names a bodypart the table does not have (" + nodes + ")");
      }
      edgeInds.add(new int[] {a, b});
    }
    AtomicFiles.writeVia(file, tmp -> {
      try (WritableHdfFile h5 = HdfFile.write(tmp)) {
        h5.putDataset("tracks", xy, nf > 0 ? chunked(xy) : DatasetCreationOptions.DEFAULT);
        h5.putDataset("track_occupancy", occupancy, DatasetCreationOptions.builder().unsigned().build());
        h5.putDataset("point_scores", scores, nf > 0 ? chunked(scores) : DatasetCreationOptions.DEFAULT);
        h5.putDataset("instance_scores", instance);
        h5.putDataset("tracking_scores", tracking);
        h5.putDataset("node_names", nodes.toArray(new String[0]));
        h5.putDataset("track_names", tracks.toArray(new String[0]));
        if (!edges.isEmpty()) {
          String[][] names = new String[edges.size()][];
          long[][] inds = new long[edges.size()][];
          for (int i = 0; i < edges.size(); i++) {
            names[i] = new String[] {edges.get(i).get(0), edges.get(i).get(1)};
            inds[i] = new long[] {edgeInds.get(i)[0], edgeInds.get(i)[1]};
          }
          h5.putDataset("edge_names", names);
          h5.putDataset("edge_inds", inds);
        }
        h5.putDataset("video_path", source.videoPath());
        h5.putDataset("video_ind", 0L);
        h5.putDataset("labels_path", source.labelsPath());
        h5.putDataset("provenance", provenance(source.provenanceJson(), unique));
      }
    });
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** The source's provenance, with LabPose's unique bodyparts added when there are any. */
  private static String provenance(String json, List<String> unique) throws IOException {
    if (unique.isEmpty()) {
      return json;
    }
    com.fasterxml.jackson.databind.node.ObjectNode o;
    try {
      com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
      o = n instanceof com.fasterxml.jackson.databind.node.ObjectNode obj ? obj : JSON.createObjectNode().set("source", n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      o = JSON.createObjectNode().put("source", json);
    }
    com.fasterxml.jackson.databind.node.ArrayNode a = o.putObject("labpose").putArray("unique_bodyparts");
    unique.forEach(a::add);
    return JSON.writeValueAsString(o);
  }

  /** Unique bodyparts named in a provenance written by LabPose; none otherwise. */
  private static List<String> uniqueOf(String provenance) {
    List<String> out = new ArrayList<>();
    try {
      com.fasterxml.jackson.databind.JsonNode u = JSON.readTree(provenance).path("labpose").path("unique_bodyparts");
      u.forEach(n -> out.add(n.asText()));
    } catch (IOException | RuntimeException e) {
      // not JSON, or not ours: no unique bodyparts
    }
    return out;
  }

  /** Deflated in chunks of up to 1,024 frames along the last axis, the rest whole. */
  private static DatasetCreationOptions chunked(Object array) {
    List<Integer> dims = new ArrayList<>();
    Object a = array;
    while (a != null && a.getClass().isArray()) {
      int n = Array.getLength(a);
      dims.add(n);
      a = n > 0 && a.getClass().getComponentType().isArray() ? Array.get(a, 0) : null;
    }
    int[] chunk = new int[dims.size()];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = i == chunk.length - 1 ? Math.min(1024, dims.get(i)) : dims.get(i);
    }
    return DatasetCreationOptions.builder().chunkDimensions(chunk).deflate().build();
  }

  private static List<String> bodypartsOf(KeypointLayout layout) {
    return layout.keypoints().stream().map(KeypointId::bodypart).toList();
  }

  private static KeypointId keypoint(KeypointLayout layout, String track, String node, boolean unique, int trackIndex) {
    if (!layout.isMultiAnimal()) {
      return KeypointId.of(node);
    }
    if (unique) {
      return trackIndex == 0 ? new KeypointId(KeypointId.UNIQUE, node) : null;
    }
    return new KeypointId(track, node);
  }

  /** The poses of an analysis file, with the skeleton and where they came from. */
  public record Analysis(PoseTable table, List<List<String>> edges, Source source) {}

  /**
   * Reads an analysis file. Tracks become individuals (a multi-animal table) unless the file has
   * one track or none named, which gives a single-animal table; missing point scores give
   * likelihood 1 for every point present.
   *
   * @throws InputFormatException naming the dataset that is missing or whose shape disagrees
   */
  public static Analysis read(Path file) throws IOException {
    try (HdfFile h5 = Hdf5Files.open(file)) {
      List<String> nodes = strings(file, h5, "node_names", true);
      List<String> tracks = strings(file, h5, "track_names", false);
      Dataset td = dataset(file, h5, "tracks", true);
      int[] d = td.getDimensions();
      if (d.length != 4 || d[1] != 2 || d[2] != nodes.size()) {
        throw new InputFormatException(file, "dataset /tracks", "expected tracks x 2 x " + nodes.size() + " nodes x frames, found shape "
            + java.util.Arrays.toString(d));
      }
      int nt = d[0];
      int nf = d[3];
      if (!tracks.isEmpty() && tracks.size() != nt) {
        throw new InputFormatException(file, "dataset /track_names", "names " + tracks.size() + " tracks, /tracks has " + nt);
      }
      double[] xy = Hdf5Files.numbers(file, td);
      Dataset sd = dataset(file, h5, "point_scores", false);
      double[] scores = null;
      if (sd != null) {
        int[] sdim = sd.getDimensions();
        if (sdim.length != 3 || sdim[0] != nt || sdim[1] != nodes.size() || sdim[2] != nf) {
          throw new InputFormatException(file, "dataset /point_scores", "expected " + nt + " x " + nodes.size() + " x " + nf + ", found shape "
              + java.util.Arrays.toString(sdim));
        }
        scores = Hdf5Files.numbers(file, sd);
      }
      boolean single = nt == 1 && (tracks.isEmpty() || tracks.get(0).equals(SINGLE_TRACK));
      Source source = new Source(scalar(file, h5, "video_path"), scalar(file, h5, "labels_path"), scalar(file, h5, "provenance"));
      List<String> unique = single ? List.of() : uniqueOf(source.provenanceJson());
      // keys[t * nn + n]: null for a unique node in a track after the first
      List<KeypointId> keys = new ArrayList<>();
      List<KeypointId> columns = new ArrayList<>();
      for (int t = 0; t < nt; t++) {
        String name = tracks.isEmpty() ? "track_" + t : tracks.get(t);
        for (String n : nodes) {
          KeypointId k = single ? KeypointId.of(n) : unique.contains(n) ? (t == 0 ? new KeypointId(KeypointId.UNIQUE, n) : null) : new KeypointId(name, n);
          keys.add(k);
          if (k != null && !unique.contains(n)) {
            columns.add(k);
          }
        }
      }
      for (String n : nodes) {
        if (unique.contains(n)) {
          columns.add(new KeypointId(KeypointId.UNIQUE, n));
        }
      }
      KeypointLayout layout;
      try {
        layout = new KeypointLayout(columns, !single);
      } catch (IllegalArgumentException e) {
        throw new InputFormatException(file, "dataset /node_names", e.getMessage());
      }
      PoseTable table = new PoseTable("SLEAP", layout, nf);
      int nn = nodes.size();
      for (int t = 0; t < nt; t++) {
        for (int n = 0; n < nn; n++) {
          KeypointId k = keys.get(t * nn + n);
          if (k == null) {
            continue;
          }
          for (int f = 0; f < nf; f++) {
            double x = xy[((t * 2) * nn + n) * nf + f];
            double y = xy[((t * 2 + 1) * nn + n) * nf + f];
            if (Double.isNaN(x) || Double.isNaN(y)) {
              continue;
            }
            if (Double.isInfinite(x) || Double.isInfinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
              throw new InputFormatException(file, "dataset /tracks, track " + t + ", node '" + nodes.get(n) + "', frame " + f,
                  "expected a pixel coordinate within ±1000000 or NaN, found (" + x + ", " + y + ")");
            }
            double p = scores == null ? 1 : scores[(t * nn + n) * nf + f];
            table.set(f, k, x, y, Double.isNaN(p) ? Double.NaN : Math.max(0, Math.min(1, p)));
          }
        }
      }
      List<List<String>> edges = new ArrayList<>();
      Dataset ed = dataset(file, h5, "edge_inds", false);
      if (ed != null) {
        double[] inds = Hdf5Files.numbers(file, ed);
        for (int i = 0; i + 1 < inds.length; i += 2) {
          int a = (int) inds[i];
          int b = (int) inds[i + 1];
          if (a < 0 || b < 0 || a >= nn || b >= nn) {
            throw new InputFormatException(file, "dataset /edge_inds, edge " + i / 2, "node index out of 0.." + (nn - 1));
          }
          edges.add(List.of(nodes.get(a), nodes.get(b)));
        }
      }
      return new Analysis(table, edges, source);
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "damaged or not a SLEAP analysis file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private static Dataset dataset(Path file, HdfFile h5, String name, boolean required) throws IOException {
    Node n = h5.getChildren().get(name);
    if (n instanceof Dataset d) {
      Hdf5Files.requirePlausible(file, d);
      return d;
    }
    if (required) {
      throw new InputFormatException(file, "/" + name, "dataset missing: not a SLEAP analysis file?");
    }
    return null;
  }

  private static List<String> strings(Path file, HdfFile h5, String name, boolean required) throws IOException {
    Dataset d = dataset(file, h5, name, required);
    List<String> out = new ArrayList<>();
    if (d == null || d.getDimensions().length == 0 || d.getDimensions()[0] == 0) {
      return out;
    }
    out.addAll(List.of(Hdf5Files.texts(d.getDataFlat())));
    return out;
  }

  private static String scalar(Path file, HdfFile h5, String name) throws IOException {
    Dataset d = dataset(file, h5, name, false);
    if (d == null) {
      return "";
    }
    String[] v = Hdf5Files.texts(d.getData());
    return v.length == 0 ? "" : v[0];
  }

}

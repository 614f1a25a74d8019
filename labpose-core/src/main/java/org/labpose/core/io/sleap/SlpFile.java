package org.labpose.core.io.sleap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.hdf5.Hdf5Files;

/**
 * Reads SLEAP {@code .slp} label files: the skeleton (nodes, edges, symmetries), tracks, video
 * references, and per labelled frame its user and predicted instances with their points.
 */
public final class SlpFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlpFile() {}

  /**
   * One animal in one frame.
   *
   * @param user drawn by a person (else predicted by a model)
   * @param track index into {@link SlpLabels#tracks()}, or -1 without a track
   * @param score the instance's score (NaN for user instances)
   * @param points per node (skeleton order) {x, y, score} in px; NaN x and y where the node is not visible
   */
  public record Instance(boolean user, int track, double score, double[][] points) {}

  /**
   * A labelled frame.
   *
   * @param video index into {@link SlpLabels#videos()}
   * @param frame 0-based frame index in that video
   */
  public record Frame(int video, int frame, List<Instance> instances) {}

  /**
   * A file's content.
   *
   * @param formatId the file's format version (e.g. 1.1)
   * @param nodes node names in skeleton order (the order of every instance's points)
   * @param edges body edges as pairs of node indices
   * @param symmetries left/right pairs of node indices
   * @param tracks track names
   * @param videos video file names as the file records them
   * @param frames labelled frames in file order
   */
  public record SlpLabels(double formatId, List<String> nodes, List<int[]> edges, List<int[]> symmetries, List<String> tracks,
      List<String> videos, List<Frame> frames) {

    /** Individual names: the track names, else {@code animal1..N} for the most instances in a frame. */
    public List<String> individuals() {
      if (!tracks.isEmpty()) {
        return tracks;
      }
      int most = 1;
      for (Frame f : frames) {
        most = Math.max(most, f.instances().size());
      }
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= most; i++) {
        out.add("animal" + i);
      }
      return out;
    }

    /**
     * The instances of one video as a multi-animal pose table of {@code frameCount} frames: each
     * instance under its track's name (untracked instances in frame order), user instances before
     * predicted ones of the same track; likelihood 1 for user points, the point score for predicted ones.
     */
    public org.labpose.core.model.PoseTable toPoseTable(int video, int frameCount, String scorer) {
      List<String> inds = individuals();
      var layout = org.labpose.core.model.KeypointLayout.multiAnimal(inds, nodes, List.of());
      var t = new org.labpose.core.model.PoseTable(scorer, layout, frameCount);
      for (Frame f : frames) {
        if (f.video() != video || f.frame() >= frameCount) {
          continue;
        }
        boolean[] taken = new boolean[inds.size()];
        for (boolean userPass : new boolean[] {true, false}) {
          int next = 0;
          for (Instance in : f.instances()) {
            if (in.user() != userPass) {
              continue;
            }
            int slot = in.track();
            if (slot < 0) {
              while (next < taken.length && taken[next]) {
                next++;
              }
              slot = next;
            }
            if (slot >= inds.size() || taken[slot]) {
              continue;
            }
            taken[slot] = true;
            for (int k = 0; k < nodes.size(); k++) {
              double[] p = in.points()[k];
              if (!Double.isNaN(p[0])) {
                t.set(f.frame(), new org.labpose.core.model.KeypointId(inds.get(slot), nodes.get(k)), p[0], p[1], p[2]);
              }
            }
          }
        }
      }
      return t;
    }
  }

  /** Reads a {@code .slp} file; a file that is not one is refused naming what is missing. */
  public static SlpLabels read(Path file) throws IOException {
    try (HdfFile h = Hdf5Files.open(file)) {
      Node meta = child(h, file, "metadata");
      Attribute jsonAttr = meta.getAttribute("json");
      Attribute fmt = meta.getAttribute("format_id");
      if (jsonAttr == null) {
        throw new InputFormatException(file, "metadata", "no 'json' attribute: not a SLEAP label file");
      }
      double formatId = fmt == null ? 1.0 : ((Number) fmt.getData()).doubleValue();
      JsonNode md = JSON.readTree(String.valueOf(jsonAttr.getData()));
      List<String> allNodes = new ArrayList<>();
      for (JsonNode n : md.path("nodes")) {
        allNodes.add(n.path("name").asText());
      }
      JsonNode skeletons = md.path("skeletons");
      if (!skeletons.isArray() || skeletons.isEmpty()) {
        throw new InputFormatException(file, "metadata", "no skeleton");
      }
      JsonNode sk = skeletons.get(0);
      if (sk.has("nx_graph")) {
        sk = sk.get("nx_graph"); // newer files nest the graph
      }
      List<Integer> order = new ArrayList<>();
      List<String> nodes = new ArrayList<>();
      for (JsonNode n : sk.path("nodes")) {
        int id = n.path("id").asInt(-1);
        if (id < 0 || id >= allNodes.size()) {
          throw new InputFormatException(file, "metadata skeleton", "node id " + n.path("id") + " outside the " + allNodes.size() + " nodes");
        }
        order.add(id);
        nodes.add(allNodes.get(id));
      }
      List<int[]> edges = new ArrayList<>();
      List<int[]> symmetries = new ArrayList<>();
      List<Integer> typeById = new ArrayList<>(); // py/id k (1-based) -> edge type, in order of appearance
      for (JsonNode l : sk.path("links")) {
        int type = 1;
        JsonNode t = l.path("type");
        if (t.has("py/reduce")) {
          type = t.get("py/reduce").get(1).path("py/tuple").get(0).asInt(1);
          typeById.add(type);
        } else if (t.has("py/id")) {
          int id = t.get("py/id").asInt();
          type = id >= 1 && id <= typeById.size() ? typeById.get(id - 1) : 1;
        }
        int s = order.indexOf(l.path("source").asInt(-1));
        int d = order.indexOf(l.path("target").asInt(-1));
        if (s < 0 || d < 0) {
          throw new InputFormatException(file, "metadata skeleton", "an edge names a node outside the skeleton");
        }
        (type == 2 ? symmetries : edges).add(new int[] {s, d});
      }
      List<String> tracks = new ArrayList<>();
      Dataset tj = dataset(h, file, "tracks_json");
      for (Object o : strings(tj)) {
        JsonNode t = JSON.readTree(String.valueOf(o));
        tracks.add(t.isArray() && t.size() > 1 ? t.get(1).asText() : String.valueOf(t));
      }
      List<String> videos = new ArrayList<>();
      for (Object o : strings(dataset(h, file, "videos_json"))) {
        JsonNode v = JSON.readTree(String.valueOf(o));
        videos.add(v.path("backend").path("filename").asText(v.path("filename").asText("")));
      }
      Map<String, Object> frames = compound(dataset(h, file, "frames"), file, "frames");
      Map<String, Object> instances = compound(dataset(h, file, "instances"), file, "instances");
      Map<String, Object> points = compound(dataset(h, file, "points"), file, "points");
      Dataset predDs = h.getDatasetByPath("pred_points");
      Map<String, Object> pred = predDs != null && predDs.getDimensions()[0] > 0 ? compound(predDs, file, "pred_points") : null;
      double shift = formatId < 1.1 ? -0.5 : 0;
      long[] fVideo = longs(frames, "video", file);
      long[] fIdx = longs(frames, "frame_idx", file);
      long[] fStart = longs(frames, "instance_id_start", file);
      long[] fEnd = longs(frames, "instance_id_end", file);
      long[] iType = longs(instances, "instance_type", file);
      long[] iTrack = longs(instances, "track", file);
      long[] iSkel = longs(instances, "skeleton", file);
      double[] iScore = doubles(instances, "score", file);
      long[] pStart = longs(instances, "point_id_start", file);
      long[] pEnd = longs(instances, "point_id_end", file);
      double[] ux = doubles(points, "x", file);
      double[] uy = doubles(points, "y", file);
      boolean[] uvis = booleans(points, "visible", file);
      double[] px = pred == null ? null : doubles(pred, "x", file);
      double[] py = pred == null ? null : doubles(pred, "y", file);
      boolean[] pvis = pred == null ? null : booleans(pred, "visible", file);
      double[] pscore = pred == null ? null : doubles(pred, "score", file);
      List<Frame> out = new ArrayList<>();
      for (int f = 0; f < fIdx.length; f++) {
        List<Instance> inst = new ArrayList<>();
        for (long i = fStart[f]; i < fEnd[f]; i++) {
          int ii = Math.toIntExact(i);
          if (ii >= iType.length) {
            throw new InputFormatException(file, "frames row " + f, "instance " + ii + " beyond the " + iType.length + " instances");
          }
          if (iSkel[ii] != 0) {
            throw new InputFormatException(file, "instances row " + ii, "uses skeleton " + iSkel[ii] + "; only files with one skeleton are read");
          }
          boolean user = iType[ii] == 0;
          if (!user && px == null) {
            throw new InputFormatException(file, "instances row " + ii, "a predicted instance but no pred_points table");
          }
          double[] x = user ? ux : px;
          double[] y = user ? uy : py;
          boolean[] vis = user ? uvis : pvis;
          double[] sc = user ? null : pscore;
          int n = Math.toIntExact(pEnd[ii] - pStart[ii]);
          if (n != nodes.size()) {
            throw new InputFormatException(file, "instances row " + ii, n + " points for " + nodes.size() + " nodes");
          }
          if (pStart[ii] < 0 || pEnd[ii] > x.length) {
            throw new InputFormatException(file, "instances row " + ii, "points " + pStart[ii] + ".." + pEnd[ii] + " outside the " + x.length + " points");
          }
          double[][] pts = new double[n][3];
          for (int k = 0; k < n; k++) {
            int p = Math.toIntExact(pStart[ii] + k);
            boolean ok = vis[p] && Double.isFinite(x[p]) && Double.isFinite(y[p]);
            pts[k][0] = ok ? x[p] + shift : Double.NaN;
            pts[k][1] = ok ? y[p] + shift : Double.NaN;
            pts[k][2] = ok ? (sc == null ? 1.0 : sc[p]) : Double.NaN;
          }
          int track = (int) iTrack[ii];
          inst.add(new Instance(user, track >= 0 && track < tracks.size() ? track : -1, iScore[ii], pts));
        }
        out.add(new Frame((int) fVideo[f], Math.toIntExact(fIdx[f]), inst));
      }
      return new SlpLabels(formatId, nodes, edges, symmetries, tracks, videos, out);
    } catch (InputFormatException e) {
      throw e;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InputFormatException(file, "metadata", "damaged JSON (" + e.getOriginalMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "not a readable SLEAP label file (" + e.getMessage() + ")", e);
    }
  }

  private static Node child(HdfFile h, Path file, String name) throws InputFormatException {
    Node n = h.getChild(name);
    if (n == null) {
      throw new InputFormatException(file, name, "missing: not a SLEAP label file (expected metadata, frames, instances, points)");
    }
    return n;
  }

  private static Dataset dataset(HdfFile h, Path file, String name) throws InputFormatException {
    if (!(child(h, file, name) instanceof Dataset d)) {
      throw new InputFormatException(file, name, "is not a dataset");
    }
    return d;
  }

  private static Object[] strings(Dataset d) {
    Object v = d.getData();
    if (v instanceof Object[] a) {
      return a;
    }
    return new Object[0];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> compound(Dataset d, Path file, String name) throws InputFormatException {
    if (d.getDimensions().length == 1 && d.getDimensions()[0] == 0) {
      return Map.of();
    }
    Object v = d.getData();
    if (!(v instanceof Map<?, ?> m)) {
      throw new InputFormatException(file, name, "expected a table (compound dataset)");
    }
    return (Map<String, Object>) m;
  }

  private static Object column(Map<String, Object> t, String name, Path file) throws InputFormatException {
    if (t.isEmpty()) {
      return new double[0]; // an empty table (e.g. no user points in a predictions file)
    }
    Object c = t.get(name);
    if (c == null || !c.getClass().isArray()) {
      throw new InputFormatException(file, "column '" + name + "'", "missing");
    }
    return c;
  }

  private static long[] longs(Map<String, Object> t, String name, Path file) throws InputFormatException {
    double[] v = doubles(t, name, file);
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (long) v[i];
    }
    return out;
  }

  private static double[] doubles(Map<String, Object> t, String name, Path file) throws InputFormatException {
    double[] v = org.labpose.core.io.hdf5.Hdf5Files.numbers(column(t, name, file));
    if (v == null) {
      throw new InputFormatException(file, "column '" + name + "'", "expected numbers");
    }
    return v;
  }

  private static boolean[] booleans(Map<String, Object> t, String name, Path file) throws InputFormatException {
    Object c = column(t, name, file);
    int n = Array.getLength(c);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(c, i);
      out[i] = v instanceof Boolean b ? b : v instanceof Number num ? num.intValue() != 0 : "TRUE".equalsIgnoreCase(String.valueOf(v));
    }
    return out;
  }
}

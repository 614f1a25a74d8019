package org.labpose.core.io.nwb;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.hdf5.Hdf5Files;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * Reads pose data from NWB files with the ndx-pose extension (0.1 to 0.3): every {@code
 * PoseEstimation} group (found by its {@code neurodata_type}), each of its {@code
 * PoseEstimationSeries} a bodypart with {@code data} (frames × 2 or 3: x, y[, z]), {@code
 * confidence} (frames; missing: 1 where the point is present) and {@code timestamps} (s, or {@code
 * starting_time} and {@code rate}); the skeleton from the linked {@code Skeleton} ({@code nodes},
 * {@code edges}) or, in ndx-pose 0.1, from the group's own {@code nodes}/{@code edges}. One
 * PoseEstimation gives a single-animal table; several (one per animal, as DeepLabCut's and SLEAP's
 * exporters write) a multi-animal table whose individuals are the groups' names in name order (less a {@code
 * PoseEstimation_} prefix; {@code PoseEstimation_single} holds LabPose's unique bodyparts). Rows are frames in
 * order; coordinates as stored (pixels in the files these tools write, origin top-left); z dropped.
 */
public final class NwbPose {
  private NwbPose() {}

  /**
   * Poses with what the file says about them.
   *
   * @param timestamps seconds of each frame (from the first series), NaN where unknown
   * @param unit the series' {@code data} unit (e.g. {@code pixels})
   */
  public record Result(PoseTable table, List<List<String>> edges, double[] timestamps, String scorer, String sourceSoftware,
      List<String> videos, String unit, String nwbVersion) {}

  public static Result read(Path file) throws IOException {
    try (HdfFile h5 = Hdf5Files.open(file)) {
      String version = text(h5.getAttribute("nwb_version"));
      if (version == null) {
        throw new InputFormatException(file, "/", "no nwb_version attribute: not an NWB file");
      }
      List<Group> estimations = new ArrayList<>();
      find(h5, "PoseEstimation", estimations, 0);
      if (estimations.isEmpty()) {
        throw new InputFormatException(file, "/processing", "no ndx-pose PoseEstimation group: the file holds no pose data");
      }
      // HDF5 keeps no order among them: by name, as h5py lists them
      estimations.sort(java.util.Comparator.comparing(Group::getName));
      boolean multi = estimations.size() > 1;
      List<KeypointId> keys = new ArrayList<>();
      List<double[][]> xy = new ArrayList<>();
      List<double[]> conf = new ArrayList<>();
      double[] timestamps = null;
      List<List<String>> edges = new ArrayList<>();
      String scorer = null;
      String software = null;
      String unit = null;
      List<String> videos = new ArrayList<>();
      List<String> firstParts = null;
      List<KeypointId> uniqueKeys = new ArrayList<>();
      List<double[][]> uniqueXy = new ArrayList<>();
      List<double[]> uniqueConf = new ArrayList<>();
      for (Group pe : estimations) {
        String animal = pe.getName().startsWith("PoseEstimation_") ? pe.getName().substring("PoseEstimation_".length()) : pe.getName();
        boolean unique = multi && animal.equals(KeypointId.UNIQUE);
        List<Group> series = new ArrayList<>();
        for (Node c0 : pe.getChildren().values()) {
          Node c = resolve(c0);
          if (c instanceof Group g && "PoseEstimationSeries".equals(text(g.getAttribute("neurodata_type")))) {
            series.add(g);
          }
        }
        List<String> nodes = nodes(file, pe);
        // series in the skeleton's node order where it names them, else the file's
        if (!nodes.isEmpty()) {
          series.sort(java.util.Comparator.comparingInt(g -> {
            int i = nodes.indexOf(g.getName());
            return i < 0 ? Integer.MAX_VALUE : i;
          }));
        }
        List<String> parts = series.stream().map(Group::getName).toList();
        if (unique) {
          // LabPose's unique bodyparts: checked against nothing, placed after the animals
        } else if (firstParts == null) {
          firstParts = parts;
          edges = edges(file, pe, nodes);
          scorer = scalarText(pe, "scorer");
          software = scalarText(pe, "source_software");
          Node ov = child(pe, "original_videos");
          if (ov instanceof Dataset d) {
            videos.addAll(List.of(Hdf5Files.texts(d.getData())));
          }
        } else if (!firstParts.equals(parts)) {
          throw new InputFormatException(file, pe.getPath(), "bodyparts " + parts + " differ from " + firstParts + " of the first PoseEstimation");
        }
        List<KeypointId> keysHere = unique ? uniqueKeys : keys;
        List<double[][]> xyHere = unique ? uniqueXy : xy;
        List<double[]> confHere = unique ? uniqueConf : conf;
        for (Group s : series) {
          keysHere.add(multi ? new KeypointId(animal, s.getName()) : KeypointId.of(s.getName()));
          Dataset data = dataset(file, s, "data");
          int[] dims = data.getDimensions();
          if (dims.length != 2 || dims[1] < 2 || dims[1] > 3) {
            throw new InputFormatException(file, data.getPath(), "expected frames x 2 (x, y) or x 3, found shape " + java.util.Arrays.toString(dims));
          }
          double[] v = Hdf5Files.numbers(file, data);
          double[][] p = new double[dims[0]][2];
          for (int f = 0; f < dims[0]; f++) {
            p[f][0] = v[f * dims[1]];
            p[f][1] = v[f * dims[1] + 1];
          }
          xyHere.add(p);
          if (unit == null) {
            unit = text(data.getAttribute("unit"));
          }
          Node cn = child(s, "confidence");
          double[] c = null;
          if (cn instanceof Dataset cd) {
            Hdf5Files.requirePlausible(file, cd);
            c = Hdf5Files.numbers(file, cd);
            if (c.length != dims[0]) {
              throw new InputFormatException(file, cd.getPath(), "has " + c.length + " values for " + dims[0] + " frames");
            }
          }
          confHere.add(c);
          if (timestamps == null) {
            timestamps = timestamps(file, s, dims[0]);
          }
        }
      }
      keys.addAll(uniqueKeys);
      xy.addAll(uniqueXy);
      conf.addAll(uniqueConf);
      int frames = 0;
      for (double[][] p : xy) {
        frames = Math.max(frames, p.length);
      }
      KeypointLayout layout;
      try {
        layout = new KeypointLayout(keys, multi);
      } catch (IllegalArgumentException e) {
        throw new InputFormatException(file, null, e.getMessage());
      }
      PoseTable t = new PoseTable(scorer == null || scorer.isEmpty() ? "NWB" : scorer, layout, frames);
      for (int k = 0; k < keys.size(); k++) {
        double[][] p = xy.get(k);
        for (int f = 0; f < p.length; f++) {
          double x = p[f][0];
          double y = p[f][1];
          if (Double.isNaN(x) || Double.isNaN(y)) {
            continue;
          }
          if (Double.isInfinite(x) || Double.isInfinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
            throw new InputFormatException(file, keys.get(k) + " data, frame " + f, "expected a coordinate within ±1000000, found (" + x + ", " + y + ")");
          }
          double c = conf.get(k) == null ? 1 : conf.get(k)[f];
          t.set(f, keys.get(k), x, y, Double.isNaN(c) ? Double.NaN : Math.max(0, Math.min(1, c)));
        }
      }
      if (timestamps == null || timestamps.length != frames) {
        double[] ts = new double[frames];
        java.util.Arrays.fill(ts, Double.NaN);
        if (timestamps != null) {
          System.arraycopy(timestamps, 0, ts, 0, Math.min(frames, timestamps.length));
        }
        timestamps = ts;
      }
      return new Result(t, edges, timestamps, scorer, software, videos, unit, version);
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "damaged or unreadable NWB file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /**
   * The labelled frames of a file's ndx-pose {@code PoseTraining}: one labelled frame per {@code
   * TrainingFrame} (its name, {@code |} read as {@code /}, as the image path), each {@code
   * SkeletonInstance}'s {@code node_locations} under the animal of the Skeleton it links to (a single
   * animal when the file has one Skeleton). Empty labels when the file has no PoseTraining.
   */
  public static org.labpose.core.model.LabelSet readTraining(Path file, KeypointLayout layout) throws IOException {
    try (HdfFile h5 = Hdf5Files.open(file)) {
      List<Group> trainings = new ArrayList<>();
      find(h5, "PoseTraining", trainings, 0);
      List<org.labpose.core.model.LabeledFrame> frames = new ArrayList<>();
      String annotator = null;
      for (Group pt : trainings) {
        Node tfs = child(pt, "training_frames");
        if (!(tfs instanceof Group g)) {
          continue;
        }
        for (Node n : g.getChildren().values()) {
          if (!(resolve(n) instanceof Group tf)) {
            continue;
          }
          if (annotator == null) {
            annotator = text(tf.getAttribute("annotator"));
          }
          double[] xy = new double[2 * layout.size()];
          java.util.Arrays.fill(xy, Double.NaN);
          Node sis = child(tf, "skeleton_instances");
          if (sis instanceof Group sg) {
            for (Node sn : sg.getChildren().values()) {
              if (!(resolve(sn) instanceof Group si)) {
                continue;
              }
              Group sk = skeleton(si);
              List<String> nodes = nodes(file, si);
              String animal = sk == null ? si.getName() : sk.getName();
              Dataset loc = dataset(file, si, "node_locations");
              double[] v = Hdf5Files.numbers(file, loc);
              int cols = loc.getDimensions().length == 2 ? loc.getDimensions()[1] : 2;
              for (int i = 0; i < nodes.size() && (i + 1) * cols <= v.length; i++) {
                KeypointId k = !layout.isMultiAnimal() ? KeypointId.of(nodes.get(i)) : new KeypointId(animal, nodes.get(i));
                int slot = layout.keypoints().indexOf(k);
                if (slot < 0) {
                  throw new InputFormatException(file, loc.getPath(), "keypoint " + k + " is not among " + layout.keypoints());
                }
                xy[2 * slot] = v[i * cols];
                xy[2 * slot + 1] = v[i * cols + 1];
              }
            }
          }
          frames.add(new org.labpose.core.model.LabeledFrame(tf.getName().replace('|', '/'), layout, xy));
        }
      }
      frames.sort(java.util.Comparator.comparing(org.labpose.core.model.LabeledFrame::imagePath));
      return new org.labpose.core.model.LabelSet(annotator == null ? "NWB" : annotator, layout, frames);
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "damaged or unreadable NWB file (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** Groups of a neurodata type under {@code g}, depth first, in the file's order (links not followed). */
  private static void find(Group g, String type, List<Group> out, int depth) {
    if (depth > 8) {
      return;
    }
    for (Node c : g.getChildren().values()) {
      if (c.isLink() || !(c instanceof Group child)) {
        continue;
      }
      if (type.equals(text(child.getAttribute("neurodata_type")))) {
        out.add(child);
      } else if (!child.getName().equals("specifications")) {
        find(child, type, out, depth + 1);
      }
    }
  }

  /** The skeleton's node names: a linked Skeleton's, else ndx-pose 0.1's own {@code nodes}. */
  private static List<String> nodes(Path file, Group pe) throws IOException {
    Group sk = skeleton(pe);
    Node n = child(sk != null ? sk : pe, "nodes");
    List<String> out = new ArrayList<>();
    if (n instanceof Dataset d) {
      Hdf5Files.requirePlausible(file, d);
      out.addAll(List.of(Hdf5Files.texts(d.getData())));
    }
    return out;
  }

  private static List<List<String>> edges(Path file, Group pe, List<String> nodes) throws IOException {
    Group sk = skeleton(pe);
    Node n = child(sk != null ? sk : pe, "edges");
    List<List<String>> out = new ArrayList<>();
    if (n instanceof Dataset d) {
      Hdf5Files.requirePlausible(file, d);
      double[] v = Hdf5Files.numbers(file, d);
      for (int i = 0; i + 1 < v.length; i += 2) {
        int a = (int) v[i];
        int b = (int) v[i + 1];
        if (a < 0 || b < 0 || a >= nodes.size() || b >= nodes.size()) {
          throw new InputFormatException(file, d.getPath() + ", edge " + i / 2, "node index out of 0.." + (nodes.size() - 1));
        }
        out.add(List.of(nodes.get(a), nodes.get(b)));
      }
    }
    return out;
  }

  /** The Skeleton a PoseEstimation links to (ndx-pose 0.2+), or null. */
  private static Group skeleton(Group pe) {
    for (Node c0 : pe.getChildren().values()) {
      Node c = resolve(c0);
      if (c instanceof Group g && "Skeleton".equals(text(g.getAttribute("neurodata_type")))) {
        return g;
      }
    }
    return null;
  }

  private static double[] timestamps(Path file, Group s, int frames) throws IOException {
    Node tn = child(s, "timestamps");
    if (tn instanceof Dataset td) {
      Hdf5Files.requirePlausible(file, td);
      return Hdf5Files.numbers(file, td);
    }
    Node st = child(s, "starting_time");
    if (st instanceof Dataset sd) {
      double t0 = Hdf5Files.numbers(file, sd)[0];
      Attribute rate = sd.getAttribute("rate");
      double[] rv = rate == null ? null : Hdf5Files.numbers(rate.getData());
      double r = rv == null || rv.length == 0 ? Double.NaN : rv[0];
      double[] ts = new double[frames];
      for (int i = 0; i < frames; i++) {
        ts[i] = r > 0 ? t0 + i / r : Double.NaN;
      }
      return ts;
    }
    return null;
  }

  /** A link's target (null when broken), else the node itself. */
  private static Node resolve(Node n) {
    if (n instanceof io.jhdf.api.Link l) {
      return l.isBrokenLink() ? null : l.getTarget();
    }
    return n;
  }

  private static Node child(Group g, String name) {
    return resolve(g.getChild(name));
  }

  private static Dataset dataset(Path file, Group g, String name) throws IOException {
    Node n = child(g, name);
    if (n instanceof Dataset d) {
      Hdf5Files.requirePlausible(file, d);
      return d;
    }
    throw new InputFormatException(file, g.getPath() + "/" + name, "dataset missing");
  }

  private static String scalarText(Group g, String name) {
    Node n = child(g, name);
    if (n instanceof Dataset d) {
      String[] v = Hdf5Files.texts(d.getData());
      return v.length == 0 ? null : v[0];
    }
    return null;
  }

  private static String text(Attribute a) {
    if (a == null) {
      return null;
    }
    String[] v = Hdf5Files.texts(a.getData());
    return v.length == 0 ? null : v[0];
  }


}

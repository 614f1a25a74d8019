package org.labpose.core.io.nwb;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.hdf5.Hdf5Links;
import org.labpose.core.io.hdf5.Hdf5Writing;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * Writes poses as an NWB 2.9 file with the ndx-pose 0.3 extension, in the layout pynwb writes
 * (modelled on the ndx-pose fixtures): {@code /processing/behavior} (a ProcessingModule) holds
 * {@code Skeletons} (one {@code Skeleton} per animal: {@code nodes}, {@code edges}) and one {@code
 * PoseEstimation} per animal ({@code PoseEstimation} for one animal, {@code PoseEstimation_<name>}
 * for several, {@code PoseEstimation_single} for unique bodyparts) with {@code description},
 * {@code scorer}, {@code source_software}, {@code original_videos}, {@code dimensions}, a soft link
 * to its Skeleton, and one {@code PoseEstimationSeries} per bodypart: {@code data} (frames × 2, x
 * and y in pixels, origin top-left, NaN where missing), {@code confidence} (the likelihood), {@code
 * reference_frame} and {@code timestamps} (s; later series link to the first's, as pynwb does).
 * Every group carries {@code neurodata_type}, {@code namespace} and a random {@code object_id};
 * the specifications (core 2.9.0, hdmf-common 1.8.0, hdmf-experimental 0.5.0, ndx-pose 0.3.0) are
 * cached under {@code /specifications} and referred to by the root's {@code .specloc}. Strings are
 * fixed-length UTF-8 (pynwb writes variable-length ones; h5py reads both alike).
 */
public final class NwbWriter {
  /** NWB schema version written. */
  public static final String NWB_VERSION = "2.9.0";

  private NwbWriter() {}

  /**
   * What goes into the file besides the poses.
   *
   * @param sessionDescription NWB's required session description
   * @param identifier a unique identifier of the session (e.g. a UUID)
   * @param sessionStart ISO 8601 date-time with offset, e.g. {@code 2026-11-30T10:00:00+00:00}
   * @param created ISO 8601 date-time the file was made
   * @param timestamps seconds of each frame from the session start (length: the table's frames)
   * @param skeleton bodypart pairs
   * @param scorer the model's name
   * @param software source software and its version
   * @param videos the analysed videos' paths
   * @param width frame width in px, 0 unknown
   * @param height frame height in px, 0 unknown
   */
  public record Options(String sessionDescription, String identifier, String sessionStart, String created, double[] timestamps,
      List<List<String>> skeleton, String scorer, String software, String softwareVersion, List<String> videos, int width, int height) {}

  /** Timestamps of {@code frames} frames at {@code fps} frames per second, from 0 s. */
  public static double[] timestamps(int frames, double fps) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("frame rate must be positive, got " + fps);
    }
    double[] t = new double[frames];
    for (int i = 0; i < frames; i++) {
      t[i] = i / fps;
    }
    return t;
  }

  public static void write(PoseTable table, Options o, Path file) throws IOException {
    write(table, null, o, file);
  }

  /**
   * Writes poses and, when {@code labels} is not null, the labelled frames as ndx-pose's {@code
   * PoseTraining}: {@code /processing/behavior/PoseTraining/training_frames/<frame>} ({@code
   * TrainingFrame}, its {@code annotator} the labels' scorer, the frame's image path in its name with
   * {@code /} as {@code |}), each animal a {@code SkeletonInstance} ({@code node_locations}, px, NaN
   * where not labelled; a soft link to its Skeleton). The labels' layout must be the table's.
   */
  public static void write(PoseTable table, org.labpose.core.model.LabelSet labels, Options o, Path file) throws IOException {
    if (labels != null && !labels.layout().equals(table.layout())) {
      throw new IllegalArgumentException("labels " + labels.layout() + " and poses " + table.layout() + " have different keypoints");
    }
    if (o.timestamps().length != table.frameCount()) {
      throw new IllegalArgumentException(o.timestamps().length + " timestamps for " + table.frameCount() + " frames");
    }
    KeypointLayout layout = table.layout();
    List<String> animals = new ArrayList<>(layout.isMultiAnimal() ? layout.individuals() : List.of(""));
    if (layout.isMultiAnimal() && !layout.uniqueBodyparts().isEmpty()) {
      animals.add(KeypointId.UNIQUE);
    }
    AtomicFiles.writeVia(file, tmp -> {
      Hdf5Links links = new Hdf5Links();
      try (WritableHdfFile h5 = HdfFile.write(tmp)) {
        typed(h5, "core", "NWBFile");
        Hdf5Writing.putAttribute(h5, "nwb_version", NWB_VERSION);
        links.objectReference(h5, "/", ".specloc", "/specifications");
        h5.putDataset("file_create_date", new String[] {o.created()});
        h5.putDataset("identifier", o.identifier());
        h5.putDataset("session_description", o.sessionDescription());
        h5.putDataset("session_start_time", o.sessionStart());
        h5.putDataset("timestamps_reference_time", o.sessionStart());
        h5.putGroup("acquisition");
        h5.putGroup("analysis");
        h5.putGroup("general");
        WritableGroup stimulus = h5.putGroup("stimulus");
        stimulus.putGroup("presentation");
        stimulus.putGroup("templates");
        WritableGroup behavior = h5.putGroup("processing").putGroup("behavior");
        typed(behavior, "core", "ProcessingModule");
        Hdf5Writing.putAttribute(behavior, "description", "processed behavioral data");
        WritableGroup skeletons = behavior.putGroup("Skeletons");
        typed(skeletons, "ndx-pose", "Skeletons");
        String firstTimestamps = null;
        for (String animal : animals) {
          boolean unique = animal.equals(KeypointId.UNIQUE) && layout.isMultiAnimal();
          List<String> parts = unique ? layout.uniqueBodyparts() : layout.bodyparts();
          String skeletonName = animal.isEmpty() ? "subject" : animal;
          WritableGroup sk = skeletons.putGroup(skeletonName);
          typed(sk, "ndx-pose", "Skeleton");
          sk.putDataset("nodes", parts.toArray(new String[0]));
          List<int[]> edges = new ArrayList<>();
          for (List<String> e : unique ? List.<List<String>>of() : o.skeleton()) {
            int a = parts.indexOf(e.get(0));
            int b = parts.indexOf(e.get(1));
            if (a >= 0 && b >= 0) {
              edges.add(new int[] {a, b});
            }
          }
          if (!edges.isEmpty()) {
            short[][] e = new short[edges.size()][];
            for (int i = 0; i < e.length; i++) {
              e[i] = new short[] {(short) edges.get(i)[0], (short) edges.get(i)[1]};
            }
            sk.putDataset("edges", e, io.jhdf.api.DatasetCreationOptions.builder().unsigned().build());
          }
          String peName = animal.isEmpty() ? "PoseEstimation" : "PoseEstimation_" + animal;
          WritableGroup pe = behavior.putGroup(peName);
          typed(pe, "ndx-pose", "PoseEstimation");
          pe.putDataset("description", animal.isEmpty() ? "Estimated positions of the bodyparts, by LabPose."
              : "Estimated positions of the bodyparts of " + (unique ? "the unique (not per-animal) points" : animal) + ", by LabPose.");
          pe.putDataset("scorer", o.scorer());
          WritableDataset sw = pe.putDataset("source_software", o.software());
          Hdf5Writing.putAttribute(sw, "version", o.softwareVersion());
          if (!o.videos().isEmpty()) {
            pe.putDataset("original_videos", o.videos().toArray(new String[0]));
            if (o.width() > 0 && o.height() > 0) {
              short[][] dims = new short[o.videos().size()][];
              for (int i = 0; i < dims.length; i++) {
                dims[i] = new short[] {(short) o.width(), (short) o.height()};
              }
              pe.putDataset("dimensions", dims, io.jhdf.api.DatasetCreationOptions.builder().unsigned().build());
            }
          }
          links.softLink(pe, skeletonName, "/processing/behavior/Skeletons/" + skeletonName);
          for (String part : parts) {
            KeypointId k = !layout.isMultiAnimal() ? KeypointId.of(part) : new KeypointId(animal, part);
            WritableGroup s = pe.putGroup(part);
            typed(s, "ndx-pose", "PoseEstimationSeries");
            Hdf5Writing.putAttribute(s, "comments", "no comments");
            Hdf5Writing.putAttribute(s, "description", "Estimated position of " + part + (animal.isEmpty() || unique ? "" : " of " + animal) + ".");
            int n = table.frameCount();
            double[][] data = new double[n][2];
            double[] conf = new double[n];
            for (int f = 0; f < n; f++) {
              double x = table.x(f, k);
              double y = table.y(f, k);
              boolean seen = !Double.isNaN(x) && !Double.isNaN(y);
              data[f][0] = seen ? x : Double.NaN;
              data[f][1] = seen ? y : Double.NaN;
              conf[f] = seen ? table.likelihood(f, k) : Double.NaN;
            }
            WritableDataset d = s.putDataset("data", n == 0 ? new double[0] : data);
            d.putAttribute("conversion", 1.0);
            d.putAttribute("offset", 0.0);
            d.putAttribute("resolution", -1.0);
            Hdf5Writing.putAttribute(d, "unit", "pixels");
            WritableDataset c = s.putDataset("confidence", conf);
            Hdf5Writing.putAttribute(c, "definition", "Likelihood of the network's estimate, from 0 to 1.");
            s.putDataset("reference_frame", "(0,0) is the top-left corner of the video frame, x to the right, y down, in pixels.");
            String path = "/processing/behavior/" + peName + "/" + part + "/timestamps";
            if (firstTimestamps == null) {
              WritableDataset ts = s.putDataset("timestamps", o.timestamps());
              ts.putAttribute("interval", 1);
              Hdf5Writing.putAttribute(ts, "unit", "seconds");
              firstTimestamps = path;
            } else {
              links.softLink(s, "timestamps", firstTimestamps);
            }
          }
        }
        if (labels != null) {
          WritableGroup training = behavior.putGroup("PoseTraining");
          typed(training, "ndx-pose", "PoseTraining");
          WritableGroup frames = training.putGroup("training_frames");
          typed(frames, "ndx-pose", "TrainingFrames");
          for (org.labpose.core.model.LabeledFrame lf : labels.frames()) {
            WritableGroup tf = frames.putGroup(lf.imagePath().replace('/', '|'));
            typed(tf, "ndx-pose", "TrainingFrame");
            Hdf5Writing.putAttribute(tf, "annotator", labels.scorer());
            WritableGroup instances = tf.putGroup("skeleton_instances");
            typed(instances, "ndx-pose", "SkeletonInstances");
            for (int a = 0; a < animals.size(); a++) {
              String animal = animals.get(a);
              boolean unique = animal.equals(KeypointId.UNIQUE) && layout.isMultiAnimal();
              List<String> parts = unique ? layout.uniqueBodyparts() : layout.bodyparts();
              double[][] loc = new double[parts.size()][2];
              boolean any = false;
              for (int i = 0; i < parts.size(); i++) {
                KeypointId k = !layout.isMultiAnimal() ? KeypointId.of(parts.get(i)) : new KeypointId(animal, parts.get(i));
                loc[i][0] = lf.x(k);
                loc[i][1] = lf.y(k);
                any |= !Double.isNaN(loc[i][0]);
              }
              if (!any) {
                continue;
              }
              String skeletonName = animal.isEmpty() ? "subject" : animal;
              WritableGroup si = instances.putGroup(skeletonName);
              typed(si, "ndx-pose", "SkeletonInstance");
              si.putAttribute("id", (byte) a, true);
              si.putDataset("node_locations", loc);
              links.softLink(si, skeletonName, "/processing/behavior/Skeletons/" + skeletonName);
            }
          }
        }
        WritableGroup specs = h5.putGroup("specifications");
        for (String doc : specIndex()) {
          String[] p = doc.split("/");
          WritableGroup ns = specs.getChild(p[0]) instanceof WritableGroup g ? g : specs.putGroup(p[0]);
          WritableGroup version = ns.getChild(p[1]) instanceof WritableGroup g ? g : ns.putGroup(p[1]);
          version.putDataset(p[2], spec(doc));
        }
      }
      links.apply(tmp);
    });
  }

  private static void typed(WritableNode n, String namespace, String type) {
    Hdf5Writing.putAttribute(n, "namespace", namespace);
    Hdf5Writing.putAttribute(n, "neurodata_type", type);
    Hdf5Writing.putAttribute(n, "object_id", UUID.randomUUID().toString());
  }

  private static List<String> specIndex() throws IOException {
    String idx = resource("spec/index.txt");
    return idx.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String spec(String doc) throws IOException {
    return resource("spec/" + doc + ".json");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NwbWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from LabPose's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package org.labpose.net.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.JsonFiles;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;

/**
 * A training set of a project (DeepLabCut's {@code create_training_dataset}): every labeled-data
 * folder merged, split into train and test frames by the training fraction and a shuffle index.
 * The split is stored in {@code training-datasets/iteration-<n>/UnaugmentedDataSet_<Task><date>/}
 * and reused, so the same shuffle always gives the same split.
 *
 * @param labels all labelled frames, in order
 * @param train indices of training frames
 * @param test indices of test frames
 * @param trainFraction the fraction asked for
 * @param shuffle the shuffle index
 * @param net the network chosen for this shuffle
 */
public record TrainingDataset(LabelSet labels, List<Integer> train, List<Integer> test, double trainFraction, int shuffle, String net) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** {@code training-datasets/iteration-<n>/UnaugmentedDataSet_<Task><date>/}. */
  public static Path datasetDir(Project p) {
    return p.layout().dataset();
  }

  /** {@code <Task><date>-trainset<pct>shuffle<k>}: the name of a shuffle's model folder. */
  public static String shuffleName(Project p, double fraction, int shuffle) {
    return p.layout().shuffleName(fraction, shuffle);
  }

  /** {@code labpose-models/iteration-<n>/<Task><date>-trainset<pct>shuffle<k>/}. */
  public static Path modelDir(Project p, double fraction, int shuffle) {
    return p.layout().modelDir(fraction, shuffle);
  }

  private static Path splitFile(Project p, double fraction, int shuffle) {
    return p.layout().splitFile(fraction, shuffle);
  }

  /**
   * Creates (or, when it exists, loads) the training set of a shuffle.
   *
   * @param fraction training fraction in (0, 1]
   * @param seed random seed of the split
   * @param splitOverride a JSON file with {@code train} and {@code test} lists of image paths, or null
   * @throws InputFormatException when the project has no labelled frames, or an override names an
   *     unknown frame
   */
  public static TrainingDataset create(Project p, double fraction, int shuffle, long seed, String net, Path splitOverride) throws IOException {
    LabelSet labels = p.loadAllLabels();
    if (labels.size() == 0) {
      throw new InputFormatException(p.labeledDataDir(), null, "no labelled frames: label some frames (CollectedData_" + p.config().scorer() + ".csv) first");
    }
    Path split = splitFile(p, fraction, shuffle);
    if (Files.exists(split) && splitOverride == null) {
      return load(p, fraction, shuffle);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    if (splitOverride != null) {
      Map<String, Integer> byPath = new LinkedHashMap<>();
      for (int i = 0; i < labels.size(); i++) {
        byPath.put(labels.frames().get(i).imagePath(), i);
      }
      var node = JsonFiles.readObject(splitOverride);
      Map<String, String> partOf = new HashMap<>();
      for (String part : List.of("train", "test")) {
        if (node.get(part) == null || !node.get(part).isArray()) {
          throw new InputFormatException(splitOverride, "key '" + part + "'", "expected a list of image paths");
        }
        for (var e : node.get(part)) {
          if (!e.isTextual()) {
            throw new InputFormatException(splitOverride, "key '" + part + "'", "expected image paths (strings), found " + e);
          }
          Integer i = byPath.get(e.asText());
          if (i == null) {
            throw new InputFormatException(splitOverride, "key '" + part + "'", "frame '" + e.asText() + "' is not among the project's labelled frames");
          }
          String before = partOf.put(e.asText(), part);
          if (before != null) {
            throw new InputFormatException(splitOverride, "key '" + part + "'", "frame '" + e.asText() + "' is listed "
                + (before.equals(part) ? "twice in '" + part + "'" : "in both 'train' and 'test'"));
          }
          (part.equals("train") ? train : test).add(i);
        }
      }
    } else {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        order.add(i);
      }
      Random rng = new Random(seed * 1000 + shuffle);
      for (int i = order.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order.get(i);
        order.set(i, order.get(j));
        order.set(j, t);
      }
      int nTrain = (int) Math.round(order.size() * fraction);
      nTrain = Math.max(1, Math.min(order.size(), nTrain));
      train.addAll(order.subList(0, nTrain));
      test.addAll(order.subList(nTrain, order.size()));
    }
    TrainingDataset d = new TrainingDataset(labels, train, test, fraction, shuffle, net);
    d.save(p, seed);
    return d;
  }

  private void save(Project p, long seed) throws IOException {
    Path dir = datasetDir(p);
    Files.createDirectories(dir);
    org.labpose.core.io.dlc.LabelFiles.write(labels, dir.resolve("CollectedData_" + p.config().scorer() + ".csv"), DlcLabelCsv.IndexStyle.SPLIT);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_fraction", trainFraction);
    m.put("shuffle", shuffle);
    m.put("seed", seed);
    m.put("net", net);
    m.put("train_indices", train);
    m.put("test_indices", test);
    m.put("train_images", train.stream().map(i -> labels.frames().get(i).imagePath()).toList());
    m.put("test_images", test.stream().map(i -> labels.frames().get(i).imagePath()).toList());
    AtomicFiles.writeString(splitFile(p, trainFraction, shuffle), JSON.writeValueAsString(m));
  }

  /** Loads a shuffle's stored split (the frames are matched by image path). */
  public static TrainingDataset load(Project p, double fraction, int shuffle) throws IOException {
    Path f = splitFile(p, fraction, shuffle);
    if (!Files.exists(f)) {
      throw new InputFormatException(f, null, "no training set for shuffle " + shuffle + " (run 'labpose create-training-dataset' first)");
    }
    LabelSet labels = p.loadAllLabels();
    var node = JsonFiles.readObject(f);
    Map<String, Integer> byPath = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      byPath.put(labels.frames().get(i).imagePath(), i);
    }
    Set<String> missing = new HashSet<>();
    List<Integer> train = indices(node.get("train_images"), byPath, missing);
    List<Integer> test = indices(node.get("test_images"), byPath, missing);
    if (!missing.isEmpty()) {
      throw new InputFormatException(f, null, "the split names frames that are no longer labelled: " + missing.stream().sorted().limit(5).toList());
    }
    String net = node.has("net") ? node.get("net").asText() : "mobilenet_v2_1.0";
    return new TrainingDataset(labels, train, test, node.get("train_fraction").asDouble(), shuffle, net);
  }

  /** Frame indices of the listed image paths; paths not found go to {@code missing}. */
  private static List<Integer> indices(com.fasterxml.jackson.databind.JsonNode paths, Map<String, Integer> byPath, Set<String> missing) {
    List<Integer> out = new ArrayList<>();
    for (var e : paths) {
      Integer i = byPath.get(e.asText());
      if (i == null) {
        missing.add(e.asText());
      } else {
        out.add(i);
      }
    }
    return out;
  }

  /** The training frames. */
  public List<LabeledFrame> trainFrames() {
    return train.stream().map(i -> labels.frames().get(i)).toList();
  }

  /** The test frames. */
  public List<LabeledFrame> testFrames() {
    return test.stream().map(i -> labels.frames().get(i)).toList();
  }
}

package org.labpose.net.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/**
 * The JSON sidecar of a trained model ({@code pose_cfg.json}): what a predictor needs without the
 * project. Sizes in pixels; the network sees images scaled by {@code globalScale}, normalised per
 * channel with {@code mean}/{@code std} (grey levels, R, G, B).
 *
 * @param net network name
 * @param keypoints keypoint slots in output order ({@code individual/bodypart} or {@code bodypart})
 * @param multiAnimal whether the slots carry individuals
 * @param stride output stride
 * @param inputMultiple input sizes are padded to multiples of this
 * @param globalScale image scale factor applied before the network
 * @param locrefStd refinement offset scale
 * @param mean normalisation mean (R, G, B)
 * @param std normalisation standard deviation (R, G, B)
 * @param mirror for each slot, its left/right counterpart (for mirroring augmentation)
 * @param task project task the model was trained for
 * @param date project date
 * @param trainFraction training fraction (e.g. 0.95)
 * @param shuffle shuffle index
 * @param iteration the project's labelling iteration
 * @param multiAnimalHead the bottom-up head of a multi-animal network (shared score maps and
 *     part-affinity fields), or null when the network has one output map per keypoint slot
 */
public record ModelInfo(
    String net, List<String> keypoints, boolean multiAnimal, int stride, int inputMultiple, double globalScale,
    double locrefStd, float[] mean, float[] std, int[] mirror, String task, String date, double trainFraction,
    int shuffle, int iteration, MultiAnimalHead multiAnimalHead) {

  /** Checks what a predictor relies on: a model file that says otherwise is damaged. */
  public ModelInfo {
    if (net == null || net.isBlank()) {
      throw new IllegalArgumentException("no network name");
    }
    if (keypoints == null || keypoints.isEmpty() || keypoints.stream().anyMatch(k -> k == null || k.isBlank())) {
      throw new IllegalArgumentException("keypoints must be a list of names, got " + keypoints);
    }
    if (stride < 1 || stride > 64 || inputMultiple < 1 || inputMultiple > 1024) {
      throw new IllegalArgumentException("stride " + stride + " and input multiple " + inputMultiple + " out of range");
    }
    if (!(globalScale > 0 && globalScale <= 4) || !(locrefStd > 0) || Double.isInfinite(locrefStd)) {
      throw new IllegalArgumentException("globalScale must be in (0, 4] and locrefStd positive, got " + globalScale + " and " + locrefStd);
    }
    if (mean == null || std == null || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
    }
    for (int c = 0; c < 3; c++) {
      if (!Float.isFinite(mean[c]) || !(std[c] > 0) || Float.isInfinite(std[c])) {
        throw new IllegalArgumentException("mean must be finite and std positive, got " + java.util.Arrays.toString(mean) + " and " + java.util.Arrays.toString(std));
      }
    }
    if (mirror != null && mirror.length > 0) {
      if (mirror.length != keypoints.size()) {
        throw new IllegalArgumentException("mirror has " + mirror.length + " entries for " + keypoints.size() + " keypoints");
      }
      for (int m : mirror) {
        if (m < 0 || m >= keypoints.size()) {
          throw new IllegalArgumentException("mirror entry " + m + " is not a keypoint slot");
        }
      }
    }
    if (multiAnimalHead != null && keypoints.size()
        != multiAnimalHead.individuals().size() * multiAnimalHead.bodyparts().size() + multiAnimalHead.unique().size()) {
      throw new IllegalArgumentException(keypoints.size() + " keypoint slots do not fit the multi-animal head ("
          + multiAnimalHead.individuals().size() + " individuals x " + multiAnimalHead.bodyparts().size()
          + " bodyparts + " + multiAnimalHead.unique().size() + " unique)");
    }
    if (!(trainFraction > 0 && trainFraction <= 1) || shuffle < 0 || iteration < 0) {
      throw new IllegalArgumentException("trainFraction must be in (0, 1], shuffle and iteration 0 or more");
    }
  }

  /** A model of single-animal networks' kind (one map per keypoint slot). */
  public ModelInfo(
      String net, List<String> keypoints, boolean multiAnimal, int stride, int inputMultiple, double globalScale,
      double locrefStd, float[] mean, float[] std, int[] mirror, String task, String date, double trainFraction,
      int shuffle, int iteration) {
    this(net, keypoints, multiAnimal, stride, inputMultiple, globalScale, locrefStd, mean, std, mirror, task, date,
        trainFraction, shuffle, iteration, null);
  }

  /** The network's layer sizes. */
  public NetSpec spec() {
    return multiAnimalHead != null ? multiAnimalHead.spec(net) : new NetSpec(net, keypoints.size(), stride);
  }

  /**
   * Refuses a model made for another kind of project: a single-animal model on a multi-animal project
   * or the reverse, or one whose individuals or bodyparts differ from the project's.
   *
   * @param modelDir the model folder, named in the message
   * @param layout the project's keypoint layout
   */
  public void checkFits(Path modelDir, org.labpose.core.model.KeypointLayout layout) throws InputFormatException {
    Path f = modelDir.resolve(FILE);
    if (multiAnimal != layout.isMultiAnimal()) {
      throw new InputFormatException(f, "multiAnimal", (multiAnimal ? "a multi-animal model" : "a single-animal model")
          + " cannot analyse for a " + (layout.isMultiAnimal() ? "multi-animal" : "single-animal")
          + " project (multianimalproject in config.yaml); train a model for this project");
    }
    List<String> slots = layout.keypoints().stream().map(Object::toString).toList();
    if (!slots.equals(keypoints)) {
      throw new InputFormatException(f, "keypoints", "the model has keypoints " + keypoints + " but the project has " + slots);
    }
  }

  /** The file name inside a model folder. */
  public static final String FILE = "pose_cfg.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes {@code pose_cfg.json} atomically into {@code dir}. */
  public void write(Path dir) throws IOException {
    AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this));
  }

  /** Reads {@code pose_cfg.json} from a model folder. */
  public static ModelInfo read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new InputFormatException(f, null, "no trained model here (expected " + FILE + "; run 'labpose train' first)");
    }
    return readFile(f);
  }

  /** Reads a {@code pose_cfg.json} file, refusing one whose values a predictor cannot use. */
  public static ModelInfo readFile(Path f) throws IOException {
    return org.labpose.core.io.JsonFiles.read(f, ModelInfo.class);
  }

  /** DeepLabCut-style scorer name of this network after {@code iterations} steps, e.g. {@code DLC_mobnet_100_openfieldOct30shuffle1_5000}. */
  public String scorer(int iterations) {
    String tag = switch (net()) {
      case "mobilenet_v2_1.0" -> "mobnet_100";
      case "mobilenet_v2_0.75" -> "mobnet_75";
      case "mobilenet_v2_0.5" -> "mobnet_50";
      case "mobilenet_v2_0.35" -> "mobnet_35";
      case "resnet_50" -> "resnet50";
      default -> net();
    };
    return org.labpose.core.project.ProjectLayout.networkScorer(tag, task(), date(), shuffle(), iterations);
  }
}

package org.labpose.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.JsonFiles;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.PoseTable;

/**
 * Every path and file name a project reads and writes, built and parsed in one place; the names are
 * DeepLabCut's, so that either tool finds the other's files.
 *
 * <pre>
 * config.yaml
 * videos/&lt;video&gt;
 * labeled-data/&lt;video stem&gt;/CollectedData_&lt;scorer&gt;.csv|.h5, img*.png   (&lt;stem&gt;_labeled/: renderings)
 * training-datasets/iteration-&lt;n&gt;/UnaugmentedDataSet_&lt;Task&gt;&lt;date&gt;/Documentation_data-&lt;Task&gt;_&lt;pct&gt;shuffle&lt;k&gt;.json
 * labpose-models/iteration-&lt;n&gt;/&lt;Task&gt;&lt;date&gt;-trainset&lt;pct&gt;shuffle&lt;k&gt;/train/
 * evaluation-results/iteration-&lt;n&gt;/&lt;Task&gt;&lt;date&gt;-trainset&lt;pct&gt;shuffle&lt;k&gt;/&lt;network scorer&gt;-results.csv
 * assay/, gait/, motifs/                    (default output folders of those analyses)
 * </pre>
 *
 * Predictions lie next to their video: {@code <video stem><network scorer>.csv} (the scorer starts
 * with {@code DLC_}), with {@code _meta.json}, {@code _filtered.csv} and {@code _labeled.mp4}
 * beside it, {@code plot-poses/<video stem>/} for its plots, and {@code .csv.partial} while the
 * analysis runs.
 */
public final class ProjectLayout {
  /** The project's video folder. */
  public static final String VIDEOS = "videos";
  /** Labelled frames, one folder per video stem. */
  public static final String LABELED_DATA = "labeled-data";
  /** Training sets. */
  public static final String TRAINING_DATASETS = "training-datasets";
  /** Trained networks (DeepLabCut's {@code dlc-models}, kept apart so that both tools' models can coexist). */
  public static final String MODELS = "labpose-models";
  /** Evaluation tables and plotted test frames. */
  public static final String EVALUATION_RESULTS = "evaluation-results";
  /** Suffix of a labeled-data folder's rendering ({@code check-labels}), not a label folder itself. */
  public static final String LABELED_SUFFIX = "_labeled";
  /** Network scorers begin with this; a prediction file name is the video stem followed by the scorer. */
  public static final String SCORER_PREFIX = "DLC_";

  private static final Pattern ITERATION = Pattern.compile("iteration-(\\d{1,9})");

  private final Path root;
  private final ProjectConfig config;

  /** The layout of the project whose {@code config.yaml} lies in {@code root}. */
  public ProjectLayout(Path root, ProjectConfig config) {
    this.root = root;
    this.config = config;
  }

  /** {@code videos/}. */
  public Path videos() {
    return root.resolve(VIDEOS);
  }

  /** {@code labeled-data/}. */
  public Path labeledData() {
    return root.resolve(LABELED_DATA);
  }

  /** {@code labeled-data/<videoStem>/}. */
  public Path labeledData(String videoStem) {
    return labeledData().resolve(videoStem);
  }

  /** True for a {@code labeled-data} folder name that is a rendering ({@code <stem>_labeled}), not labels. */
  public static boolean isRendering(String folderName) {
    return folderName.endsWith(LABELED_SUFFIX);
  }

  /** {@code labeled-data/<stem>_labeled/}, where {@code check-labels} draws a folder's labels. */
  public static Path rendering(Path labelFolder) {
    return labelFolder.resolveSibling(labelFolder.getFileName() + LABELED_SUFFIX);
  }

  /** {@code training-datasets/}. */
  public Path trainingDatasets() {
    return root.resolve(TRAINING_DATASETS);
  }

  /** {@code labpose-models/}. */
  public Path models() {
    return root.resolve(MODELS);
  }

  /** {@code iteration-<n>}. */
  public static String iteration(int n) {
    return "iteration-" + n;
  }

  /** The number of an {@code iteration-<n>} name, or empty for any other name. */
  public static OptionalInt parseIteration(String name) {
    Matcher m = ITERATION.matcher(name);
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** {@code training-datasets/iteration-<n>/UnaugmentedDataSet_<Task><date>/} of the config's iteration. */
  public Path dataset() {
    return trainingDatasets().resolve(iteration(config.iteration())).resolve("UnaugmentedDataSet_" + config.task() + config.date());
  }

  /** {@code <Task><date>-trainset<pct>shuffle<k>}: a shuffle's model and evaluation folder name. */
  public String shuffleName(double trainFraction, int shuffle) {
    return config.task() + config.date() + "-trainset" + percent(trainFraction) + "shuffle" + shuffle;
  }

  /** The split of a shuffle: {@code Documentation_data-<Task>_<pct>shuffle<k>.json} in {@link #dataset()}. */
  public Path splitFile(double trainFraction, int shuffle) {
    return dataset().resolve("Documentation_data-" + config.task() + "_" + percent(trainFraction) + "shuffle" + shuffle + ".json");
  }

  /** {@code labpose-models/iteration-<n>/<shuffle name>/} of the config's iteration. */
  public Path modelDir(double trainFraction, int shuffle) {
    return modelDir(config.iteration(), trainFraction, shuffle);
  }

  /** {@code labpose-models/iteration-<iteration>/<shuffle name>/}. */
  public Path modelDir(int iteration, double trainFraction, int shuffle) {
    return models().resolve(iteration(iteration)).resolve(shuffleName(trainFraction, shuffle));
  }

  /** {@code evaluation-results/iteration-<n>/<shuffle name>/} of the config's iteration. */
  public Path evaluationDir(double trainFraction, int shuffle) {
    return root.resolve(EVALUATION_RESULTS).resolve(iteration(config.iteration())).resolve(shuffleName(trainFraction, shuffle));
  }

  /** {@code assay/}: the default output folder of the assay. */
  public Path assay() {
    return root.resolve("assay");
  }

  /** {@code gait/}: the default output folder of the gait analysis. */
  public Path gait() {
    return root.resolve("gait");
  }

  /** {@code motifs/}: the default output folder of the motif analysis. */
  public Path motifs() {
    return root.resolve("motifs");
  }

  /** The project-relative name of a labelled image: {@code labeled-data/<video stem>/<image>} (forward slashes). */
  public static String labeledImage(String videoStem, String imageName) {
    return LABELED_DATA + "/" + videoStem + "/" + imageName;
  }

  /** {@code plot-poses/<video stem>/} next to a prediction file: its trajectory and likelihood plots. */
  public static Path plots(Path csv) {
    return csv.toAbsolutePath().getParent().resolve("plot-poses").resolve(videoStemOfPredictions(csv));
  }

  /** A training fraction as DeepLabCut writes it in names: 0.95 → 95. */
  public static long percent(double trainFraction) {
    return Math.round(trainFraction * 100);
  }

  /**
   * A network's scorer, DeepLabCut's way: {@code DLC_<net>_<Task><date>shuffle<k>_<steps>}.
   *
   * @param netTag DeepLabCut's short network name, e.g. {@code mobnet_100}
   */
  public static String networkScorer(String netTag, String task, String date, int shuffle, int steps) {
    return SCORER_PREFIX + netTag + "_" + task + date + "shuffle" + shuffle + "_" + steps;
  }

  // ---- predictions, next to their video ----

  /** {@code <dir of video>/<video stem><scorer>.csv}. */
  public static Path predictions(Path video, String scorer) {
    return video.toAbsolutePath().resolveSibling(Project.videoStem(video.getFileName().toString()) + scorer + ".csv");
  }

  /** {@code <csv>.partial}: the file an analysis appends to until it is complete. */
  public static Path partial(Path csv) {
    return csv.resolveSibling(csv.getFileName() + ".partial");
  }

  /**
   * {@code <stem>_assemblies.jsonl} next to {@code <stem>.csv}: a multi-animal analysis's animals per
   * frame before tracking, so that tracking can be redone without the network.
   */
  public static Path assemblies(Path csv) {
    return csv.resolveSibling(stem(csv).replaceFirst("_filtered$", "") + "_assemblies.jsonl");
  }

  /** {@code <stem>_refined.csv} next to {@code <stem>.csv}: the tracks after corrections by hand. */
  public static Path refined(Path csv) {
    return csv.resolveSibling(stem(csv) + "_refined.csv");
  }

  /** {@code <stem>_track_edits.json} next to {@code <stem>.csv}: the corrections that make the refined tracks. */
  public static Path trackEdits(Path csv) {
    return csv.resolveSibling(stem(csv) + "_track_edits.json");
  }

  /** {@code <stem>_filtered.csv} next to {@code <stem>.csv}. */
  public static Path filtered(Path csv) {
    return csv.resolveSibling(stem(csv) + "_filtered.csv");
  }

  /** {@code <stem>_labeled.mp4} next to {@code <stem>.csv}. */
  public static Path labeledVideo(Path csv) {
    return csv.resolveSibling(stem(csv) + "_labeled.mp4");
  }

  /** The {@code _meta.json} an analysis wrote for a prediction file (the same one for its {@code _filtered.csv}). */
  public static Path meta(Path csv) {
    return csv.resolveSibling(stem(csv).replaceFirst("_filtered$", "") + "_meta.json");
  }

  /** The video stem a prediction file belongs to: the part before {@code DLC_}, else the file's stem. */
  public static String videoStemOfPredictions(Path csv) {
    String name = csv.getFileName().toString();
    int cut = name.indexOf(SCORER_PREFIX);
    return cut > 0 ? name.substring(0, cut) : stem(csv).replaceFirst("_filtered$", "");
  }

  /**
   * The newest {@code <video stem>DLC_*.csv} (or {@code *_filtered.csv}) next to a video, by
   * modification time and then by name.
   */
  public static Optional<Path> findPredictions(Path video, boolean filtered) throws IOException {
    String stem = Project.videoStem(video.getFileName().toString());
    Path dir = video.toAbsolutePath().getParent();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> {
        String n = f.getFileName().toString();
        return n.startsWith(stem + SCORER_PREFIX) && n.endsWith(".csv") && n.endsWith("_filtered.csv") == filtered;
      }).max(Comparator.<Path>comparingLong(f -> f.toFile().lastModified()).thenComparing(Path::toString));
    }
  }

  /** What an analysis recorded in a prediction file's {@code _meta.json}; absent fields are null / -1. */
  public record Meta(String video, String imageFolder, int frames, String model) {}

  /** Reads a prediction file's {@code _meta.json}, or empty when there is none. */
  public static Optional<Meta> readMeta(Path csv) throws IOException {
    Path m = meta(csv);
    if (!Files.isRegularFile(m)) {
      return Optional.empty();
    }
    JsonNode n = JsonFiles.readObject(m);
    JsonNode frames = n.get("frames");
    if (frames != null && !frames.canConvertToInt()) {
      throw new InputFormatException(m, "key 'frames'", "expected a frame count, found " + frames);
    }
    if (frames != null && frames.asInt() < 0) {
      throw new InputFormatException(m, "key 'frames'", "expected a frame count, found " + frames.asInt());
    }
    return Optional.of(new Meta(text(n, "video"), text(n, "image_folder"), frames == null ? -1 : frames.asInt(), text(n, "model")));
  }

  /**
   * Reads a prediction file and checks its rows against the frame count its {@code _meta.json}
   * records, so that a file cut short (a copy that stopped, a disk that filled) is reported instead
   * of analysed as a shorter video.
   *
   * @throws InputFormatException when the file is malformed or holds a different number of frames
   */
  public static PoseTable readPredictions(Path csv) throws IOException {
    PoseTable t = DlcPredictionCsv.read(csv);
    Optional<Meta> meta = readMeta(csv);
    if (meta.isPresent() && meta.get().frames() >= 0 && meta.get().frames() != t.frameCount()) {
      throw new InputFormatException(csv, "row " + t.frameCount(), String.format(Locale.ROOT,
          "holds %d frames but %s records %d: the file is incomplete (analyse the video again, or delete the _meta.json "
              + "if the file was cut on purpose)", t.frameCount(), meta(csv).getFileName(), meta.get().frames()));
    }
    return t;
  }

  private static String stem(Path csv) {
    return csv.getFileName().toString().replaceFirst("\\.csv$", "");
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}

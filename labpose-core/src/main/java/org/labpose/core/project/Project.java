package org.labpose.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/**
 * A DeepLabCut-layout project folder ({@code <Task>-<scorer>-<YYYY-MM-DD>/}): {@code config.yaml},
 * {@code videos/}, {@code labeled-data/<video-stem>/}, {@code training-datasets/} and LabPose's
 * models folder {@code labpose-models/}. Every path of the project is resolved here, relative to
 * the folder that holds {@code config.yaml}; a stale absolute {@code project_path} (a project
 * moved from another machine) is repaired in memory with a warning.
 */
public final class Project {
  /** The config file name. */
  public static final String CONFIG_FILE = "config.yaml";

  private final Path root;
  private final ProjectConfig config;
  private final List<String> warnings;

  private Project(Path root, ProjectConfig config, List<String> warnings) {
    this.root = root;
    this.config = config;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Opens a project from its {@code config.yaml} or its folder.
   *
   * @throws InputFormatException when the config is missing or invalid
   */
  public static Project open(Path configOrFolder) throws IOException {
    Path cfg = Files.isDirectory(configOrFolder) ? configOrFolder.resolve(CONFIG_FILE) : configOrFolder;
    cfg = cfg.toAbsolutePath().normalize();
    if (!Files.exists(configOrFolder)) {
      throw new InputFormatException(configOrFolder.toAbsolutePath().normalize(), null, "file or folder not found");
    }
    if (!Files.isRegularFile(cfg)) {
      throw new InputFormatException(cfg, null, "no project config here (expected a DeepLabCut config.yaml)");
    }
    ProjectConfig config = ProjectConfig.read(cfg);
    Path root = cfg.getParent();
    List<String> warnings = new ArrayList<>();
    String pp = config.projectPath();
    if (!samePath(pp, root)) {
      if (!pp.isBlank()) {
        warnings.add("project_path in " + cfg + " is '" + pp + "'; using the config's folder " + root + " instead");
      }
      config.set("project_path", root.toString());
    }
    return new Project(root, config, warnings);
  }

  private static boolean samePath(String written, Path root) {
    if (written == null || written.isBlank()) {
      return false;
    }
    try {
      Path p = Paths.get(written);
      return p.isAbsolute() && Files.exists(p) && Files.isSameFile(p, root);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Wraps a config that was just created for {@code root} (no repair, no warnings). */
  public static Project of(Path root, ProjectConfig config) {
    return new Project(root.toAbsolutePath().normalize(), config, List.of());
  }

  /** The project folder (absolute). */
  public Path root() {
    return root;
  }

  /** The config (mutable; {@link #saveConfig()} writes it). */
  public ProjectConfig config() {
    return config;
  }

  /** Problems found on opening that were repaired in memory (e.g. a stale project_path). */
  public List<String> warnings() {
    return warnings;
  }

  /** {@code config.yaml}. */
  public Path configFile() {
    return root.resolve(CONFIG_FILE);
  }

  /** Writes the config atomically. */
  public void saveConfig() throws IOException {
    config.write(configFile());
  }

  /** Where this project's files are: every path and name it reads and writes. */
  public ProjectLayout layout() {
    return new ProjectLayout(root, config);
  }

  /** {@code videos/}. */
  public Path videosDir() {
    return layout().videos();
  }

  /** {@code labeled-data/}. */
  public Path labeledDataDir() {
    return layout().labeledData();
  }

  /** {@code labeled-data/<videoStem>/}. */
  public Path labeledDataDir(String videoStem) {
    return layout().labeledData(videoStem);
  }

  /** {@code training-datasets/}. */
  public Path trainingDatasetsDir() {
    return layout().trainingDatasets();
  }

  /** {@code labpose-models/}. */
  public Path modelsDir() {
    return layout().models();
  }

  /** Resolves a project-relative path (forward or back slashes). Absolute paths stay as they are. */
  public Path resolve(String projectRelative) {
    Path p = Paths.get(projectRelative.replace('\\', '/'));
    return p.isAbsolute() ? p : root.resolve(p).normalize();
  }

  /** The project-relative form (forward slashes) of a path inside the project, else the absolute path. */
  public String relativize(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (abs.startsWith(root)) {
      return root.relativize(abs).toString().replace('\\', '/');
    }
    return abs.toString();
  }

  /**
   * Where a {@code video_sets} entry's file is: the path as written if it exists (absolute, or
   * relative to the project), else {@code videos/<file name>} in this project (the project was
   * moved), else the path as written (it does not exist).
   */
  public Path resolveVideo(String videoSetPath) {
    String norm = videoSetPath.replace('\\', '/');
    Path written = resolve(norm);
    if (Files.exists(written)) {
      return written;
    }
    String name = norm.substring(norm.lastIndexOf('/') + 1);
    Path local = videosDir().resolve(name);
    return Files.exists(local) ? local : written;
  }

  /** The file stem of a video path ({@code videos/m3v1.mp4} → {@code m3v1}), as labeled-data names folders. */
  public static String videoStem(String videoPath) {
    String norm = videoPath.replace('\\', '/');
    String name = norm.substring(norm.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The labeled-data folders (excluding DeepLabCut's {@code *_labeled} renderings), sorted by name. */
  public List<Path> labelFolders() throws IOException {
    Path ld = labeledDataDir();
    if (!Files.isDirectory(ld)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(ld)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !ProjectLayout.isRendering(p.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** The keypoint slots that this project's label files hold, from the config. */
  public KeypointLayout keypointLayout() {
    return config.keypointLayout();
  }

  /**
   * Loads the labels of one labeled-data folder ({@code CollectedData_<scorer>.csv} or {@code
   * .h5}, see {@link LabelFiles#find}) and checks them against the project: the bodyparts (and
   * individuals) must be the config's, and every labelled image must exist.
   *
   * @return the labels, or null when the folder holds no label file yet
   * @throws InputFormatException naming the file and the disagreement
   */
  public LabelSet loadLabels(Path folder) throws IOException {
    Path file = LabelFiles.find(folder, config.scorer());
    if (file == null) {
      return null;
    }
    LabelSet labels = LabelFiles.read(file);
    checkAgainstConfig(file, labels);
    checkImages(file, labels);
    return labels;
  }

  /** Loads and merges every labeled-data folder's labels, in folder order. */
  public LabelSet loadAllLabels() throws IOException {
    List<LabelSet> sets = new ArrayList<>();
    for (Path f : labelFolders()) {
      LabelSet s = loadLabels(f);
      if (s != null) {
        sets.add(s);
      }
    }
    return LabelSet.merge(config.scorer(), keypointLayout(), sets);
  }

  private void checkAgainstConfig(Path file, LabelSet labels) throws InputFormatException {
    KeypointLayout want = keypointLayout();
    KeypointLayout got = labels.layout();
    if (want.isMultiAnimal() != got.isMultiAnimal()) {
      throw new InputFormatException(file, "header",
          want.isMultiAnimal()
              ? "the config is multi-animal but the file has no individuals row"
              : "the file has an individuals row but the config is single-animal");
    }
    Set<KeypointId> w = new HashSet<>(want.keypoints());
    Set<KeypointId> g = new HashSet<>(got.keypoints());
    if (!w.equals(g)) {
      Set<KeypointId> extra = new HashSet<>(g);
      extra.removeAll(w);
      Set<KeypointId> missing = new HashSet<>(w);
      missing.removeAll(g);
      StringBuilder sb = new StringBuilder("bodyparts disagree with the config ");
      sb.append(configFile().getFileName()).append(" (").append(want.bodyparts()).append(")");
      if (!extra.isEmpty()) {
        sb.append("; not in the config: ").append(sorted(extra));
      }
      if (!missing.isEmpty()) {
        sb.append("; missing from the file: ").append(sorted(missing));
      }
      throw new InputFormatException(file, "header", sb.toString());
    }
  }

  private static List<String> sorted(Set<KeypointId> s) {
    return s.stream().map(KeypointId::toString).sorted().toList();
  }

  private void checkImages(Path file, LabelSet labels) throws InputFormatException {
    for (LabeledFrame f : labels.frames()) {
      String rel = f.imagePath();
      if (rel.startsWith("/") || rel.matches("^[A-Za-z]:.*") || List.of(rel.split("/")).contains("..")) {
        throw new InputFormatException(file, "frame " + rel, "expected a path inside the project (labeled-data/<video>/<image>)");
      }
      Path img = imagePath(rel, file.getParent());
      if (!Files.exists(img)) {
        throw new InputFormatException(file, "frame " + rel, "image not found (looked for " + resolve(rel) + ")");
      }
      if (!Files.isRegularFile(img)) {
        throw new InputFormatException(file, "frame " + rel, "not an image file: " + img + " is a folder");
      }
    }
  }

  /**
   * Writes {@code CollectedData_<scorer>.csv} from the {@code .h5} label file of every
   * labeled-data folder that has one. Every file is read and checked against the project first
   * (bodyparts, images), so that a damaged or mismatched file changes nothing.
   *
   * @return the CSV files written with their labels, in folder order
   * @throws InputFormatException naming the first file that does not pass
   */
  public Map<Path, LabelSet> convertH5LabelsToCsv() throws IOException {
    String name = "CollectedData_" + config.scorer();
    Map<Path, LabelSet> out = new LinkedHashMap<>();
    for (Path folder : labelFolders()) {
      Path h5 = folder.resolve(name + ".h5");
      if (Files.exists(h5)) {
        LabelSet ls = LabelFiles.read(h5);
        checkAgainstConfig(h5, ls);
        checkImages(h5, ls);
        out.put(folder.resolve(name + ".csv"), ls);
      }
    }
    for (Map.Entry<Path, LabelSet> e : out.entrySet()) {
      DlcLabelCsv.write(e.getValue(), e.getKey());
    }
    return out;
  }

  /**
   * Writes {@code CollectedData_<scorer>.h5} (pandas' layout, which DeepLabCut trains from) beside
   * the CSV of every labeled-data folder that has one, after checking each as {@link
   * #convertH5LabelsToCsv} does; the CSV's index style is kept.
   *
   * @return written files and their labels
   * @throws InputFormatException naming the first file that does not pass
   */
  public Map<Path, LabelSet> convertCsvLabelsToH5() throws IOException {
    String name = "CollectedData_" + config.scorer();
    Map<Path, DlcLabelCsv.Parsed> in = new LinkedHashMap<>();
    for (Path folder : labelFolders()) {
      Path csv = folder.resolve(name + ".csv");
      if (Files.exists(csv)) {
        DlcLabelCsv.Parsed parsed = DlcLabelCsv.parse(csv);
        checkAgainstConfig(csv, parsed.labels());
        checkImages(csv, parsed.labels());
        in.put(folder.resolve(name + ".h5"), parsed);
      }
    }
    Map<Path, LabelSet> out = new LinkedHashMap<>();
    for (Map.Entry<Path, DlcLabelCsv.Parsed> e : in.entrySet()) {
      org.labpose.core.io.dlc.DlcH5.writeLabels(e.getValue().labels(), e.getKey(), e.getValue().style());
      out.put(e.getKey(), e.getValue().labels());
    }
    return out;
  }

  /**
   * The image file of a labelled frame: the project-relative path, or, when that does not exist,
   * the file of the same name in the label file's own folder (a folder copied on its own).
   */
  public Path imagePath(String projectRelative, Path labelFolder) {
    Path p = resolve(projectRelative);
    if (Files.exists(p) || labelFolder == null) {
      return p;
    }
    String name = projectRelative.substring(projectRelative.replace('\\', '/').lastIndexOf('/') + 1);
    Path local = labelFolder.resolve(name);
    return Files.exists(local) ? local : p;
  }
}

package org.labpose.core.project;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.Skeleton;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A DeepLabCut project {@code config.yaml}: every key of DeepLabCut 3 with typed accessors, plus
 * any other key, kept in file order and written back unchanged. Reading and then writing a
 * DeepLabCut config loses no key or value; DeepLabCut's section comments are written as DeepLabCut
 * writes them.
 *
 * <p>Typed getters validate the value at load time ({@link #read}), so a getter never fails on a
 * config that was read. Units: {@code start}/{@code stop} are fractions of the video [0, 1];
 * {@code x1..y2} and crops are pixels (top-left origin); {@code pcutoff} is a likelihood in [0, 1];
 * {@code dotsize} is pixels.
 */
public final class ProjectConfig {

  /** The keys of DeepLabCut 3's template, in its order. */
  public static final List<String> DLC_KEYS =
      List.of(
          "Task", "scorer", "date", "multianimalproject", "identity", "project_path", "engine",
          "video_sets", "bodyparts", "individuals", "uniquebodyparts", "multianimalbodyparts",
          "start", "stop", "numframes2pick", "skeleton", "skeleton_color", "pcutoff", "dotsize",
          "alphavalue", "colormap", "TrainingFraction", "iteration", "default_net_type",
          "default_augmenter", "snapshotindex", "detector_snapshotindex", "batch_size",
          "detector_batch_size", "cropping", "x1", "x2", "y1", "y2", "corner2move2",
          "move2corner", "SuperAnimalConversionTables");

  /** DeepLabCut's placeholder for {@code bodyparts} in multi-animal projects. */
  public static final String MULTI = "MULTI!";

  private static final Map<String, String> SECTION_COMMENTS =
      Map.ofEntries(
          Map.entry("Task", "# Project definitions (do not edit)"),
          Map.entry("project_path", "\n# Project path (change when moving around)"),
          Map.entry("engine", "\n# Default DeepLabCut engine to use for shuffle creation (either pytorch or tensorflow)"),
          Map.entry("video_sets", "\n# Annotation data set configuration (and individual video cropping parameters)"),
          Map.entry("start", "\n# Fraction of video to start/stop when extracting frames for labeling/refinement"),
          Map.entry("skeleton", "\n# Plotting configuration"),
          Map.entry("TrainingFraction", "\n# Training,Evaluation and Analysis configuration"),
          Map.entry("cropping", "\n# Cropping Parameters (for analysis and outlier frame detection)"),
          Map.entry("x1", "#if cropping is true for analysis, then set the values here:"),
          Map.entry("corner2move2", "\n# Refinement configuration (parameters from annotation dataset configuration also relevant in this stage)"),
          Map.entry("SuperAnimalConversionTables", "\n# Conversion tables to fine-tune SuperAnimal weights"));

  /** One entry of {@code video_sets}: the video path as written in the config and its crop. */
  public record VideoSet(String path, Crop crop) {}

  /** A crop rectangle in pixels: x from {@code x1} to {@code x2}, y from {@code y1} to {@code y2}. */
  public record Crop(int x1, int x2, int y1, int y2) {
    /** Parses DeepLabCut's {@code "x1, x2, y1, y2"}. */
    public static Crop parse(String s) {
      String[] p = s.split(",");
      if (p.length != 4) {
        throw new IllegalArgumentException("expected 'x1, x2, y1, y2', found '" + s + "'");
      }
      int[] v = new int[4];
      for (int i = 0; i < 4; i++) {
        try {
          v[i] = (int) Math.round(Double.parseDouble(p[i].trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected 'x1, x2, y1, y2' as numbers, found '" + s + "'");
        }
      }
      if (v[1] < v[0] || v[3] < v[2] || v[0] < 0 || v[2] < 0) {
        throw new IllegalArgumentException("expected 0 <= x1 <= x2 and 0 <= y1 <= y2, found '" + s + "'");
      }
      return new Crop(v[0], v[1], v[2], v[3]);
    }

    /** Width in pixels. */
    public int width() {
      return x2 - x1;
    }

    /** Height in pixels. */
    public int height() {
      return y2 - y1;
    }

    @Override
    public String toString() {
      return x1 + ", " + x2 + ", " + y1 + ", " + y2;
    }
  }

  private final LinkedHashMap<String, Object> values;

  private ProjectConfig(LinkedHashMap<String, Object> values) {
    this.values = values;
  }

  /**
   * A new config with DeepLabCut 3's defaults (single animal, bodyparts bodypart1..3), in
   * DeepLabCut's key order.
   */
  public static ProjectConfig defaults(String task, String scorer, String date) {
    LinkedHashMap<String, Object> v = new LinkedHashMap<>();
    v.put("Task", task);
    v.put("scorer", scorer);
    v.put("date", date);
    v.put("multianimalproject", false);
    v.put("identity", null);
    v.put("project_path", "");
    v.put("engine", "pytorch");
    v.put("video_sets", new LinkedHashMap<String, Object>());
    v.put("bodyparts", new ArrayList<>(List.of("bodypart1", "bodypart2", "bodypart3", "objectA")));
    v.put("start", 0);
    v.put("stop", 1);
    v.put("numframes2pick", 20);
    v.put("skeleton", new ArrayList<>(List.of(new ArrayList<>(List.of("bodypart1", "bodypart2")))));
    v.put("skeleton_color", "black");
    v.put("pcutoff", org.labpose.core.model.Confidence.DEFAULT_PCUTOFF);
    v.put("dotsize", 12);
    v.put("alphavalue", 0.7);
    v.put("colormap", "rainbow");
    v.put("TrainingFraction", new ArrayList<>(List.of(0.95)));
    v.put("iteration", 0);
    v.put("default_net_type", "resnet_50");
    v.put("default_augmenter", "default");
    v.put("snapshotindex", -1);
    v.put("detector_snapshotindex", -1);
    v.put("batch_size", 8);
    v.put("detector_batch_size", 1);
    v.put("cropping", false);
    v.put("x1", 0);
    v.put("x2", 640);
    v.put("y1", 277);
    v.put("y2", 624);
    v.put("corner2move2", new ArrayList<>(List.of(50, 50)));
    v.put("move2corner", true);
    v.put("SuperAnimalConversionTables", null);
    return new ProjectConfig(v);
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads and validates a config file.
   *
   * @throws InputFormatException for malformed YAML (naming the line) or a key whose value has the
   *     wrong type (naming the key, its line and what was expected)
   */
  public static ProjectConfig read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputFormatException(file, null, "file not found");
    } catch (CharacterCodingException e) {
      throw new InputFormatException(file, null, "not a UTF-8 text file", e);
    }
    return parse(file, text);
  }

  /** Parses config text; {@code file} is only used in error messages. */
  public static ProjectConfig parse(Path file, String text) throws InputFormatException {
    Yaml yaml = newYaml();
    Node root;
    Object loaded;
    try {
      root = yaml.compose(new StringReader(text));
      loaded = yaml.load(text);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InputFormatException(
          file, line > 0 ? "line " + line : null, "malformed YAML: " + oneLine(e.getProblem()), e);
    } catch (YAMLException e) {
      throw new InputFormatException(file, null, "malformed YAML: " + oneLine(e.getMessage()), e);
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new InputFormatException(file, null, "expected a mapping of config keys, found " + describe(loaded));
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    if (root instanceof MappingNode mn) {
      for (NodeTuple t : mn.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          lines.put(k.getValue(), t.getKeyNode().getStartMark().getLine() + 1);
        }
      }
    }
    LinkedHashMap<String, Object> v = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      v.put(String.valueOf(e.getKey()), e.getValue());
    }
    ProjectConfig c = new ProjectConfig(v);
    c.validate(file, lines);
    return c;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').trim();
  }

  private void validate(Path file, Map<String, Integer> lines) throws InputFormatException {
    for (String required : List.of("Task", "scorer")) {
      if (!values.containsKey(required) || values.get(required) == null) {
        throw new InputFormatException(file, "key '" + required + "'", "missing; every DeepLabCut config has it");
      }
    }
    try {
      task();
      scorer();
      multiAnimal();
      videoSets();
      bodyparts();
      individuals();
      uniqueBodyparts();
      start();
      stop();
      numFramesToPick();
      skeletonEdges();
      pcutoff();
      dotsize();
      alphavalue();
      trainingFractions();
      iteration();
      batchSize();
      cropping();
      analysisCrop();
      checkNames();
      skeleton();
    } catch (BadValue e) {
      Integer line = lines.get(e.key);
      String where = "key '" + e.key + "'" + (line == null ? "" : " (line " + line + ")");
      throw new InputFormatException(file, where, e.getMessage());
    }
    if (start() > stop()) {
      throw new InputFormatException(file, "key 'start'", "expected start <= stop, found " + start() + " > " + stop());
    }
  }

  /**
   * The names that become parts of file and folder names (task, scorer, date, bodyparts,
   * individuals, unique bodyparts, video stems) are checked once, here: see {@link #pathPartProblem}.
   */
  private void checkNames() {
    name("Task", task(), false);
    name("scorer", scorer(), false);
    name("date", date(), true);
    String bpKey = MULTI.equals(values.get("bodyparts")) || (multiAnimal() && values.containsKey("multianimalbodyparts"))
        ? "multianimalbodyparts" : "bodyparts";
    if (bodyparts().isEmpty()) {
      throw new BadValue(bpKey, "expected a list of at least one bodypart name, found " + describe(values.get(bpKey)));
    }
    names(bpKey, bodyparts());
    names("individuals", individuals());
    names("uniquebodyparts", uniqueBodyparts());
    for (VideoSet v : videoSets()) {
      String problem = pathPartProblem(Project.videoStem(v.path()));
      if (problem != null) {
        throw new BadValue("video_sets", "the video " + v.path() + " gives the folder name '" + Project.videoStem(v.path()) + "', which " + problem);
      }
    }
  }

  private static void names(String key, List<String> list) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : list) {
      name(key, n, false);
      if (!seen.add(n)) {
        throw new BadValue(key, "'" + n + "' is listed twice");
      }
    }
  }

  private static void name(String key, String value, boolean mayBeEmpty) {
    if (mayBeEmpty && value.isEmpty()) {
      return;
    }
    String problem = pathPartProblem(value);
    if (problem != null) {
      throw new BadValue(key, "'" + value.replaceAll("\\p{Cntrl}", "?") + "' " + problem + " (it becomes part of file names)");
    }
  }

  /**
   * Why a name cannot be part of a file or folder name, or null when it can: it must not be empty,
   * contain a path separator ({@code /} or {@code \}), {@code ..} or a control character, or be
   * {@code .}.
   */
  public static String pathPartProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "contains a path separator";
    }
    if (name.equals(".") || name.contains("..")) {
      return "contains '..' or is '.'";
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "contains a control character";
    }
    return null;
  }

  /** A config value of the wrong type; carries the key. */
  private static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;

    BadValue(String key, String message) {
      super(message);
      this.key = key;
    }
  }

  private static String describe(Object o) {
    if (o == null) {
      return "nothing";
    }
    if (o instanceof Map) {
      return "a mapping";
    }
    if (o instanceof List) {
      return "a list";
    }
    return "'" + o + "'";
  }

  // ---------------------------------------------------------------- raw access

  /** The raw value of a key (YAML types: String, Number, Boolean, List, Map), or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** True when the key is present (possibly with an empty value). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Sets a raw value; a new key goes last. */
  public void set(String key, Object value) {
    values.put(key, value);
  }

  /** Every key in file order. */
  public List<String> keys() {
    return List.copyOf(values.keySet());
  }

  /** A deep-enough copy of the raw values (unmodifiable view). */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private String string(String key, String dflt) {
    Object o = values.get(key);
    if (o == null) {
      return dflt;
    }
    if (o instanceof Map || o instanceof List) {
      throw new BadValue(key, "expected a single value, found " + describe(o));
    }
    return String.valueOf(o);
  }

  private double number(String key, double dflt) {
    Object o = values.get(key);
    if (o == null) {
      return dflt;
    }
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    throw new BadValue(key, "expected a number, found " + describe(o));
  }

  private int integer(String key, int dflt) {
    double d = number(key, dflt);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new BadValue(key, "expected a whole number up to " + Integer.MAX_VALUE + ", found " + values.get(key));
    }
    return (int) d;
  }

  private boolean bool(String key, boolean dflt) {
    Object o = values.get(key);
    if (o == null) {
      return dflt;
    }
    if (o instanceof Boolean b) {
      return b;
    }
    throw new BadValue(key, "expected true or false, found " + describe(o));
  }

  private List<String> stringList(String key) {
    Object o = values.get(key);
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof List<?> l)) {
      throw new BadValue(key, "expected a list of names, found " + describe(o));
    }
    List<String> out = new ArrayList<>();
    for (Object e : l) {
      if (e == null || e instanceof Map || e instanceof List) {
        throw new BadValue(key, "expected a list of names, found an entry " + describe(e));
      }
      out.add(String.valueOf(e));
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- typed keys

  /** {@code Task}: the experiment's name. */
  public String task() {
    return string("Task", "");
  }

  /** {@code scorer}: who labels (names the {@code CollectedData_<scorer>} files). */
  public String scorer() {
    return string("scorer", "");
  }

  /** {@code date}: the project's creation date as written, e.g. {@code Oct30}. */
  public String date() {
    return string("date", "");
  }

  /** {@code multianimalproject}: false when empty. */
  public boolean multiAnimal() {
    return bool("multianimalproject", false);
  }

  /** {@code identity}: whether individuals are distinguishable; false when empty. */
  public boolean identity() {
    return bool("identity", false);
  }

  /** {@code project_path} as written (possibly stale; {@link Project} repairs it). */
  public String projectPath() {
    return string("project_path", "");
  }

  /** {@code engine}: {@code pytorch} unless set. */
  public String engine() {
    return string("engine", "pytorch");
  }

  /** {@code video_sets} in order; a video without a readable crop gets null. */
  public List<VideoSet> videoSets() {
    Object o = values.get("video_sets");
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw new BadValue("video_sets", "expected a mapping of video path to {crop: 'x1, x2, y1, y2'}, found " + describe(o));
    }
    List<VideoSet> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Crop crop = null;
      if (e.getValue() instanceof Map<?, ?> vm && vm.get("crop") != null) {
        try {
          crop = Crop.parse(String.valueOf(vm.get("crop")));
        } catch (IllegalArgumentException ex) {
          throw new BadValue("video_sets", "crop of " + e.getKey() + ": " + ex.getMessage());
        }
      }
      out.add(new VideoSet(String.valueOf(e.getKey()), crop));
    }
    return out;
  }

  /** Replaces {@code video_sets}. */
  public void setVideoSets(List<VideoSet> sets) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (VideoSet s : sets) {
      LinkedHashMap<String, Object> v = new LinkedHashMap<>();
      v.put("crop", s.crop() == null ? null : s.crop().toString());
      m.put(s.path(), v);
    }
    values.put("video_sets", m);
  }

  /**
   * The animal's bodyparts: {@code bodyparts} in single-animal projects, {@code
   * multianimalbodyparts} in multi-animal ones (where {@code bodyparts} is {@code MULTI!}).
   */
  public List<String> bodyparts() {
    Object b = values.get("bodyparts");
    if (MULTI.equals(b) || (multiAnimal() && values.containsKey("multianimalbodyparts"))) {
      return stringList("multianimalbodyparts");
    }
    return stringList("bodyparts");
  }

  /** Sets the bodyparts (single-animal: {@code bodyparts}; multi-animal: {@code multianimalbodyparts}). */
  public void setBodyparts(List<String> bodyparts) {
    if (multiAnimal()) {
      values.put("bodyparts", MULTI);
      values.put("multianimalbodyparts", new ArrayList<>(bodyparts));
    } else {
      values.put("bodyparts", new ArrayList<>(bodyparts));
    }
  }

  /** {@code individuals} (multi-animal projects); empty otherwise. */
  public List<String> individuals() {
    return multiAnimal() ? stringList("individuals") : List.of();
  }

  /** {@code uniquebodyparts} (multi-animal projects); empty otherwise. */
  public List<String> uniqueBodyparts() {
    return multiAnimal() ? stringList("uniquebodyparts") : List.of();
  }

  /** The keypoint slots that label files of this project hold. */
  public KeypointLayout keypointLayout() {
    return multiAnimal()
        ? KeypointLayout.multiAnimal(individuals(), bodyparts(), uniqueBodyparts())
        : KeypointLayout.singleAnimal(bodyparts());
  }

  /** {@code start}: fraction of the video where frame extraction starts, in [0, 1]. */
  public double start() {
    double v = number("start", 0);
    if (v < 0 || v > 1) {
      throw new BadValue("start", "expected a fraction between 0 and 1, found " + v);
    }
    return v;
  }

  /** {@code stop}: fraction of the video where frame extraction stops, in [0, 1]. */
  public double stop() {
    double v = number("stop", 1);
    if (v < 0 || v > 1) {
      throw new BadValue("stop", "expected a fraction between 0 and 1, found " + v);
    }
    return v;
  }

  /** {@code numframes2pick}: frames to extract per video for labeling. */
  public int numFramesToPick() {
    int v = integer("numframes2pick", 20);
    if (v < 1) {
      throw new BadValue("numframes2pick", "expected a positive whole number, found " + v);
    }
    return v;
  }

  /** {@code skeleton}: edges as pairs of bodyparts. */
  public List<Skeleton.Pair> skeletonEdges() {
    Object o = values.get("skeleton");
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof List<?> l)) {
      throw new BadValue("skeleton", "expected a list of [bodypart, bodypart] pairs, found " + describe(o));
    }
    List<Skeleton.Pair> out = new ArrayList<>();
    for (Object e : l) {
      if (!(e instanceof List<?> p) || p.size() != 2 || p.get(0) == null || p.get(1) == null) {
        throw new BadValue("skeleton", "expected a list of [bodypart, bodypart] pairs, found an entry " + describe(e));
      }
      out.add(new Skeleton.Pair(String.valueOf(p.get(0)), String.valueOf(p.get(1))));
    }
    return out;
  }

  /** The skeleton of the animal: bodyparts, edges, and left/right pairs inferred from the names. */
  public Skeleton skeleton() {
    List<String> all = new ArrayList<>(bodyparts());
    for (String u : uniqueBodyparts()) {
      if (!all.contains(u)) {
        all.add(u);
      }
    }
    try {
      return new Skeleton(all, skeletonEdges(), null);
    } catch (IllegalArgumentException e) {
      throw new BadValue("skeleton", e.getMessage());
    }
  }

  /** {@code skeleton_color}. */
  public String skeletonColor() {
    return string("skeleton_color", "black");
  }

  /** {@code pcutoff}: likelihood below which a prediction counts as missing. */
  public double pcutoff() {
    double v = number("pcutoff", org.labpose.core.model.Confidence.DEFAULT_PCUTOFF);
    if (v < 0 || v > 1) {
      throw new BadValue("pcutoff", "expected a likelihood between 0 and 1, found " + v);
    }
    return v;
  }

  /** {@code dotsize}: marker radius in pixels for drawing. */
  public int dotsize() {
    return integer("dotsize", 12);
  }

  /** {@code alphavalue}: marker opacity in [0, 1]. */
  public double alphavalue() {
    return number("alphavalue", 0.7);
  }

  /** {@code colormap}: a Matplotlib colormap name. */
  public String colormap() {
    return string("colormap", "rainbow");
  }

  /** {@code TrainingFraction}: fractions of frames used for training, each in (0, 1]. */
  public List<Double> trainingFractions() {
    Object o = values.get("TrainingFraction");
    if (o == null) {
      return List.of(0.95);
    }
    List<?> l = o instanceof List<?> ll ? ll : List.of(o);
    List<Double> out = new ArrayList<>();
    for (Object e : l) {
      if (!(e instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 1) {
        throw new BadValue("TrainingFraction", "expected fractions in (0, 1], found " + describe(e));
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  /** {@code iteration}: the active labelling/training iteration. */
  public int iteration() {
    int v = integer("iteration", 0);
    if (v < 0) {
      throw new BadValue("iteration", "expected 0 or more, found " + v);
    }
    return v;
  }

  /** Sets {@code iteration}. */
  public void setIteration(int iteration) {
    values.put("iteration", iteration);
  }

  /** {@code default_net_type}. */
  public String defaultNetType() {
    return string("default_net_type", "resnet_50");
  }

  /** {@code default_augmenter}. */
  public String defaultAugmenter() {
    return string("default_augmenter", "default");
  }

  /** {@code snapshotindex}: which snapshot to use, -1 for the last. */
  public int snapshotIndex() {
    return integer("snapshotindex", -1);
  }

  /** {@code batch_size}: images per batch. */
  public int batchSize() {
    int v = integer("batch_size", 8);
    if (v < 1) {
      throw new BadValue("batch_size", "expected a positive whole number, found " + v);
    }
    return v;
  }

  /** {@code cropping}: whether analysis crops to {@link #analysisCrop()}. */
  public boolean cropping() {
    return bool("cropping", false);
  }

  /** The analysis crop {@code x1, x2, y1, y2} in pixels. */
  public Crop analysisCrop() {
    int x1 = integer("x1", 0);
    int x2 = integer("x2", 640);
    int y1 = integer("y1", 277);
    int y2 = integer("y2", 624);
    if (x2 < x1 || y2 < y1) {
      throw new BadValue("x1", "expected x1 <= x2 and y1 <= y2, found " + x1 + ", " + x2 + ", " + y1 + ", " + y2);
    }
    return new Crop(x1, x2, y1, y2);
  }

  /** {@code move2corner}. */
  public boolean moveToCorner() {
    return bool("move2corner", true);
  }

  // ---------------------------------------------------------------- writing

  /** The config as YAML text, in key order, with DeepLabCut's section comments. */
  public String toYaml() {
    Yaml yaml = newYaml();
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String comment = SECTION_COMMENTS.get(e.getKey());
      if (comment != null) {
        sb.append(comment).append('\n');
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put(e.getKey(), e.getValue());
      sb.append(yaml.dump(one));
    }
    return sb.toString();
  }

  /** Writes the config atomically. */
  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toYaml());
  }

  private static Yaml newYaml() {
    LoaderOptions lo = new LoaderOptions();
    lo.setAllowDuplicateKeys(false);
    lo.setCodePointLimit(16 * 1024 * 1024);
    DumperOptions dopts = new DumperOptions();
    dopts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dopts.setIndent(2);
    dopts.setWidth(4096);
    dopts.setSplitLines(false);
    Representer rep = new EmptyNullRepresenter(dopts);
    return new Yaml(new SafeConstructor(lo), rep, dopts, lo, new NoTimestampResolver());
  }

  /** Writes null as an empty value, as DeepLabCut (ruamel.yaml) does. */
  private static final class EmptyNullRepresenter extends Representer {
    EmptyNullRepresenter(DumperOptions o) {
      super(o);
      this.nullRepresenter = new Represent() {
        @Override
        public Node representData(Object data) {
          return representScalar(Tag.NULL, "");
        }
      };
    }
  }

  /** Keeps date-like values (e.g. {@code 2024-01-05}) as strings so they are written back as read. */
  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}

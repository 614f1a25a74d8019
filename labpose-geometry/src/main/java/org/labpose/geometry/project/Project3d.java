package org.labpose.geometry.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.yaml.snakeyaml.Yaml;

/**
 * A 3D project, {@code config3d.yaml}, as DeepLabCut's 3D config: the calibration file, the cameras'
 * names (as in it), each camera's 2D project where it has one, the p-cutoff and agreement threshold
 * of triangulation and the skeleton. Videos of one recording are told apart by the camera's name in
 * their file names ({@code mouse1_cam1.mp4}, {@code mouse1_cam2.mp4}: set {@code mouse1}).
 *
 * @param calibration the calibration file (anipose's {@code calibration.toml}), absolute
 * @param cameras camera names in calibration order of use
 * @param projects camera name to its 2D project's {@code config.yaml} (may be empty)
 * @param pcutoff views below this likelihood are left out
 * @param threshold reprojection error (px) within which a view agrees
 * @param skeleton bodypart pairs for drawing
 */
public record Project3d(Path file, Path calibration, List<String> cameras, Map<String, Path> projects, double pcutoff, double threshold,
    List<List<String>> skeleton) {

  /** The file name of a 3D project's config. */
  public static final String FILE = "config3d.yaml";

  /** Writes the config atomically, paths relative to its folder where they lie below it. */
  public void write() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calibration", relative(dir, calibration));
    m.put("cameras", new ArrayList<>(cameras));
    Map<String, Object> p = new LinkedHashMap<>();
    projects.forEach((k, v) -> p.put(k, relative(dir, v)));
    m.put("projects", p);
    m.put("pcutoff", pcutoff);
    m.put("threshold", threshold);
    List<Object> sk = new ArrayList<>();
    skeleton.forEach(e -> sk.add(new ArrayList<>(e)));
    m.put("skeleton", sk);
    org.yaml.snakeyaml.DumperOptions o = new org.yaml.snakeyaml.DumperOptions();
    o.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
    AtomicFiles.writeString(file, "# LabPose 3D project: cameras, their calibration and 2D projects\n" + new Yaml(o).dump(m));
  }

  private static String relative(Path dir, Path p) {
    Path a = p.toAbsolutePath().normalize();
    return a.startsWith(dir.normalize()) ? dir.normalize().relativize(a).toString() : a.toString();
  }

  /**
   * Reads a 3D config.
   *
   * @throws InputFormatException naming the key that is missing or wrong
   */
  @SuppressWarnings("unchecked")
  public static Project3d read(Path file) throws IOException {
    Object o;
    try {
      o = new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(Files.readString(file));
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "not YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw new InputFormatException(file, null, "expected a mapping with calibration and cameras");
    }
    Path dir = file.toAbsolutePath().getParent();
    if (!(m.get("calibration") instanceof String cal) || cal.isBlank()) {
      throw new InputFormatException(file, "calibration", "missing: the calibration file (calibration.toml)");
    }
    if (!(m.get("cameras") instanceof List<?> cams) || cams.size() < 2 || cams.stream().anyMatch(c -> !(c instanceof String s) || s.isBlank())) {
      throw new InputFormatException(file, "cameras", "expected a list of two or more camera names");
    }
    List<String> names = cams.stream().map(String::valueOf).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new InputFormatException(file, "cameras", "a camera name repeats: " + names);
    }
    Map<String, Path> projects = new LinkedHashMap<>();
    if (m.get("projects") instanceof Map<?, ?> pm) {
      for (Map.Entry<?, ?> e : pm.entrySet()) {
        if (!names.contains(String.valueOf(e.getKey()))) {
          throw new InputFormatException(file, "projects." + e.getKey(), "not one of the cameras " + names);
        }
        projects.put(String.valueOf(e.getKey()), dir.resolve(String.valueOf(e.getValue())).normalize());
      }
    } else if (m.get("projects") != null) {
      throw new InputFormatException(file, "projects", "expected a mapping of camera name to its 2D project's config.yaml");
    }
    double pcutoff = number(file, m, "pcutoff", 0.6, 0, 1);
    double threshold = number(file, m, "threshold", 15, 0, 10_000);
    List<List<String>> skeleton = new ArrayList<>();
    if (m.get("skeleton") instanceof List<?> sk) {
      for (Object e : sk) {
        if (!(e instanceof List<?> pair) || pair.size() != 2) {
          throw new InputFormatException(file, "skeleton", "expected [bodypart, bodypart] pairs, found " + e);
        }
        skeleton.add(List.of(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
      }
    }
    return new Project3d(file, dir.resolve(cal).normalize(), names, projects, pcutoff, threshold, skeleton);
  }

  private static double number(Path file, Map<?, ?> m, String key, double dflt, double lo, double hi) throws InputFormatException {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() >= lo && n.doubleValue() <= hi)) {
      throw new InputFormatException(file, key, "expected a number from " + lo + " to " + hi + ", found " + v);
    }
    return n.doubleValue();
  }

  /**
   * Groups videos into recordings: the camera's name is cut from each file's stem (with a separator
   * beside it) and the rest names the set. Every set must have a video of every camera.
   *
   * @return set name to camera name to video, in the order first seen
   * @throws InputFormatException naming a video without a camera name, or a set missing a camera
   */
  public Map<String, Map<String, Path>> videoSets(List<Path> videos) throws InputFormatException {
    Map<String, Map<String, Path>> sets = new LinkedHashMap<>();
    for (Path v : videos) {
      String stem = v.getFileName().toString().replaceFirst("\\.[^.]*$", "");
      String cam = null;
      for (String c : cameras) {
        // the longest camera name that appears, so that cam1 does not match cam10
        if (stem.toLowerCase(Locale.ROOT).contains(c.toLowerCase(Locale.ROOT)) && (cam == null || c.length() > cam.length())) {
          cam = c;
        }
      }
      if (cam == null) {
        throw new InputFormatException(v, null, "its name holds none of the cameras " + cameras + " of " + file.getFileName());
      }
      int at = stem.toLowerCase(Locale.ROOT).indexOf(cam.toLowerCase(Locale.ROOT));
      String set = (stem.substring(0, at) + stem.substring(at + cam.length())).replaceAll("[-_. ]+$", "").replaceAll("^[-_. ]+", "")
          .replaceAll("([-_. ])[-_. ]+", "$1");
      Map<String, Path> s = sets.computeIfAbsent(set.isEmpty() ? "recording" : set, k -> new LinkedHashMap<>());
      if (s.put(cam, v) != null) {
        throw new InputFormatException(v, null, "a second video of camera " + cam + " in recording '" + set + "'");
      }
    }
    for (Map.Entry<String, Map<String, Path>> e : sets.entrySet()) {
      List<String> missing = cameras.stream().filter(c -> !e.getValue().containsKey(c)).toList();
      if (!missing.isEmpty()) {
        Path any = e.getValue().values().iterator().next();
        throw new InputFormatException(any, null, "recording '" + e.getKey() + "' has no video of " + missing);
      }
    }
    return sets;
  }
}

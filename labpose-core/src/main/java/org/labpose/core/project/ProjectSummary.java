package org.labpose.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabelStats;
import org.labpose.core.model.Skeleton;

/**
 * What {@code labpose summary} shows, as ordered maps of JSON-ready values (strings, numbers,
 * lists, maps): of a project or of a single label file.
 */
public final class ProjectSummary {
  private ProjectSummary() {}

  /**
   * A project's summary as JSON-ready values: config, task, scorer, date, bodyparts (and individuals),
   * skeleton, symmetric pairs, videos (path, where found, crop), labelled frames, points and missing
   * points per bodypart, in total and per labeled-data folder.
   */
  public static Map<String, Object> of(Project p) throws IOException {
    ProjectConfig c = p.config();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("config", p.configFile().toString());
    s.put("task", c.task());
    s.put("scorer", c.scorer());
    s.put("date", c.date());
    s.put("multi_animal", c.multiAnimal());
    s.put("bodyparts", c.bodyparts());
    if (c.multiAnimal()) {
      s.put("individuals", c.individuals());
      s.put("unique_bodyparts", c.uniqueBodyparts());
    }
    Skeleton sk = c.skeleton();
    s.put("skeleton", sk.edges().stream().map(e -> List.of(e.a(), e.b())).toList());
    s.put("symmetric_pairs", sk.symmetricPairs().stream().map(e -> List.of(e.a(), e.b())).toList());
    List<Map<String, Object>> videos = new ArrayList<>();
    for (ProjectConfig.VideoSet v : c.videoSets()) {
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("path", v.path());
      Path f = p.resolveVideo(v.path());
      vm.put("found", Files.exists(f) ? f.toString() : null);
      vm.put("crop", v.crop() == null ? null : v.crop().toString());
      videos.add(vm);
    }
    s.put("videos", videos);
    List<LabelSet> sets = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    for (Path folder : p.labelFolders()) {
      Path file = LabelFiles.find(folder, c.scorer());
      LabelSet ls = p.loadLabels(folder);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("file", file == null ? null : p.relativize(file));
      LabelStats st = ls == null ? null : LabelStats.of(ls);
      d.put("frames", st == null ? 0 : st.frames());
      d.put("points", st == null ? 0 : st.points());
      d.put("missing", st == null ? Map.of() : st.missingByBodypart());
      details.put(folder.getFileName().toString(), d);
      if (ls != null) {
        sets.add(ls);
      }
    }
    LabelStats all = LabelStats.of(LabelSet.merge(c.scorer(), p.keypointLayout(), sets));
    totals(s, all, details);
    return s;
  }

  /** A label file's summary: scorer, bodyparts, frames per folder, points and missing points. */
  public static Map<String, Object> ofLabels(Path file) throws IOException {
    LabelSet ls = LabelFiles.read(file);
    LabelStats st = LabelStats.of(ls);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("label_file", file.toAbsolutePath().normalize().toString());
    s.put("scorer", ls.scorer());
    s.put("multi_animal", ls.layout().isMultiAnimal());
    s.put("bodyparts", ls.layout().bodyparts());
    if (ls.layout().isMultiAnimal()) {
      s.put("individuals", ls.layout().individuals());
      s.put("unique_bodyparts", ls.layout().uniqueBodyparts());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, Integer> perFolder = new LinkedHashMap<>();
    for (var f : ls.frames()) {
      String path = f.imagePath();
      int slash = path.lastIndexOf('/');
      String folder = slash < 0 ? "." : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
      perFolder.merge(folder, 1, Integer::sum);
    }
    for (var e : perFolder.entrySet()) {
      details.put(e.getKey(), Map.of("frames", e.getValue()));
    }
    totals(s, st, details);
    return s;
  }

  private static void totals(Map<String, Object> s, LabelStats all, Map<String, Object> details) {
    s.put("labeled_frames", all.frames());
    s.put("points", all.points());
    s.put("missing", all.missingByBodypart());
    if (all.missingByKeypoint().size() != all.missingByBodypart().size()) {
      s.put("missing_by_keypoint", all.missingByKeypoint());
    }
    Map<String, Object> folders = new LinkedHashMap<>();
    for (var e : details.entrySet()) {
      folders.put(e.getKey(), ((Map<?, ?>) e.getValue()).get("frames"));
    }
    s.put("folders", folders);
    s.put("folder_details", details);
  }

}

package org.labpose.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabelStats;
import org.labpose.core.model.Skeleton;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose summary}. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Summarise a project (task, scorer, bodyparts, skeleton, videos, labels per folder) or a single label file.")
final class SummaryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG|LABEL_FILE", description = "A project's config.yaml (or folder), or a CollectedData_*.csv/.h5 file.")
  Path target;

  @Option(names = "--json", description = "Print a JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> s = Files.isRegularFile(target) && !target.getFileName().toString().endsWith(".yaml")
        && !target.getFileName().toString().endsWith(".yml") ? labelFile(target) : project(target);
    PrintWriter out = Out.out(spec);
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
    } else {
      printText(out, s);
    }
    return 0;
  }

  private Map<String, Object> project(Path cfg) throws Exception {
    Project p = Project.open(cfg);
    Out.warnings(spec, p.warnings());
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

  private Map<String, Object> labelFile(Path file) throws Exception {
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

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Map<String, Object> s) {
    if (s.containsKey("task")) {
      out.printf("Project   %s (scorer %s, %s)%n", s.get("task"), s.get("scorer"), s.get("date"));
      out.printf("Config    %s%n", s.get("config"));
    } else {
      out.printf("Labels    %s (scorer %s)%n", s.get("label_file"), s.get("scorer"));
    }
    out.printf("Bodyparts %s%n", String.join(", ", (List<String>) s.get("bodyparts")));
    if (s.containsKey("individuals")) {
      out.printf("Animals   %s; unique bodyparts: %s%n", s.get("individuals"), s.get("unique_bodyparts"));
    }
    if (s.containsKey("skeleton")) {
      out.printf("Skeleton  %s%n", edges((List<List<String>>) s.get("skeleton")));
      out.printf("Mirrored  %s%n", edges((List<List<String>>) s.get("symmetric_pairs")));
      List<Map<String, Object>> videos = (List<Map<String, Object>>) s.get("videos");
      out.printf("Videos    %d%n", videos.size());
      for (Map<String, Object> v : videos) {
        out.printf("  %s  crop %s%s%n", v.get("path"), v.get("crop"), v.get("found") == null ? "  (NOT FOUND)" : "");
      }
    }
    out.println("Labeled data");
    Map<String, Object> details = (Map<String, Object>) s.get("folder_details");
    for (var e : details.entrySet()) {
      Map<String, Object> d = (Map<String, Object>) e.getValue();
      out.printf("  %-20s %5s frames", e.getKey(), d.get("frames"));
      if (d.containsKey("points")) {
        out.printf(", %s points, missing %s", d.get("points"), missingText((Map<String, Integer>) d.get("missing")));
        if (d.get("file") != null) {
          out.printf("  [%s]", d.get("file"));
        }
      }
      out.println();
    }
    out.printf("Total     %s labelled frames, %s points, missing %s%n", s.get("labeled_frames"), s.get("points"),
        missingText((Map<String, Integer>) s.get("missing")));
  }

  private static String edges(List<List<String>> e) {
    return e.isEmpty() ? "(none)" : String.join(", ", e.stream().map(x -> x.get(0) + "-" + x.get(1)).toList());
  }

  private static String missingText(Map<String, Integer> m) {
    if (m == null || m.values().stream().allMatch(v -> v == 0)) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> {
      if (v > 0) {
        parts.add(k + " " + v);
      }
    });
    return String.join(", ", parts);
  }
}

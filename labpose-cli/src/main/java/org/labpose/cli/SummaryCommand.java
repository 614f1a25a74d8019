package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.formats.PoseFiles;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose summary}. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Summarise a project (task, scorer, bodyparts, skeleton, videos, labels per folder) or one pose file of any"
        + " format LabPose reads (DeepLabCut CSV/.h5 labels or predictions, SLEAP .slp or analysis .h5), found by content.")
final class SummaryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG|FILE", description = "A project's config.yaml (or folder), or a pose file.")
  Path target;

  @Option(names = "--json", description = "Print a JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> s;
    if (Files.isRegularFile(target) && !target.getFileName().toString().endsWith(".yaml") && !target.getFileName().toString().endsWith(".yml")) {
      PoseFiles.Format f = PoseFiles.detect(target);
      if (f == PoseFiles.Format.DLC_LABELS_CSV || f == PoseFiles.Format.DLC_LABELS_H5) {
        s = ProjectSummary.ofLabels(target);
      } else {
        Map<String, Object> any = PoseFiles.summary(target);
        PrintWriter out = Out.out(spec);
        if (json) {
          out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(any));
        } else {
          any.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
        return 0;
      }
    } else {
      Project p = Project.open(target);
      Out.warnings(spec, p.warnings());
      s = ProjectSummary.of(p);
    }
    PrintWriter out = Out.out(spec);
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
    } else {
      printText(out, s);
    }
    return 0;
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

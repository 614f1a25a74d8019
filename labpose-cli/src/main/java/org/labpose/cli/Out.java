package org.labpose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine;

/** Output helpers for commands. */
final class Out {
  private Out() {}

  static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static PrintWriter err(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  /** Opens a project and reports what was repaired on opening (e.g. a stale project_path). */
  static Project openProject(CommandLine.Model.CommandSpec spec, Path config) throws IOException {
    Project p = Project.open(config);
    warnings(spec, p.warnings());
    return p;
  }

  /**
   * The predictions to use for an input: the input itself when it is a CSV, else the newest
   * {@code <video-stem>DLC_*.csv} (or {@code *_filtered.csv}) next to the video.
   */
  static Path predictionsFor(Path input, boolean filtered) throws IOException {
    if (input.toString().endsWith(".csv")) {
      return input;
    }
    String stem = Project.videoStem(input.toString());
    return ProjectLayout.findPredictions(input, filtered).orElseThrow(() ->
        new UserError(input + ": no " + stem + ProjectLayout.SCORER_PREFIX + "*" + (filtered ? "_filtered" : "")
            + ".csv predictions next to it (run 'labpose analyze' or give the CSV)"));
  }

  static void warnings(CommandLine.Model.CommandSpec spec, List<String> warnings) {
    for (String w : warnings) {
      err(spec).println("labpose: warning: " + w);
    }
  }

  /**
   * Appends this command to the project's provenance log ({@code labpose-history.jsonl}): its
   * command line, and the inputs and outputs with their checksums. A log that cannot be written is
   * a warning, not a failure of the work already done.
   */
  static void record(CommandLine.Model.CommandSpec spec, Project p, List<Path> inputs, List<Path> outputs) {
    if (p == null) {
      return;
    }
    List<String> argv = new ArrayList<>();
    argv.add("labpose");
    var parsed = spec.root().commandLine().getParseResult();
    if (parsed != null) {
      argv.addAll(parsed.originalArgs());
    }
    try {
      org.labpose.core.project.History.append(p.root(), LabPose.VERSION, argv, inputs, outputs);
    } catch (IOException | RuntimeException e) {
      err(spec).println("labpose: warning: " + p.root().resolve(org.labpose.core.project.History.FILE) + " not written: " + e.getMessage());
    }
  }

  /** The video behind a predictions file: the input itself, the one its _meta.json names, or the project's video of that name. */
  static org.labpose.video.io.VideoInfo videoInfo(Project p, Path input, Path csv, String name) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (!input.toString().endsWith(".csv")) {
      candidates.add(input);
    }
    java.util.Optional<ProjectLayout.Meta> meta = ProjectLayout.readMeta(csv);
    if (meta.isPresent() && meta.get().video() != null) {
      candidates.add(Path.of(meta.get().video()));
    }
    for (org.labpose.core.project.ProjectConfig.VideoSet vs : p.config().videoSets()) {
      if (Project.videoStem(vs.path()).equals(name)) {
        candidates.add(p.resolveVideo(vs.path()));
      }
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return org.labpose.video.io.VideoProbe.probe(c);
      }
    }
    return null;
  }

  /** The frame rate for a predictions file: {@code given}, else its video's; a clear error when neither is known. */
  static double frameRate(Project p, Path input, Path csv, String name, Double given) throws IOException {
    if (given != null) {
      return given;
    }
    org.labpose.video.io.VideoInfo info = videoInfo(p, input, csv, name);
    if (info == null || !(info.fps() > 0)) {
      throw new UserError(csv + ": no frame rate known for '" + name + "' (no video found next to it or in the project): give --fps");
    }
    return info.fps();
  }
}

package org.labpose.web.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.labpose.core.project.Project;

/**
 * Where the studio keeps and finds a project's files: its zones ({@code zones.yaml}) and groups
 * ({@code groups.csv}) in the project folder, its jobs in {@code .labpose-studio/}, and the
 * results the page shows (labeled videos, reports, plots, evaluation images), found by walking the
 * project folder. The page names a result by its path relative to the project folder; only files
 * of the listed kinds whose real location lies inside the project are served.
 */
public final class StudioFiles {
  /** Served file types by extension: content type. */
  static final Map<String, String> TYPES = Map.of(
      "mp4", "video/mp4", "html", "text/html; charset=utf-8", "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
      "csv", "text/csv; charset=utf-8", "svg", "image/svg+xml", "json", "application/json", "yaml", "text/plain; charset=utf-8");

  /** One result file: its path relative to the project folder, its kind, size in bytes and change time (ms since 1970). */
  public record Output(String path, String kind, long size, long modified) {}

  private StudioFiles() {}

  /** The project's zones file. */
  public static Path zones(Project p) {
    return p.root().resolve("zones.yaml");
  }

  /** The project's groups table (columns video,group). */
  public static Path groups(Project p) {
    return p.root().resolve("groups.csv");
  }

  /** The studio's own folder in a project (jobs, logs). */
  public static Path studioDir(Project p) {
    return p.root().resolve(".labpose-studio");
  }

  /** Where the browser previews of the project's videos go ({@code labpose preview-video --out-dir}). */
  public static Path previews(Project p) {
    return studioDir(p).resolve("previews");
  }

  /** The browser preview of a video ({@code <stem>_preview.mp4}), which may not exist yet. */
  public static Path preview(Project p, Path video) {
    String n = video.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return previews(p).resolve((dot > 0 ? n.substring(0, dot) : n) + "_preview.mp4");
  }

  /**
   * The results in the project: labeled videos ({@code *_labeled*.mp4}), HTML reports, plots and
   * evaluation images (PNG), evaluation tables and prediction CSVs, newest first; at most {@code limit}.
   */
  public static List<Output> outputs(Project p, int limit) throws IOException {
    List<Output> out = new ArrayList<>();
    Path root = p.root().toRealPath();
    try (Stream<Path> s = Files.walk(root, 8)) {
      s.filter(Files::isRegularFile).forEach(f -> {
        String rel = root.relativize(f).toString();
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (rel.startsWith(".") || rel.contains("/.")) {
          return;
        }
        String kind = null;
        if (n.endsWith(".mp4") && n.contains("_labeled")) {
          kind = "labeled-video";
        } else if (n.endsWith(".html")) {
          kind = "report";
        } else if (n.endsWith(".png") && !rel.startsWith("labeled-data/")) {
          kind = rel.startsWith("evaluation-results/") ? "evaluation" : "plot";
        } else if (n.endsWith(".csv") && rel.startsWith("evaluation-results/")) {
          kind = "evaluation-table";
        } else if (n.endsWith(".csv") && n.contains("dlc_") && !rel.startsWith("labeled-data/") && !rel.startsWith("training-datasets/")) {
          kind = "predictions";
        }
        if (kind != null) {
          try {
            out.add(new Output(rel, kind, Files.size(f), Files.getLastModifiedTime(f).toMillis()));
          } catch (IOException e) {
            // gone while walking
          }
        }
      });
    }
    out.sort((a, b) -> Long.compare(b.modified(), a.modified()) != 0 ? Long.compare(b.modified(), a.modified()) : a.path().compareTo(b.path()));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /**
   * A project file named by its path relative to the project folder, when its type is served and its
   * real location lies inside the project; null otherwise.
   */
  public static Path servable(Project p, String rel) {
    if (rel == null || rel.isEmpty() || rel.indexOf('\0') >= 0 || rel.startsWith("/") || rel.contains("\\")) {
      return null;
    }
    int dot = rel.lastIndexOf('.');
    if (dot < 0 || !TYPES.containsKey(rel.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return null;
    }
    try {
      Path root = p.root().toRealPath();
      Path f = root.resolve(rel).toRealPath();
      if (!f.startsWith(root) || !Files.isRegularFile(f)) {
        return null;
      }
      for (Path part : root.relativize(f)) {
        if (part.toString().startsWith(".")) {
          return null;
        }
      }
      return f;
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** The content type of a servable file. */
  static String type(Path f) {
    String n = f.getFileName().toString();
    return TYPES.get(n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
  }
}

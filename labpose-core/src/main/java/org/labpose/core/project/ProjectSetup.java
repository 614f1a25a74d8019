package org.labpose.core.project;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.io.InputFormatException;

/**
 * Creates DeepLabCut-layout projects and adds videos to them, as DeepLabCut's {@code
 * create_new_project} and {@code add_new_videos} do: videos are linked into {@code videos/} (or
 * copied), each gets a {@code labeled-data/<stem>/} folder and a {@code video_sets} entry with its
 * full-frame crop.
 */
public final class ProjectSetup {
  private ProjectSetup() {}

  /** What a new project needs. Crops give each video's full frame ({@code 0, width, 0, height}). */
  public record Request(
      String task,
      String experimenter,
      List<Path> videos,
      Map<Path, ProjectConfig.Crop> crops,
      Path workingDirectory,
      boolean copyVideos,
      List<String> bodyparts,
      boolean multiAnimal,
      List<String> individuals,
      LocalDate date) {}

  /**
   * Creates the project folder {@code <task>-<experimenter>-<YYYY-MM-DD>} under the working
   * directory.
   *
   * @throws FileAlreadyExistsException when that folder exists
   */
  public static Project create(Request r) throws IOException {
    requireName("task", r.task());
    requireName("experimenter", r.experimenter());
    Path root = r.workingDirectory().toAbsolutePath().normalize()
        .resolve(r.task() + "-" + r.experimenter() + "-" + r.date().format(DateTimeFormatter.ISO_LOCAL_DATE));
    if (Files.exists(root)) {
      throw new FileAlreadyExistsException(root.toString(), null, "a project folder of that name exists already");
    }
    for (Path v : r.videos()) {
      if (!Files.isRegularFile(v)) {
        throw new InputFormatException(v, null, "video file not found");
      }
    }
    String date = r.date().format(DateTimeFormatter.ofPattern("MMMd", Locale.ENGLISH));
    ProjectConfig c = ProjectConfig.defaults(r.task(), r.experimenter(), date);
    c.set("project_path", root.toString());
    if (r.multiAnimal()) {
      c.set("multianimalproject", true);
      c.set("identity", false);
      List<String> bps = r.bodyparts() == null || r.bodyparts().isEmpty() ? List.of("bodypart1", "bodypart2", "bodypart3") : r.bodyparts();
      List<String> inds = r.individuals() == null || r.individuals().isEmpty() ? List.of("individual1", "individual2", "individual3") : r.individuals();
      c.set("individuals", new ArrayList<>(inds));
      c.set("uniquebodyparts", new ArrayList<>());
      c.setBodyparts(bps);
      c.set("skeleton", new ArrayList<>(List.of(new ArrayList<>(List.of(bps.get(0), bps.get(Math.min(1, bps.size() - 1)))))));
      c.set("default_net_type", "dlcrnet_ms5");
    } else if (r.bodyparts() != null && !r.bodyparts().isEmpty()) {
      c.setBodyparts(r.bodyparts());
      c.set("skeleton", new ArrayList<>());
    }
    Files.createDirectories(root);
    Project p = Project.of(root, c);
    Files.createDirectories(p.videosDir());
    Files.createDirectories(p.labeledDataDir());
    Files.createDirectories(p.trainingDatasetsDir());
    Files.createDirectories(p.modelsDir());
    addVideos(p, r.videos(), r.crops(), r.copyVideos());
    return p;
  }

  /**
   * Links (or copies) videos into {@code videos/}, creates their labeled-data folders and adds
   * them to {@code video_sets}, then saves the config. A video already in the project is skipped.
   *
   * @return the videos added
   */
  public static List<Path> addVideos(Project p, List<Path> videos, Map<Path, ProjectConfig.Crop> crops, boolean copy) throws IOException {
    List<ProjectConfig.VideoSet> sets = new ArrayList<>(p.config().videoSets());
    List<Path> added = new ArrayList<>();
    Files.createDirectories(p.videosDir());
    for (Path v : videos) {
      Path src = v.toAbsolutePath().normalize();
      if (!Files.isRegularFile(src)) {
        throw new InputFormatException(src, null, "video file not found");
      }
      Path dst = p.videosDir().resolve(src.getFileName());
      String key = dst.toString();
      if (sets.stream().anyMatch(s -> Project.videoStem(s.path()).equals(Project.videoStem(key)))) {
        continue;
      }
      if (!src.equals(dst) && !Files.exists(dst)) {
        if (copy) {
          Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        } else {
          Files.createSymbolicLink(dst, src);
        }
      }
      Files.createDirectories(p.labeledDataDir(Project.videoStem(key)));
      sets.add(new ProjectConfig.VideoSet(key, crops.get(v)));
      added.add(dst);
    }
    p.config().setVideoSets(sets);
    p.saveConfig();
    return added;
  }

  private static void requireName(String what, String s) {
    if (s == null || s.isBlank() || !s.matches("[A-Za-z0-9_.\\-]+")) {
      throw new IllegalArgumentException(what + " must be letters, digits, '_', '-' or '.', found '" + s + "'");
    }
  }
}

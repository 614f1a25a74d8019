package org.labpose.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.io.VideoInfo;
import org.labpose.video.io.VideoProbe;

/** Expands video arguments (files, or folders of videos) and probes their frame size for crops. */
final class VideoArgs {
  static final Set<String> EXTENSIONS = Set.of("mp4", "avi", "mov", "mkv", "mpg", "mpeg", "m4v", "wmv", "webm");

  private VideoArgs() {}

  static List<Path> expand(List<Path> args) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try (Stream<Path> s = Files.list(a)) {
          s.filter(Files::isRegularFile).filter(VideoArgs::isVideo).sorted().forEach(out::add);
        }
      } else if (!Files.exists(a)) {
        throw new UserError(a + ": video file not found");
      } else {
        out.add(a);
      }
    }
    if (out.isEmpty()) {
      throw new UserError("no video files found in " + args);
    }
    return out;
  }

  static boolean isVideo(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Full-frame crops of each video ({@code 0, width, 0, height}). */
  static Map<Path, ProjectConfig.Crop> crops(List<Path> videos) throws IOException {
    Map<Path, ProjectConfig.Crop> m = new LinkedHashMap<>();
    for (Path v : videos) {
      VideoInfo i = VideoProbe.probe(v);
      m.put(v, new ProjectConfig.Crop(0, i.width(), 0, i.height()));
    }
    return m;
  }
}

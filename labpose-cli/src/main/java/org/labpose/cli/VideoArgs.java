package org.labpose.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.io.VideoProbe;

/** Expands video arguments (files, or folders of videos) and probes their frame size for crops. */
final class VideoArgs {
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
    return VideoProbe.isVideoName(p);
  }

  /** Full-frame crops of each video ({@code 0, width, 0, height}). */
  static Map<Path, ProjectConfig.Crop> crops(List<Path> videos) throws IOException {
    return VideoProbe.fullFrameCrops(videos);
  }
}

package org.labpose.video.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.ProjectConfig;

/** Reads a video's header (size, frame rate, claimed frame count, codec) without decoding frames. */
public final class VideoProbe {
  private VideoProbe() {}

  /**
   * Probes a video file.
   *
   * @throws InputFormatException when the file is missing or FFmpeg cannot open it as a video
   */
  public static VideoInfo probe(Path file) throws IOException {
    try (VideoFrameSource s = new VideoFrameSource(file, 1)) {
      return s.info();
    }
  }

  /** File name extensions taken for videos when a folder is given (lower case, no dot). */
  public static final Set<String> EXTENSIONS = Set.of("mp4", "avi", "mov", "mkv", "mpg", "mpeg", "m4v", "wmv", "webm");

  /** True when the file's name ends in one of {@link #EXTENSIONS} (any case). */
  public static boolean isVideoName(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Full-frame crops of each video ({@code 0, width, 0, height}, px), as a new project's config lists them. */
  public static Map<Path, ProjectConfig.Crop> fullFrameCrops(List<Path> videos) throws IOException {
    Map<Path, ProjectConfig.Crop> m = new LinkedHashMap<>();
    for (Path v : videos) {
      VideoInfo i = probe(v);
      m.put(v, new ProjectConfig.Crop(0, i.width(), 0, i.height()));
    }
    return m;
  }

  /** The version of the FFmpeg libraries LabPose decodes with (as {@code av_version_info} gives it). */
  public static String ffmpegVersion() {
    org.bytedeco.javacpp.BytePointer v = org.bytedeco.ffmpeg.global.avutil.av_version_info();
    return v == null ? "unknown" : v.getString();
  }
}

package org.labpose.video.io;

import java.io.IOException;
import java.nio.file.Path;
import org.labpose.core.io.InputFormatException;

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

  /** The version of the FFmpeg libraries LabPose decodes with (as {@code av_version_info} gives it). */
  public static String ffmpegVersion() {
    org.bytedeco.javacpp.BytePointer v = org.bytedeco.ffmpeg.global.avutil.av_version_info();
    return v == null ? "unknown" : v.getString();
  }
}

package org.labpose.video.io;

import org.bytedeco.ffmpeg.global.avutil;

/** Process-wide FFmpeg settings. */
final class FFmpeg {
  private static volatile boolean quiet;

  private FFmpeg() {}

  /** Keeps FFmpeg's own log (warnings about containers) off the user's terminal; errors are reported by LabPose. */
  static void quiet() {
    if (!quiet) {
      avutil.av_log_set_level(avutil.AV_LOG_QUIET);
      quiet = true;
    }
  }
}

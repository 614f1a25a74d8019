package org.labpose.video.io;

import java.nio.file.Path;

/**
 * What a video container says about its video stream.
 *
 * @param file the video file
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frames per second as the container states it
 * @param frameCount frames the container claims (may differ from what decodes; see check-video)
 * @param codec codec name, e.g. {@code h264}
 * @param pixelFormat pixel format name, e.g. {@code yuv420p}
 */
public record VideoInfo(Path file, int width, int height, double fps, int frameCount, String codec, String pixelFormat) {

  /** Duration in seconds from the claimed frame count and frame rate. */
  public double durationSeconds() {
    return fps > 0 ? frameCount / fps : Double.NaN;
  }
}

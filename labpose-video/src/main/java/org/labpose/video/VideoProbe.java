package org.labpose.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.labpose.core.io.InputFormatException;

/** Reads a video's header (size, frame rate, claimed frame count, codec) without decoding it. */
public final class VideoProbe {
  private VideoProbe() {}

  static {
    FFmpeg.quiet();
  }

  /**
   * Probes a video file.
   *
   * @throws InputFormatException when the file is missing or FFmpeg cannot open it as a video
   */
  public static VideoInfo probe(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "video file not found");
    }
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
        throw new InputFormatException(file, null, "no video stream");
      }
      int fmt = g.getFormatContext().streams(g.getVideoStream()).codecpar().format();
      BytePointer name = fmt >= 0 ? avutil.av_get_pix_fmt_name(fmt) : null;
      String pix = name == null || name.isNull() ? "unknown" : name.getString();
      VideoInfo info = new VideoInfo(file, g.getImageWidth(), g.getImageHeight(), g.getFrameRate(),
          g.getLengthInFrames(), g.getVideoCodecName(), pix);
      g.stop();
      return info;
    } catch (FrameGrabber.Exception e) {
      throw new InputFormatException(file, null, "cannot be opened as a video (" + e.getMessage() + ")", e);
    }
  }
}

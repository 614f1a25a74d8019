package org.labpose.video.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.labpose.core.image.RgbImage;

/**
 * Writes an H.264 MP4 (yuv420p) from RGB frames. The video appears under its name only when
 * {@link #close()} succeeds; until then it is a temporary file in the same folder, removed on
 * failure. Encoding is single-threaded so that the same frames give the same bytes.
 */
public final class VideoWriter implements AutoCloseable {
  static {
    FFmpeg.quiet();
  }

  private final Path target;
  private final Path tmp;
  private final FFmpegFrameRecorder recorder;
  private final int width;
  private final int height;
  private final ByteBuffer buffer;
  private boolean failed;

  /**
   * @param target the .mp4 to write
   * @param width frame width in pixels (even)
   * @param height frame height in pixels (even)
   * @param fps frames per second
   * @param bitrate bits per second, e.g. 2_000_000
   */
  public VideoWriter(Path target, int width, int height, double fps, int bitrate) throws IOException {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("H.264 needs an even frame size, got " + width + "x" + height);
    }
    this.target = target.toAbsolutePath();
    Files.createDirectories(this.target.getParent());
    this.tmp = this.target.resolveSibling("." + this.target.getFileName() + ".part.mp4");
    this.width = width;
    this.height = height;
    this.recorder = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setVideoBitrate(bitrate);
    recorder.setGopSize((int) Math.max(1, Math.round(fps)));
    recorder.setVideoOption("threads", "1");
    recorder.setOption("movflags", "+faststart");
    recorder.setMetadata("encoder", "LabPose");
    try {
      recorder.start();
    } catch (FrameRecorder.Exception e) {
      Files.deleteIfExists(tmp);
      throw new IOException(target + ": cannot start the H.264 encoder: " + e.getMessage(), e);
    }
    this.buffer = ByteBuffer.allocateDirect(width * height * 3);
  }

  /** Appends one frame (must have the writer's size). */
  public void write(RgbImage img) throws IOException {
    if (img.width() != width || img.height() != height) {
      throw new IllegalArgumentException("frame is " + img.width() + "x" + img.height() + ", video is " + width + "x" + height);
    }
    buffer.clear();
    buffer.put(img.data());
    buffer.flip();
    try {
      recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, avutil.AV_PIX_FMT_RGB24, buffer);
    } catch (FrameRecorder.Exception e) {
      failed = true;
      throw new IOException(target + ": encoding failed: " + e.getMessage(), e);
    }
  }

  /** Marks the video as failed: {@link #close()} removes it instead of publishing it. */
  public void abort() {
    failed = true;
  }

  @Override
  public void close() throws IOException {
    try {
      recorder.stop();
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      failed = true;
      throw new IOException(target + ": cannot finish the video: " + e.getMessage(), e);
    } finally {
      if (failed) {
        Files.deleteIfExists(tmp);
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

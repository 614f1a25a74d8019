package org.labpose.video.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;

/**
 * Frames of a video file, decoded by FFmpeg into RGB. Random access is exact: {@link #read(int)}
 * returns the same pixels as a sequential decode (decoding restarts at the key frame before the
 * target and counts frames by their timestamps).
 */
public final class VideoFrameSource implements FrameSource {
  private final Path file;
  private final FfmpegDecoder dec;

  /** Opens a video with FFmpeg's automatic decoder thread count. */
  public VideoFrameSource(Path file) throws IOException {
    this(file, 0);
  }

  /**
   * Opens a video.
   *
   * @param threads decoder threads, 0 for FFmpeg's choice
   * @throws InputFormatException when the file is missing or not a decodable video
   */
  public VideoFrameSource(Path file, int threads) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "video file not found");
    }
    this.file = file;
    try {
      this.dec = new FfmpegDecoder(file.toString(), threads);
    } catch (FfmpegDecoder.DecodeException e) {
      throw new InputFormatException(file, null, "cannot be opened as a video: " + e.getMessage() + " (truncated, corrupted or not a video?)", e);
    }
  }

  /** The container's description of the video stream. */
  public VideoInfo info() {
    return new VideoInfo(file, dec.width(), dec.height(), dec.fps(), dec.claimedFrames(), dec.codecName(), dec.pixelFormatName());
  }

  @Override
  public int width() {
    return dec.width();
  }

  @Override
  public int height() {
    return dec.height();
  }

  @Override
  public double fps() {
    return dec.fps();
  }

  @Override
  public int frameCount() {
    return dec.claimedFrames();
  }

  @Override
  public int position() {
    return dec.position();
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public RgbImage next() throws IOException {
    int at = dec.position();
    try {
      byte[] rgb = dec.next();
      return rgb == null ? null : new RgbImage(dec.width(), dec.height(), rgb);
    } catch (FfmpegDecoder.DecodeException e) {
      throw new InputFormatException(file, "frame " + at, "cannot be decoded: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the next frame without converting it to RGB (the decoder's own pixel format stays
   * inside FFmpeg): for integrity checks and counting, at the decoder's full speed.
   *
   * @return false at the end of the stream
   * @throws InputFormatException naming the frame that cannot be decoded
   */
  public boolean skip() throws IOException {
    int at = dec.position();
    try {
      return dec.skip();
    } catch (FfmpegDecoder.DecodeException e) {
      throw new InputFormatException(file, "frame " + at, "cannot be decoded: " + e.getMessage(), e);
    }
  }

  @Override
  public RgbImage read(int index) throws IOException {
    if (index < 0) {
      throw new IllegalArgumentException("negative frame index " + index);
    }
    byte[] rgb;
    try {
      rgb = dec.read(index);
    } catch (FfmpegDecoder.DecodeException e) {
      throw new InputFormatException(file, "frame " + index, "cannot be decoded: " + e.getMessage(), e);
    }
    if (rgb == null) {
      throw new InputFormatException(file, "frame " + index, "past the last decodable frame (the container claims " + dec.claimedFrames() + ")");
    }
    return new RgbImage(dec.width(), dec.height(), rgb);
  }

  @Override
  public void close() {
    dec.close();
  }
}

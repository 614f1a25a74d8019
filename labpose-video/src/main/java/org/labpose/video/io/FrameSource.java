package org.labpose.video.io;

import java.io.IOException;
import org.labpose.core.image.RgbImage;

/**
 * Frames of a video or an image folder, by 0-based index. Sequential reading ({@link #next()}) is
 * the fast path; {@link #read(int)} gives exact random access (the same pixels as a sequential
 * decode). Not thread-safe; close it to release the decoder.
 */
public interface FrameSource extends AutoCloseable {

  /** Frame width in pixels. */
  int width();

  /** Frame height in pixels. */
  int height();

  /** Frames per second (NaN for image folders without a rate). */
  double fps();

  /** Frames the source claims to hold (a container's header may be wrong; see {@link VideoCheck}). */
  int frameCount();

  /** The index of the frame that {@link #next()} returns. */
  int position();

  /**
   * The next frame in order, or null at the end.
   *
   * @throws IOException when the frame cannot be decoded (the message names the source and frame)
   */
  RgbImage next() throws IOException;

  /**
   * Frame {@code index}; afterwards {@link #next()} continues from {@code index + 1}.
   *
   * @throws IOException when the frame is past the end or cannot be decoded
   */
  RgbImage read(int index) throws IOException;

  /** A short description for messages, e.g. the file path. */
  String name();

  @Override
  void close();
}

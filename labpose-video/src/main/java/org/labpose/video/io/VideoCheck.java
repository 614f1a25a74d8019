package org.labpose.video.io;

import java.io.IOException;
import java.nio.file.Path;
import org.labpose.core.io.InputFormatException;

/**
 * Decodes every frame of a video and compares the count with what the container claims, so that
 * a truncated or corrupted file is found before it silently shortens an analysis.
 *
 * @param info the container's claims
 * @param decoded frames that decoded
 * @param firstBadFrame the first frame that did not decode (-1 when all did)
 * @param error why decoding stopped early, or null
 */
public record VideoCheck(VideoInfo info, int decoded, int firstBadFrame, String error) {

  /** True when every claimed frame decoded. */
  public boolean ok() {
    return firstBadFrame < 0;
  }

  /** Progress callback. */
  @FunctionalInterface
  public interface Progress {
    void frame(int done, int total);
  }

  /** Decodes the whole video. A container that cannot be opened at all is an {@link InputFormatException}. */
  public static VideoCheck run(Path file, Progress progress) throws IOException {
    VideoInfo info = VideoProbe.probe(file);
    int n = 0;
    String error = null;
    // every frame is decoded (on FFmpeg's choice of threads) but not converted to RGB
    try (VideoFrameSource src = new VideoFrameSource(file, 0)) {
      while (true) {
        try {
          if (!src.skip()) {
            break;
          }
        } catch (InputFormatException e) {
          error = e.problem();
          break;
        }
        n++;
        if (progress != null && (n % 100 == 0)) {
          progress.frame(n, info.frameCount());
        }
      }
    }
    int bad = n < info.frameCount() || error != null ? n : -1;
    if (bad >= 0 && error == null) {
      error = "the stream ends after " + n + " frames but the container claims " + info.frameCount();
    }
    return new VideoCheck(info, n, bad, error);
  }
}

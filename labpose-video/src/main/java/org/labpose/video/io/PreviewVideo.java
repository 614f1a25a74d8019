package org.labpose.video.io;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.labpose.core.image.RgbImage;

/**
 * A copy of a video that every browser plays: H.264, yuv420p, MP4 with its index first, at most
 * {@code maxWidth} pixels wide (aspect kept, even sizes), same frame rate and frame count. For
 * videos whose codec a browser cannot play (MJPEG, MPEG-4 part 2, HEVC in some browsers, raw AVI);
 * frames stream through, so memory stays flat in video length. Written to a temporary file and
 * renamed, as {@link VideoWriter} does.
 */
public final class PreviewVideo {
  /** Progress callback: frames done of the header's claimed count. */
  @FunctionalInterface
  public interface Progress {
    void frame(int done, int total);
  }

  private PreviewVideo() {}

  /**
   * Writes the preview.
   *
   * @param maxWidth widest output in px; wider videos are scaled down
   * @return frames written
   */
  public static int write(Path video, Path out, int maxWidth, Progress progress) throws IOException {
    if (maxWidth < 16) {
      throw new IllegalArgumentException("the preview must be at least 16 px wide, got " + maxWidth);
    }
    int n = 0;
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      double s = Math.min(1, (double) maxWidth / src.width());
      int w = Math.max(2, (int) Math.round(src.width() * s) / 2 * 2);
      int h = Math.max(2, (int) Math.round(src.height() * s) / 2 * 2);
      double fps = Double.isNaN(src.fps()) || src.fps() <= 0 ? 30 : src.fps();
      try (VideoWriter wr = new VideoWriter(out, w, h, fps, Math.max(500_000, 6 * w * h))) {
        RgbImage f;
        while ((f = src.next()) != null) {
          wr.write(f.width() == w && f.height() == h ? f : scale(f, w, h));
          n++;
          if (progress != null && (n % 25 == 0)) {
            progress.frame(n, src.frameCount());
          }
        }
      }
      if (progress != null) {
        progress.frame(n, Math.max(n, src.frameCount()));
      }
    }
    return n;
  }

  private static RgbImage scale(RgbImage f, int w, int h) {
    BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = b.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(Images.toBuffered(f), 0, 0, w, h, null);
    g.dispose();
    return Images.fromBuffered(b);
  }
}

package org.labpose.video.draw;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labpose.core.image.RgbImage;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.Skeleton;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;
import org.labpose.video.io.VideoWriter;

/**
 * Renders predictions onto a video: points whose likelihood is below the p-cutoff are hidden;
 * optional skeleton and trailing points (the last {@code trail} frames, fading). Writes H.264 MP4.
 */
public final class LabeledVideo {
  private LabeledVideo() {}

  /** Drawing settings. */
  public record Style(String colormap, double dotsize, double alpha, double pcutoff, boolean skeleton, Color skeletonColor, int trail) {}

  /** Progress per frame. */
  @FunctionalInterface
  public interface Progress {
    void frame(int done, int total);
  }

  /**
   * Renders {@code video} with {@code poses} into {@code out}.
   *
   * @return frames written
   */
  public static int render(Path video, PoseTable poses, List<Skeleton.Pair> edges, Style style, Path out, Progress progress) throws IOException {
    List<KeypointId> ks = poses.layout().keypoints();
    Color[] colors = Overlay.keypointColors(poses.layout(), style.colormap());
    List<int[]> e = style.skeleton() ? Overlay.edgeIndices(poses.layout(), edges) : List.of();
    int n = 0;
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      int w = src.width() / 2 * 2;
      int h = src.height() / 2 * 2;
      double fps = Double.isNaN(src.fps()) ? 30 : src.fps();
      try (VideoWriter wr = new VideoWriter(out, w, h, fps, Math.max(1_000_000, 8 * w * h))) {
        RgbImage f;
        while ((f = src.next()) != null) {
          BufferedImage b = Images.toBuffered(w == f.width() && h == f.height() ? f : f.crop(0, w, 0, h));
          for (int t = Math.min(style.trail(), n); t >= 1; t--) {
            double[] xy = points(poses, n - t, ks);
            boolean[] vis = visible(poses, n - t, ks, style.pcutoff());
            Overlay.draw(b, xy, vis, colors, List.of(), Math.max(1, style.dotsize() / 2), style.alpha() * (1 - (double) t / (style.trail() + 1)), false, null);
          }
          if (n < poses.frameCount()) {
            Overlay.draw(b, points(poses, n, ks), visible(poses, n, ks, style.pcutoff()), colors, e, style.dotsize(), style.alpha(), false, style.skeletonColor());
          }
          wr.write(Images.fromBuffered(b));
          n++;
          if (progress != null && n % 50 == 0) {
            progress.frame(n, src.frameCount());
          }
        }
      }
    }
    return n;
  }

  private static double[] points(PoseTable t, int f, List<KeypointId> ks) {
    double[] xy = new double[2 * ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      xy[2 * i] = f < t.frameCount() ? t.x(f, ks.get(i)) : Double.NaN;
      xy[2 * i + 1] = f < t.frameCount() ? t.y(f, ks.get(i)) : Double.NaN;
    }
    return xy;
  }

  private static boolean[] visible(PoseTable t, int f, List<KeypointId> ks, double pcutoff) {
    boolean[] v = new boolean[ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      v[i] = f < t.frameCount() && Confidence.present(t, f, ks.get(i), pcutoff);
    }
    return v;
  }
}

package org.labpose.video.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.image.RgbImage;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.Skeleton;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;
import org.labpose.video.io.VideoWriter;

/**
 * A 3D labeled video: each camera's view (its video's frame, scaled to a common tile height, with
 * the 3D points reprojected into it) beside a rendering of the 3D skeleton seen by a virtual camera
 * from 45° azimuth and 30° elevation, aimed at the middle of all the 3D points and scaled to their
 * extent (world z up), with the frame number. Writes H.264 MP4.
 */
public final class Labeled3dVideo {
  private Labeled3dVideo() {}

  /**
   * One camera's tile: its video (null for a black frame of {@code width × height}), the frame of
   * that video where frame 0 of the 3D table lies (or, from timestamps, the video's frame for each frame of the
   * table, −1 for none), and the 3D points reprojected into it (px).
   */
  public record Tile(String name, Path video, int offset, int width, int height, PoseTable reprojected, int[] frames) {
    /** A tile whose video follows the 3D table by a fixed offset. */
    public Tile(String name, Path video, int offset, int width, int height, PoseTable reprojected) {
      this(name, video, offset, width, height, reprojected, null);
    }

    /** The video's frame shown with frame {@code f} of the 3D table (−1: none, a black tile). */
    int frame(int f) {
      return frames == null ? f + offset : f < frames.length ? frames[f] : -1;
    }
  }

  /**
   * Renders every frame of the 3D table.
   *
   * @param xyz {@code [frame][keypoint]} = {x, y, z}, world units, NaN where missing
   * @param tileHeight height of every tile, px (the 3D panel is square)
   * @return frames written
   */
  public static int render(List<Tile> tiles, KeypointLayout layout, double[][][] xyz, List<Skeleton.Pair> edges, double fps, int tileHeight,
      Path out) throws IOException {
    Color[] colors = Overlay.keypointColors(layout, "rainbow");
    List<int[]> e = Overlay.edgeIndices(layout, edges);
    int[] widths = new int[tiles.size()];
    int total = tileHeight;
    for (int i = 0; i < tiles.size(); i++) {
      widths[i] = Math.max(2, (int) Math.round((double) tiles.get(i).width() * tileHeight / tiles.get(i).height()));
      total += widths[i];
    }
    int w = total / 2 * 2;
    int h = tileHeight / 2 * 2;
    View3d view = View3d.fit(xyz, h);
    List<VideoFrameSource> sources = new ArrayList<>();
    // per tile: the next frame its source will give, and the last frame read (shown again when the table repeats it)
    int[] next = new int[tiles.size()];
    RgbImage[] last = new RgbImage[tiles.size()];
    int[] lastIndex = new int[tiles.size()];
    java.util.Arrays.fill(lastIndex, -1);
    try {
      for (Tile t : tiles) {
        sources.add(t.video() == null ? null : new VideoFrameSource(t.video()));
      }
      try (VideoWriter wr = new VideoWriter(out, w, h, fps > 0 ? fps : 30, Math.max(1_000_000, 6 * w * h))) {
        for (int f = 0; f < xyz.length; f++) {
          BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
          Graphics2D g = canvas.createGraphics();
          g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          int x0 = 0;
          for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            RgbImage frame = null;
            int want = t.frame(f);
            VideoFrameSource src = sources.get(i);
            if (src != null && want >= 0) {
              if (want != lastIndex[i]) {
                while (next[i] < want) {
                  src.skip();
                  next[i]++;
                }
                if (next[i] == want) {
                  last[i] = src.next();
                  lastIndex[i] = want;
                  next[i]++;
                }
              }
              frame = lastIndex[i] == want ? last[i] : null;
            }
            BufferedImage img = frame == null ? new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_RGB) : Images.toBuffered(frame);
            double[] xy = new double[2 * layout.size()];
            for (int k = 0; k < layout.size(); k++) {
              xy[2 * k] = f < t.reprojected().frameCount() ? t.reprojected().x(f, layout.keypoints().get(k)) : Double.NaN;
              xy[2 * k + 1] = f < t.reprojected().frameCount() ? t.reprojected().y(f, layout.keypoints().get(k)) : Double.NaN;
            }
            Overlay.draw(img, xy, null, colors, e, Math.max(4, t.height() / 90.0), 0.9, false, Color.WHITE);
            g.drawImage(img, x0, 0, widths[i], tileHeight, null);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, tileHeight / 30)));
            g.drawString(t.name(), x0 + 6, 6 + Math.max(10, tileHeight / 30));
            x0 += widths[i];
          }
          g.translate(x0, 0);
          view.draw(g, xyz[f], colors, e, f);
          g.dispose();
          wr.write(Images.fromBuffered(canvas));
        }
      }
    } finally {
      for (VideoFrameSource s : sources) {
        if (s != null) {
          s.close();
        }
      }
    }
    return xyz.length;
  }

  /** The virtual camera of the 3D panel: orthographic, fixed for the whole video. */
  private record View3d(double[] centre, double scale, int size) {
    static final double AZ = Math.toRadians(45);
    static final double EL = Math.toRadians(30);

    static View3d fit(double[][][] xyz, int size) {
      double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (double[][] frame : xyz) {
        for (double[] p : frame) {
          if (p != null && !Double.isNaN(p[0])) {
            for (int j = 0; j < 3; j++) {
              lo[j] = Math.min(lo[j], p[j]);
              hi[j] = Math.max(hi[j], p[j]);
            }
          }
        }
      }
      if (lo[0] > hi[0]) {
        return new View3d(new double[3], 1, size);
      }
      double extent = Math.max(1e-9, Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2])));
      return new View3d(new double[] {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2}, 0.7 * size / extent, size);
    }

    /** Panel pixel of a world point: rotate by azimuth about z, tilt by elevation, drop depth; z up on screen. */
    double[] screen(double[] p) {
      double x = p[0] - centre[0];
      double y = p[1] - centre[1];
      double z = p[2] - centre[2];
      double xr = Math.cos(AZ) * x - Math.sin(AZ) * y;
      double yr = Math.sin(AZ) * x + Math.cos(AZ) * y;
      double up = Math.cos(EL) * z - Math.sin(EL) * yr;
      return new double[] {size / 2.0 + scale * xr, size / 2.0 - scale * up};
    }

    void draw(Graphics2D g, double[][] points, Color[] colors, List<int[]> edges, int frame) {
      g.setColor(new Color(24, 24, 32));
      g.fillRect(0, 0, size, size);
      // the world's axes from the middle, for orientation: x red, y green, z blue
      double len = 0.15 * size / scale;
      Color[] axisColor = {new Color(200, 80, 80), new Color(80, 200, 80), new Color(80, 120, 220)};
      g.setStroke(new BasicStroke(1.5f));
      for (int a = 0; a < 3; a++) {
        double[] tip = centre.clone();
        tip[a] += len;
        double[] o = screen(centre);
        double[] t = screen(tip);
        g.setColor(axisColor[a]);
        g.draw(new Line2D.Double(o[0], o[1], t[0], t[1]));
      }
      g.setStroke(new BasicStroke(2.5f));
      g.setColor(Color.WHITE);
      for (int[] e : edges) {
        double[] a = points[e[0]];
        double[] b = points[e[1]];
        if (!Double.isNaN(a[0]) && !Double.isNaN(b[0])) {
          double[] sa = screen(a);
          double[] sb = screen(b);
          g.draw(new Line2D.Double(sa[0], sa[1], sb[0], sb[1]));
        }
      }
      double dot = Math.max(5, size / 60.0);
      for (int k = 0; k < points.length; k++) {
        if (!Double.isNaN(points[k][0])) {
          double[] s = screen(points[k]);
          g.setColor(colors[k % colors.length]);
          g.fill(new Ellipse2D.Double(s[0] - dot / 2, s[1] - dot / 2, dot, dot));
        }
      }
      g.setColor(Color.LIGHT_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, size / 30)));
      g.drawString("3D  frame " + frame, 6, 6 + Math.max(10, size / 30));
    }
  }
}

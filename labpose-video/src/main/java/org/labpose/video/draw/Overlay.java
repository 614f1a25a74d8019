package org.labpose.video.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.Skeleton;

/**
 * Draws keypoints on a frame: filled discs of radius {@code dotsize} pixels in one colour per
 * bodypart, blended with {@code alpha}; optional skeleton lines; optional crosses for labels.
 * Coordinates in pixels, origin top-left; NaN points are not drawn.
 */
public final class Overlay {
  private Overlay() {}

  /**
   * Draws on {@code img} in place.
   *
   * @param xy x, y per keypoint (NaN = skip)
   * @param visible whether each keypoint is drawn (e.g. likelihood above the p-cutoff)
   * @param colors colour per keypoint
   * @param edges pairs of keypoint indices to join, or empty
   * @param cross true to draw a cross (labels) instead of a disc (predictions)
   */
  public static void draw(BufferedImage img, double[] xy, boolean[] visible, Color[] colors, List<int[]> edges,
      double dotsize, double alpha, boolean cross, Color skeletonColor) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, (float) Math.max(0, Math.min(1, alpha))));
    g.setStroke(new BasicStroke((float) Math.max(1, dotsize / 4)));
    if (skeletonColor != null) {
      g.setColor(skeletonColor);
      for (int[] e : edges) {
        int a = e[0];
        int b = e[1];
        if (ok(xy, visible, a) && ok(xy, visible, b)) {
          g.draw(new Line2D.Double(xy[2 * a], xy[2 * a + 1], xy[2 * b], xy[2 * b + 1]));
        }
      }
    }
    int k = xy.length / 2;
    for (int i = 0; i < k; i++) {
      if (!ok(xy, visible, i)) {
        continue;
      }
      g.setColor(colors[i % colors.length]);
      double x = xy[2 * i];
      double y = xy[2 * i + 1];
      if (cross) {
        g.draw(new Line2D.Double(x - dotsize, y, x + dotsize, y));
        g.draw(new Line2D.Double(x, y - dotsize, x, y + dotsize));
      } else {
        g.fill(new Ellipse2D.Double(x - dotsize / 2, y - dotsize / 2, dotsize, dotsize));
      }
    }
    g.dispose();
  }

  private static boolean ok(double[] xy, boolean[] visible, int i) {
    return !Double.isNaN(xy[2 * i]) && !Double.isNaN(xy[2 * i + 1]) && (visible == null || visible[i]);
  }

  /** One colour per keypoint slot: the colormap spread over the bodyparts (then unique bodyparts). */
  public static Color[] keypointColors(KeypointLayout layout, String colormap) {
    List<String> parts = new ArrayList<>(layout.bodyparts());
    parts.addAll(layout.uniqueBodyparts());
    Color[] palette = Colormaps.colors(colormap, Math.max(1, parts.size()));
    List<KeypointId> ks = layout.keypoints();
    Color[] colors = new Color[ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      colors[i] = palette[Math.max(0, parts.indexOf(ks.get(i).bodypart()))];
    }
    return colors;
  }

  /** Skeleton edges as pairs of keypoint-slot indices, within each individual. */
  public static List<int[]> edgeIndices(KeypointLayout layout, List<Skeleton.Pair> edges) {
    List<KeypointId> ks = layout.keypoints();
    List<int[]> out = new ArrayList<>();
    for (Skeleton.Pair e : edges) {
      for (int i = 0; i < ks.size(); i++) {
        if (!ks.get(i).bodypart().equals(e.a())) {
          continue;
        }
        int j = ks.indexOf(new KeypointId(ks.get(i).individual(), e.b()));
        if (j >= 0) {
          out.add(new int[] {i, j});
        }
      }
    }
    return out;
  }

  /** A named colour (matplotlib basics) or black. */
  public static Color named(String name) {
    if (name == null) {
      return Color.BLACK;
    }
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "white", "w" -> Color.WHITE;
      case "red", "r" -> Color.RED;
      case "green", "g" -> new Color(0, 128, 0);
      case "blue", "b" -> Color.BLUE;
      case "yellow", "y" -> new Color(191, 191, 0);
      case "gray", "grey" -> Color.GRAY;
      default -> Color.BLACK;
    };
  }
}

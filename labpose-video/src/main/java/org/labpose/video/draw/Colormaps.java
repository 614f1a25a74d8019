package org.labpose.video.draw;

import java.awt.Color;
import java.util.Locale;

/**
 * Matplotlib-like colormaps for keypoint colours: {@code rainbow}, {@code jet}, {@code viridis},
 * {@code hsv}, {@code cool}, {@code plasma} (others fall back to rainbow).
 */
public final class Colormaps {
  private Colormaps() {}

  /** The colour at {@code t} in [0, 1]. */
  public static Color at(String name, double t) {
    t = Math.max(0, Math.min(1, t));
    return switch (name == null ? "rainbow" : name.toLowerCase(Locale.ROOT)) {
      case "jet" -> new Color(f(1.5 - Math.abs(4 * t - 3)), f(1.5 - Math.abs(4 * t - 2)), f(1.5 - Math.abs(4 * t - 1)));
      case "viridis" -> lerp(t, new float[][] {{0.267f, 0.005f, 0.329f}, {0.229f, 0.322f, 0.545f}, {0.128f, 0.567f, 0.551f}, {0.369f, 0.789f, 0.383f}, {0.993f, 0.906f, 0.144f}});
      case "plasma" -> lerp(t, new float[][] {{0.050f, 0.030f, 0.528f}, {0.494f, 0.012f, 0.658f}, {0.798f, 0.280f, 0.470f}, {0.973f, 0.585f, 0.254f}, {0.940f, 0.975f, 0.131f}});
      case "cool" -> new Color((float) t, (float) (1 - t), 1f);
      case "hsv" -> Color.getHSBColor((float) t, 1f, 1f);
      // matplotlib's rainbow: red |2t - 0.5|, green sin(pi t), blue cos(pi t / 2)
      default -> new Color(f(Math.abs(2 * t - 0.5)), f(Math.sin(Math.PI * t)), f(Math.cos(Math.PI * t / 2)));
    };
  }

  /** {@code n} distinct colours along a colormap, as DeepLabCut assigns bodypart colours. */
  public static Color[] colors(String name, int n) {
    Color[] c = new Color[n];
    for (int i = 0; i < n; i++) {
      c[i] = at(name, n == 1 ? 0.5 : (double) i / (n - 1));
    }
    return c;
  }

  private static float f(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }

  private static Color lerp(double t, float[][] stops) {
    double x = t * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) x);
    double a = x - i;
    return new Color(
        (float) (stops[i][0] * (1 - a) + stops[i + 1][0] * a),
        (float) (stops[i][1] * (1 - a) + stops[i + 1][1] * a),
        (float) (stops[i][2] * (1 - a) + stops[i + 1][2] * a));
  }
}

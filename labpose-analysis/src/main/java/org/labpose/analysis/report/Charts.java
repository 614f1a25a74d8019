package org.labpose.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.labpose.analysis.zones.Zone;

/**
 * The report's figures, drawn with Java2D into PNG images. Image coordinates: pixels of the video
 * frame (origin top-left, x right, y down), scaled to the figure.
 */
final class Charts {
  private Charts() {}

  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  static BufferedImage canvas(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return g;
  }

  /** A data URI of the image as PNG. */
  static String dataUri(BufferedImage img) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(img, "png", out);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps frame pixels into a figure of the given size with a margin. */
  record View(double x0, double y0, double scale, int margin) {
    static View fit(double width, double height, int figW, int figH, int margin) {
      double s = Math.min((figW - 2.0 * margin) / width, (figH - 2.0 * margin) / height);
      return new View(0, 0, s, margin);
    }

    double fx(double x) {
      return margin + (x - x0) * scale;
    }

    double fy(double y) {
      return margin + (y - y0) * scale;
    }
  }

  static void drawZones(Graphics2D g, View v, List<Zone> zones, Zone arena, boolean fill) {
    if (arena != null) {
      g.setColor(new Color(0x555555));
      g.setStroke(new BasicStroke(2f));
      for (double[][] o : arena.outlines()) {
        g.draw(path(o, v));
      }
    }
    int i = 0;
    for (Zone z : zones) {
      Color c = PALETTE[i++ % PALETTE.length];
      Path2D all = new Path2D.Double(Path2D.WIND_EVEN_ODD); // even-odd: a periphery's hole stays empty
      for (double[][] o : z.outlines()) {
        all.append(path(o, v), false);
      }
      if (fill) {
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
        g.fill(all);
      }
      g.setColor(c);
      g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
      g.draw(all);
      double[] b = z.bounds();
      g.drawString(z.name(), (float) v.fx(b[0]) + 3, (float) v.fy(b[1]) + 12);
    }
  }

  private static Path2D path(double[][] o, View v) {
    Path2D p = new Path2D.Double();
    for (int k = 0; k < o[0].length; k++) {
      if (k == 0) {
        p.moveTo(v.fx(o[0][k]), v.fy(o[1][k]));
      } else {
        p.lineTo(v.fx(o[0][k]), v.fy(o[1][k]));
      }
    }
    p.closePath();
    return p;
  }

  /** The track over the arena and zones; colour runs from blue (start) to red (end). */
  static BufferedImage trajectory(double[] x, double[] y, double width, double height, List<Zone> zones, Zone arena) {
    int figW = 480;
    int figH = (int) Math.round(figW * height / width);
    BufferedImage img = canvas(figW, figH);
    Graphics2D g = graphics(img);
    View v = View.fit(width, height, figW, figH, 8);
    g.setColor(new Color(0xdddddd));
    g.drawRect((int) v.fx(0), (int) v.fy(0), (int) (width * v.scale()), (int) (height * v.scale()));
    drawZones(g, v, zones, arena, true);
    g.setStroke(new BasicStroke(1f));
    int n = x.length;
    for (int f = 1; f < n; f++) {
      if (Double.isNaN(x[f]) || Double.isNaN(x[f - 1])) {
        continue;
      }
      float t = (float) f / n;
      g.setColor(new Color(t, 0.2f, 1 - t, 0.7f));
      g.drawLine((int) v.fx(x[f - 1]), (int) v.fy(y[f - 1]), (int) v.fx(x[f]), (int) v.fy(y[f]));
    }
    g.dispose();
    return img;
  }

  /** Time spent per spatial bin (about 8 px bins), on a white-to-dark colour scale, zones outlined. */
  static BufferedImage heatmap(double[] x, double[] y, double width, double height, List<Zone> zones, Zone arena) {
    int bins = 48;
    double cell = Math.max(width, height) / bins;
    int nx = (int) Math.ceil(width / cell);
    int ny = (int) Math.ceil(height / cell);
    double[][] count = new double[ny][nx];
    double max = 0;
    for (int f = 0; f < x.length; f++) {
      int i = (int) Math.floor(x[f] / cell);
      int j = (int) Math.floor(y[f] / cell);
      if (i >= 0 && j >= 0 && i < nx && j < ny) {
        max = Math.max(max, ++count[j][i]);
      }
    }
    int figW = 480;
    int figH = (int) Math.round(figW * height / width);
    BufferedImage img = canvas(figW, figH);
    Graphics2D g = graphics(img);
    View v = View.fit(width, height, figW, figH, 8);
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        if (count[j][i] == 0) {
          continue;
        }
        double t = Math.sqrt(count[j][i] / max);
        g.setColor(magma(t));
        int px = (int) Math.floor(v.fx(i * cell));
        int py = (int) Math.floor(v.fy(j * cell));
        g.fillRect(px, py, (int) Math.ceil(cell * v.scale()) + 1, (int) Math.ceil(cell * v.scale()) + 1);
      }
    }
    drawZones(g, v, zones, arena, false);
    g.dispose();
    return img;
  }

  private static Color magma(double t) {
    // white -> orange -> purple -> black, a perceptually ordered ramp
    double[][] stops = {{1, 1, 1}, {0.99, 0.75, 0.42}, {0.87, 0.32, 0.38}, {0.45, 0.12, 0.51}, {0.05, 0.03, 0.18}};
    double s = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    int k = Math.min(stops.length - 2, (int) s);
    double u = s - k;
    return new Color((float) (stops[k][0] + u * (stops[k + 1][0] - stops[k][0])),
        (float) (stops[k][1] + u * (stops[k + 1][1] - stops[k][1])),
        (float) (stops[k][2] + u * (stops[k + 1][2] - stops[k][2])));
  }

  /** A line over time with axes; an optional dashed horizontal threshold. */
  static BufferedImage timeSeries(double[] v, double fps, String yLabel, double threshold) {
    int w = 720;
    int h = 200;
    int left = 56, right = 12, top = 10, bottom = 34;
    BufferedImage img = canvas(w, h);
    Graphics2D g = graphics(img);
    double max = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        max = Math.max(max, d);
      }
    }
    max = max == 0 ? 1 : niceCeil(max);
    double dur = v.length / fps;
    axes(g, left, top, w - left - right, h - top - bottom, dur, max, "time (s)", yLabel);
    g.setColor(PALETTE[0]);
    g.setStroke(new BasicStroke(1f));
    int pw = w - left - right;
    int ph = h - top - bottom;
    if (v.length <= pw) {
      for (int f = 1; f < v.length; f++) {
        if (!Double.isNaN(v[f - 1]) && !Double.isNaN(v[f])) {
          g.drawLine(left + (int) Math.round((f - 1) / fps / dur * pw), top + ph - (int) Math.round(Math.min(v[f - 1], max) / max * ph),
              left + (int) Math.round(f / fps / dur * pw), top + ph - (int) Math.round(Math.min(v[f], max) / max * ph));
        }
      }
    }
    // long videos: one vertical segment (min..max) per horizontal pixel keeps them readable
    int cols = v.length <= pw ? 0 : pw;
    for (int c = 0; c < cols; c++) {
      int a = (int) ((long) c * v.length / cols);
      int b = (int) Math.max(a + 1, (long) (c + 1) * v.length / cols);
      double lo = Double.NaN, hi = Double.NaN;
      for (int f = a; f < Math.min(b, v.length); f++) {
        if (!Double.isNaN(v[f])) {
          lo = Double.isNaN(lo) ? v[f] : Math.min(lo, v[f]);
          hi = Double.isNaN(hi) ? v[f] : Math.max(hi, v[f]);
        }
      }
      if (!Double.isNaN(lo)) {
        int y0 = top + ph - (int) Math.round(Math.min(hi, max) / max * ph);
        int y1 = top + ph - (int) Math.round(Math.min(lo, max) / max * ph);
        g.drawLine(left + c, y0, left + c, Math.max(y0, y1));
      }
    }
    if (!Double.isNaN(threshold) && threshold < max) {
      g.setColor(PALETTE[3]);
      g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
      int ty = top + ph - (int) Math.round(threshold / max * ph);
      g.drawLine(left, ty, left + pw, ty);
    }
    g.dispose();
    return img;
  }

  /** One row per state, a bar where the state holds. */
  static BufferedImage ethogram(Map<String, boolean[]> states, double fps) {
    int rowH = 18;
    int left = 170, right = 12, top = 8, bottom = 34;
    int w = 720;
    int h = top + bottom + rowH * Math.max(1, states.size());
    BufferedImage img = canvas(w, h);
    Graphics2D g = graphics(img);
    int pw = w - left - right;
    int row = 0;
    int n = 0;
    for (Map.Entry<String, boolean[]> e : states.entrySet()) {
      boolean[] s = e.getValue();
      n = s.length;
      int y = top + row * rowH;
      g.setColor(Color.DARK_GRAY);
      g.drawString(e.getKey(), 6, y + rowH - 5);
      g.setColor(PALETTE[row % PALETTE.length]);
      for (int c = 0; c < pw; c++) {
        int a = (int) ((long) c * s.length / pw);
        int b = (int) Math.max(a + 1, (long) (c + 1) * s.length / pw);
        boolean any = false;
        for (int f = a; f < Math.min(b, s.length) && !any; f++) {
          any = s[f];
        }
        if (any) {
          g.drawLine(left + c, y + 3, left + c, y + rowH - 3);
        }
      }
      row++;
    }
    g.setColor(Color.DARK_GRAY);
    int axisY = top + rowH * Math.max(1, states.size());
    g.drawLine(left, axisY, left + pw, axisY);
    double dur = n / fps;
    double step = niceStep(dur / 6);
    for (double t = 0; t <= dur + 1e-9; t += step) {
      int x = left + (int) Math.round(t / dur * pw);
      g.drawLine(x, axisY, x, axisY + 4);
      g.drawString(fmt(t), x - 8, axisY + 16);
    }
    g.drawString("time (s)", left + pw / 2 - 20, axisY + 30);
    g.dispose();
    return img;
  }

  /** Per group, each video's value as a dot and the mean as a bar. */
  static BufferedImage groupDots(String metric, List<String> groups, List<double[]> values) {
    int w = 360, h = 220;
    int left = 56, right = 12, top = 22, bottom = 34;
    BufferedImage img = canvas(w, h);
    Graphics2D g = graphics(img);
    double max = 0;
    for (double[] v : values) {
      for (double d : v) {
        if (!Double.isNaN(d)) {
          max = Math.max(max, d);
        }
      }
    }
    max = max <= 0 ? 1 : niceCeil(max);
    int pw = w - left - right, ph = h - top - bottom;
    g.setColor(Color.DARK_GRAY);
    g.drawString(metric, left, 14);
    g.drawLine(left, top, left, top + ph);
    g.drawLine(left, top + ph, left + pw, top + ph);
    for (int k = 0; k <= 4; k++) {
      double val = max * k / 4;
      int y = top + ph - (int) Math.round(val / max * ph);
      g.drawLine(left - 4, y, left, y);
      g.drawString(fmt(val), 4, y + 4);
    }
    java.util.Random jitter = new java.util.Random(1);
    for (int gi = 0; gi < groups.size(); gi++) {
      int cx = left + (int) Math.round((gi + 0.5) * pw / groups.size());
      g.setColor(Color.DARK_GRAY);
      g.drawString(groups.get(gi), cx - g.getFontMetrics().stringWidth(groups.get(gi)) / 2, top + ph + 16);
      double sum = 0;
      int cnt = 0;
      g.setColor(PALETTE[gi % PALETTE.length]);
      for (double d : values.get(gi)) {
        if (Double.isNaN(d)) {
          continue;
        }
        sum += d;
        cnt++;
        int y = top + ph - (int) Math.round(d / max * ph);
        int jx = cx + (int) Math.round((jitter.nextDouble() - 0.5) * 24);
        g.fillOval(jx - 3, y - 3, 7, 7);
      }
      if (cnt > 0) {
        int y = top + ph - (int) Math.round(sum / cnt / max * ph);
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(Color.BLACK);
        g.drawLine(cx - 20, y, cx + 20, y);
        g.setStroke(new BasicStroke(1f));
      }
    }
    g.dispose();
    return img;
  }

  private static void axes(Graphics2D g, int left, int top, int pw, int ph, double xMax, double yMax, String xLabel, String yLabel) {
    g.setColor(Color.DARK_GRAY);
    g.drawLine(left, top, left, top + ph);
    g.drawLine(left, top + ph, left + pw, top + ph);
    double xs = niceStep(xMax / 6);
    for (double t = 0; t <= xMax + 1e-9; t += xs) {
      int x = left + (int) Math.round(t / xMax * pw);
      g.drawLine(x, top + ph, x, top + ph + 4);
      g.drawString(fmt(t), x - 8, top + ph + 16);
    }
    for (int k = 0; k <= 4; k++) {
      double val = yMax * k / 4;
      int y = top + ph - (int) Math.round(val / yMax * ph);
      g.drawLine(left - 4, y, left, y);
      g.drawString(fmt(val), 4, y + 4);
    }
    g.drawString(xLabel, left + pw / 2 - 20, top + ph + 30);
    g.drawString(yLabel, left + 4, top + 10);
  }

  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  static double niceCeil(double v) {
    double s = niceStep(v / 4);
    return Math.ceil(v / s) * s;
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2g", v);
  }
}

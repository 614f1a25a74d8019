package org.labpose.video.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import java.util.Random;
import org.labpose.core.image.RgbImage;

/**
 * Draws the arena and the animals, then degrades the image as a camera would: a slight blur, a
 * flickering global gain and per-pixel noise. Deterministic for a given seed.
 */
final class SceneRenderer {
  private final SynthConfig cfg;
  private final BufferedImage background;
  private final double[] arena;

  SceneRenderer(SynthConfig cfg) {
    this.cfg = cfg;
    int w = cfg.width();
    int h = cfg.height();
    this.arena = cfg.arena();
    this.background = drawBackground(new Random(cfg.seed() * 7919 + 17));
  }

  /** The floor rectangle {x1, y1, x2, y2} in pixels. */
  double[] arena() {
    return arena.clone();
  }

  private BufferedImage drawBackground(Random rng) {
    int w = cfg.width();
    int h = cfg.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    // Value noise on a coarse grid, bilinearly interpolated: a paper-like floor texture.
    int cell = Math.max(4, Math.min(w, h) / 24);
    int gw = w / cell + 2;
    int gh = h / cell + 2;
    double[] grid = new double[gw * gh];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = rng.nextGaussian();
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double gx = (double) x / cell;
        double gy = (double) y / cell;
        int ix = (int) gx;
        int iy = (int) gy;
        double fx = gx - ix;
        double fy = gy - iy;
        double v = grid[iy * gw + ix] * (1 - fx) * (1 - fy) + grid[iy * gw + ix + 1] * fx * (1 - fy)
            + grid[(iy + 1) * gw + ix] * (1 - fx) * fy + grid[(iy + 1) * gw + ix + 1] * fx * fy;
        boolean floor = x >= arena[0] && x < arena[2] && y >= arena[1] && y < arena[3];
        double base = floor ? 198 + 9 * v : 112 + 6 * v;
        int i = (y * w + x) * 3;
        px[i] = (byte) clamp(base - 4);
        px[i + 1] = (byte) clamp(base);
        px[i + 2] = (byte) clamp(base + 2);
      }
    }
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(90, 90, 96));
    g.setStroke(new BasicStroke((float) Math.max(2, 0.012 * Math.min(w, h))));
    g.draw(new java.awt.geom.Rectangle2D.Double(arena[0], arena[1], arena[2] - arena[0], arena[3] - arena[1]));
    g.dispose();
    return img;
  }

  /** Renders one frame. */
  RgbImage render(int frame, List<MousePose> poses) {
    int w = cfg.width();
    int h = cfg.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.drawImage(background, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    for (MousePose p : poses) {
      drawMouse(g, p);
    }
    g.dispose();
    return degrade(frame, img);
  }

  private static void drawMouse(Graphics2D g, MousePose p) {
    double len = p.length();
    double[] tb = p.tailbase();
    // Tail: a swaying curve behind the tail base, tapering.
    double back = p.heading() + Math.PI;
    double sway = 0.5 * Math.sin(p.tailPhase()) - 0.6 * p.bend();
    double tl = 0.9 * len;
    double c1x = tb[0] + 0.35 * tl * Math.cos(back + 0.4 * sway);
    double c1y = tb[1] + 0.35 * tl * Math.sin(back + 0.4 * sway);
    double c2x = tb[0] + 0.7 * tl * Math.cos(back - 0.3 * sway);
    double c2y = tb[1] + 0.7 * tl * Math.sin(back - 0.3 * sway);
    double ex = tb[0] + tl * Math.cos(back + sway);
    double ey = tb[1] + tl * Math.sin(back + sway);
    Path2D.Double tail = new Path2D.Double();
    tail.moveTo(tb[0], tb[1]);
    tail.curveTo(c1x, c1y, c2x, c2y, ex, ey);
    g.setColor(new Color(150, 118, 118));
    g.setStroke(new BasicStroke((float) (0.045 * len), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(tail);

    // Body: an ellipse from tail base to neck.
    AffineTransform saved = g.getTransform();
    double bh = p.bodyHalf();
    double bw = 0.19 * len / Math.sqrt(p.stretch());
    g.translate(p.x(), p.y());
    g.rotate(p.heading());
    g.setColor(new Color(52, 48, 48));
    g.fill(new Ellipse2D.Double(-bh - 0.06 * len, -bw, 2 * bh + 0.16 * len, 2 * bw));
    g.setTransform(saved);

    // Head: an ellipse from the neck to the snout, turned by the bend.
    double[] n = p.neck();
    double hl = p.headLength();
    g.translate(n[0], n[1]);
    g.rotate(p.headHeading());
    g.setColor(new Color(68, 62, 62));
    Path2D.Double head = new Path2D.Double();
    head.moveTo(hl, 0);
    head.curveTo(0.7 * hl, 0.16 * len, -0.1 * hl, 0.17 * len, -0.15 * hl, 0);
    head.curveTo(-0.1 * hl, -0.17 * len, 0.7 * hl, -0.16 * len, hl, 0);
    g.fill(head);
    g.setColor(new Color(205, 150, 150));
    g.fill(new Ellipse2D.Double(hl - 0.04 * len, -0.025 * len, 0.05 * len, 0.05 * len));
    g.setTransform(saved);

    // Ears: pink discs at the ear keypoints.
    double r = 0.07 * len;
    for (int side : new int[] {+1, -1}) {
      double[] e = p.ear(side);
      g.setColor(new Color(188, 128, 128));
      g.fill(new Ellipse2D.Double(e[0] - r, e[1] - r, 2 * r, 2 * r));
      g.setColor(new Color(120, 80, 80));
      g.fill(new Ellipse2D.Double(e[0] - 0.45 * r, e[1] - 0.45 * r, 0.9 * r, 0.9 * r));
    }
  }

  private RgbImage degrade(int frame, BufferedImage img) {
    int w = cfg.width();
    int h = cfg.height();
    byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    byte[] out = new byte[w * h * 3];
    Random rng = new Random(cfg.seed() * 1_000_003L + frame);
    double t = frame / cfg.fps();
    double gain = 1 + 0.04 * Math.sin(2 * Math.PI * t / 3.7) + 0.01 * rng.nextGaussian();
    int[] k = {1, 2, 1};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double noise = cfg.noise() * rng.nextGaussian();
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          int wsum = 0;
          for (int dy = -1; dy <= 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) {
              continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
              int xx = x + dx;
              if (xx < 0 || xx >= w) {
                continue;
              }
              int wt = k[dy + 1] * k[dx + 1];
              sum += wt * (src[(yy * w + xx) * 3 + c] & 0xff);
              wsum += wt;
            }
          }
          // src is BGR; out is RGB
          out[(y * w + x) * 3 + (2 - c)] = (byte) clamp(gain * sum / wsum + noise);
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}

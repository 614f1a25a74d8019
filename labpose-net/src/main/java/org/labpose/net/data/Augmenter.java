package org.labpose.net.data;

import java.util.Random;
import org.labpose.core.image.RgbImage;

/**
 * Turns a sample into a network input crop: a random affine transform (rotation about the crop
 * centre, zoom, optional mirror), a crop of {@code size × size} pixels around the animal, and
 * photometric changes; the keypoints move with the image exactly. Output pixels are normalised
 * per channel with ImageNet's mean and standard deviation, channels first (3 × size × size).
 */
public final class Augmenter {
  /** ImageNet mean (R, G, B) in grey levels. */
  public static final float[] MEAN = {123.675f, 116.28f, 103.53f};
  /** ImageNet standard deviation (R, G, B) in grey levels. */
  public static final float[] STD = {58.395f, 57.12f, 57.375f};

  private final AugmentConfig cfg;
  private final int size;
  private final int[] mirrorOf;
  private final float[] mean;
  private final float[] std;
  private int[] animalOf;

  /** One augmented crop: the input and the keypoints in crop pixels (NaN when missing). */
  public record Crop(float[] pixels, double[] xy, int size) {}

  /**
   * @param cfg augmentation settings
   * @param size crop side in pixels
   * @param mirrorOf for each keypoint slot, the slot it becomes in a mirrored image (null: no mirroring)
   */
  public Augmenter(AugmentConfig cfg, int size, int[] mirrorOf) {
    this(cfg, size, mirrorOf, MEAN, STD);
  }

  /** As above, with the input normalisation of the network's weights (grey levels, R, G, B). */
  public Augmenter(AugmentConfig cfg, int size, int[] mirrorOf, float[] mean, float[] std) {
    this.cfg = cfg;
    this.size = size;
    this.mirrorOf = mirrorOf;
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /**
   * Crops around one animal at a time: {@code animalOf[slot]} is the animal a keypoint slot belongs to
   * (-1 for unique bodyparts); each crop is centred on a randomly chosen labelled animal (neighbours
   * near it are in the crop too). Returns this augmenter.
   */
  public Augmenter aroundAnimals(int[] animalOf) {
    this.animalOf = animalOf == null ? null : animalOf.clone();
    return this;
  }

  /**
   * The 2×3 affine matrix {a, b, c, d, e, f} that maps a source point (x, y) to the crop: (a x + b y + c,
   * d x + e y + f).
   */
  static double[] affine(double cx, double cy, double angleDeg, double scale, boolean mirror, int size) {
    double t = Math.toRadians(angleDeg);
    double cos = Math.cos(t) * scale;
    double sin = Math.sin(t) * scale;
    double m = mirror ? -1 : 1;
    // crop = R·S·M·(p - c) + size/2
    double a = cos * m;
    double b = -sin;
    double d = sin * m;
    double e = cos;
    double half = size / 2.0;
    return new double[] {a, b, half - a * cx - b * cy, d, e, half - d * cx - e * cy};
  }

  /** Augments one sample with the given random source. */
  public Crop apply(Sample s, Random rng) {
    RgbImage img = s.image();
    double[] xy = s.xy();
    int k = xy.length / 2;
    // crop centre: the animal's keypoint centre (or anywhere), jittered
    double cx = img.width() / 2.0;
    double cy = img.height() / 2.0;
    int n = 0;
    double sx = 0;
    double sy = 0;
    int focus = -1;
    if (animalOf != null) {
      java.util.TreeSet<Integer> labelled = new java.util.TreeSet<>();
      for (int i = 0; i < k; i++) {
        if (!Double.isNaN(xy[2 * i]) && animalOf[i] >= 0) {
          labelled.add(animalOf[i]);
        }
      }
      if (!labelled.isEmpty()) {
        focus = new java.util.ArrayList<>(labelled).get(rng.nextInt(labelled.size()));
      }
    }
    for (int i = 0; i < k; i++) {
      if (!Double.isNaN(xy[2 * i]) && (focus < 0 || animalOf[i] == focus)) {
        sx += xy[2 * i];
        sy += xy[2 * i + 1];
        n++;
      }
    }
    if (n > 0 && rng.nextDouble() >= cfg.randomCrop()) {
      cx = sx / n + (2 * rng.nextDouble() - 1) * cfg.cropJitter();
      cy = sy / n + (2 * rng.nextDouble() - 1) * cfg.cropJitter();
    } else if (cfg.randomCrop() > 0) {
      cx = rng.nextDouble() * img.width();
      cy = rng.nextDouble() * img.height();
    }
    double angle = (2 * rng.nextDouble() - 1) * cfg.rotation();
    double scale = cfg.scaleMin() + rng.nextDouble() * (cfg.scaleMax() - cfg.scaleMin());
    boolean mirror = mirrorOf != null && rng.nextDouble() < cfg.mirror();
    double[] m = affine(cx, cy, angle, scale, mirror, size);

    double[] out = new double[xy.length];
    for (int i = 0; i < k; i++) {
      int dst = mirror ? mirrorOf[i] : i;
      double x = xy[2 * i];
      double y = xy[2 * i + 1];
      if (Double.isNaN(x)) {
        out[2 * dst] = Double.NaN;
        out[2 * dst + 1] = Double.NaN;
      } else {
        out[2 * dst] = m[0] * x + m[1] * y + m[2];
        out[2 * dst + 1] = m[3] * x + m[4] * y + m[5];
      }
    }
    float[] px = warp(img, m, size);
    photometric(px, rng);
    normalise(px, mean, std);
    return new Crop(px, out, size);
  }

  /** Samples the source through the inverse of {@code m} (bilinear; outside the image: edge colour). */
  static float[] warp(RgbImage img, double[] m, int size) {
    double det = m[0] * m[4] - m[1] * m[3];
    double ia = m[4] / det;
    double ib = -m[1] / det;
    double id = -m[3] / det;
    double ie = m[0] / det;
    int w = img.width();
    int h = img.height();
    byte[] src = img.data();
    int plane = size * size;
    float[] out = new float[3 * plane];
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double du = u - m[2];
        double dv = v - m[5];
        double x = ia * du + ib * dv;
        double y = id * du + ie * dv;
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        int o = v * size + u;
        int i00 = (y0 * w + x0) * 3;
        int i01 = (y0 * w + x1) * 3;
        int i10 = (y1 * w + x0) * 3;
        int i11 = (y1 * w + x1) * 3;
        for (int c = 0; c < 3; c++) {
          double top = (src[i00 + c] & 0xff) * (1 - fx) + (src[i01 + c] & 0xff) * fx;
          double bot = (src[i10 + c] & 0xff) * (1 - fx) + (src[i11 + c] & 0xff) * fx;
          out[c * plane + o] = (float) (top * (1 - fy) + bot * fy);
        }
      }
    }
    return out;
  }

  private void photometric(float[] px, Random rng) {
    int plane = size * size;
    double gain = 1 + (2 * rng.nextDouble() - 1) * cfg.contrast();
    double shift = (2 * rng.nextDouble() - 1) * cfg.brightness();
    double sigma = rng.nextDouble() * cfg.noise();
    if (rng.nextDouble() < cfg.motionBlur()) {
      motionBlur(px, 3 + 2 * rng.nextInt(3), rng.nextBoolean());
    }
    if (rng.nextDouble() < cfg.occlusion()) {
      int ow = size / 8 + rng.nextInt(size / 4);
      int oh = size / 8 + rng.nextInt(size / 4);
      int ox = rng.nextInt(size - ow);
      int oy = rng.nextInt(size - oh);
      float grey = (float) (rng.nextDouble() * 255);
      for (int c = 0; c < 3; c++) {
        for (int y = oy; y < oy + oh; y++) {
          for (int x = ox; x < ox + ow; x++) {
            px[c * plane + y * size + x] = grey;
          }
        }
      }
    }
    if (gain == 1 && shift == 0 && sigma == 0) {
      return;
    }
    for (int i = 0; i < plane; i++) {
      double noise = sigma > 0 ? sigma * rng.nextGaussian() : 0;
      for (int c = 0; c < 3; c++) {
        int j = c * plane + i;
        double v = (px[j] - 128) * gain + 128 + shift + noise;
        px[j] = (float) Math.max(0, Math.min(255, v));
      }
    }
  }

  private void motionBlur(float[] px, int len, boolean horizontal) {
    int plane = size * size;
    float[] tmp = new float[plane];
    int half = len / 2;
    for (int c = 0; c < 3; c++) {
      int base = c * plane;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          float sum = 0;
          for (int t = -half; t <= half; t++) {
            int xx = horizontal ? Math.max(0, Math.min(size - 1, x + t)) : x;
            int yy = horizontal ? y : Math.max(0, Math.min(size - 1, y + t));
            sum += px[base + yy * size + xx];
          }
          tmp[y * size + x] = sum / len;
        }
      }
      System.arraycopy(tmp, 0, px, base, plane);
    }
  }

  /** Subtracts the mean and divides by the standard deviation, per channel, in place. */
  public static void normalise(float[] px, float[] means, float[] stds) {
    int plane = px.length / 3;
    for (int c = 0; c < 3; c++) {
      float mean = means[c];
      float inv = 1f / stds[c];
      for (int i = c * plane, e = (c + 1) * plane; i < e; i++) {
        px[i] = (px[i] - mean) * inv;
      }
    }
  }
}

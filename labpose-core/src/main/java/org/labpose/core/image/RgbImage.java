package org.labpose.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB image: {@code height} rows of {@code width} pixels, row-major from the top-left
 * corner (x right, y down), three bytes per pixel in R, G, B order, no padding. The pixel array
 * is owned by the image and exposed for fast access; callers that keep it must not share it.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final byte[] rgb;

  /**
   * @param width pixels
   * @param height pixels
   * @param rgb {@code width * height * 3} bytes, taken over (not copied)
   */
  public RgbImage(int width, int height, byte[] rgb) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    Objects.requireNonNull(rgb, "rgb");
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + rgb.length);
    }
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** A black image. */
  public static RgbImage black(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixels (R, G, B per pixel, row-major); the array itself, not a copy. */
  public byte[] data() {
    return rgb;
  }

  /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
  public int get(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xff;
  }

  /** Packed {@code 0xRRGGBB} of pixel (x, y). */
  public int rgb(int x, int y) {
    int i = (y * width + x) * 3;
    return ((rgb[i] & 0xff) << 16) | ((rgb[i + 1] & 0xff) << 8) | (rgb[i + 2] & 0xff);
  }

  /** A deep copy. */
  public RgbImage copy() {
    return new RgbImage(width, height, rgb.clone());
  }

  /** The sub-image {@code [x1, x2) × [y1, y2)} (a copy). */
  public RgbImage crop(int x1, int x2, int y1, int y2) {
    if (x1 < 0 || y1 < 0 || x2 > width || y2 > height || x2 <= x1 || y2 <= y1) {
      throw new IllegalArgumentException("crop " + x1 + ", " + x2 + ", " + y1 + ", " + y2 + " outside a " + width + "x" + height + " image");
    }
    int w = x2 - x1;
    byte[] out = new byte[w * (y2 - y1) * 3];
    for (int y = y1; y < y2; y++) {
      System.arraycopy(rgb, (y * width + x1) * 3, out, (y - y1) * w * 3, w * 3);
    }
    return new RgbImage(w, y2 - y1, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RgbImage i && i.width == width && i.height == height && Arrays.equals(i.rgb, rgb);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(rgb);
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + "]";
  }
}

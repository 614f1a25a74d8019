package org.labpose.video.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/** Image files and conversions between {@link RgbImage} and Java2D. */
public final class Images {
  private Images() {}

  /**
   * Reads a PNG or JPEG as RGB (grey and alpha images are converted).
   *
   * @throws InputFormatException when the file is missing or not a readable image
   */
  public static RgbImage read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "image not found");
    }
    BufferedImage b;
    try {
      b = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new InputFormatException(file, null, "unreadable image (" + e.getMessage() + ")", e);
    }
    if (b == null) {
      throw new InputFormatException(file, null, "not a PNG or JPEG image");
    }
    return fromBuffered(b);
  }

  /** Writes a PNG atomically. */
  public static void writePng(RgbImage img, Path file) throws IOException {
    BufferedImage b = toBuffered(img);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(b, "png", out)) {
        throw new IOException("no PNG writer");
      }
    });
  }

  /** A Java2D image of type {@code TYPE_3BYTE_BGR} with the same pixels. */
  public static BufferedImage toBuffered(RgbImage img) {
    BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
    byte[] src = img.data();
    for (int i = 0; i < src.length; i += 3) {
      dst[i] = src[i + 2];
      dst[i + 1] = src[i + 1];
      dst[i + 2] = src[i];
    }
    return b;
  }

  /** The RGB pixels of any Java2D image. */
  public static RgbImage fromBuffered(BufferedImage b) {
    int w = b.getWidth();
    int h = b.getHeight();
    byte[] out = new byte[w * h * 3];
    if (b.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] src = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < out.length; i += 3) {
        out[i] = src[i + 2];
        out[i + 1] = src[i + 1];
        out[i + 2] = src[i];
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        b.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int p = row[x];
          int i = (y * w + x) * 3;
          out[i] = (byte) (p >> 16);
          out[i + 1] = (byte) (p >> 8);
          out[i + 2] = (byte) p;
        }
      }
    }
    return new RgbImage(w, h, out);
  }
}

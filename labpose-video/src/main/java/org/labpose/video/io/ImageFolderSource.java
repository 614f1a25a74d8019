package org.labpose.video.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;

/**
 * The PNG/JPEG images of a folder as frames, in file-name order (as in {@code labeled-data/} or a
 * time-lapse folder). Frame {@code i} is the {@code i}-th image; images must share one size.
 */
public final class ImageFolderSource implements FrameSource {
  private final Path folder;
  private final List<Path> files;
  private final int width;
  private final int height;
  private int position;

  /**
   * @throws InputFormatException when the folder holds no images or its first image is unreadable
   */
  public ImageFolderSource(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new InputFormatException(folder, null, "not a folder of images");
    }
    this.folder = folder;
    try (Stream<Path> s = Files.list(folder)) {
      this.files = s.filter(ImageFolderSource::isImage).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new InputFormatException(folder, null, "no PNG or JPEG images here");
    }
    RgbImage first = Images.read(files.get(0));
    this.width = first.width();
    this.height = first.height();
  }

  static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }

  /** The image files in frame order. */
  public List<Path> files() {
    return files;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public double fps() {
    return Double.NaN;
  }

  @Override
  public int frameCount() {
    return files.size();
  }

  @Override
  public int position() {
    return position;
  }

  @Override
  public RgbImage next() throws IOException {
    if (position >= files.size()) {
      return null;
    }
    return read(position);
  }

  @Override
  public RgbImage read(int index) throws IOException {
    if (index < 0 || index >= files.size()) {
      throw new InputFormatException(folder, "frame " + index, "no such image (the folder holds " + files.size() + ")");
    }
    Path f = files.get(index);
    RgbImage img = Images.read(f);
    if (img.width() != width || img.height() != height) {
      throw new InputFormatException(f, null, "image is " + img.width() + "x" + img.height() + ", expected " + width + "x" + height + " like the folder's first image");
    }
    position = index + 1;
    return img;
  }

  @Override
  public String name() {
    return folder.toString();
  }

  @Override
  public void close() {
    // nothing held open
  }
}

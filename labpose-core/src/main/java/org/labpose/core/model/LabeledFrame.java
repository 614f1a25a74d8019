package org.labpose.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled image: its path relative to the project (forward slashes, e.g. {@code
 * labeled-data/m4s1/img0005.png}) and an (x, y) per keypoint of the owning {@link LabelSet}'s
 * layout, in pixels from the top-left corner of the image (x right, y down); a missing point has
 * both coordinates {@code NaN}. Immutable: the {@code with} methods return changed copies.
 */
public final class LabeledFrame {
  private final String imagePath;
  private final KeypointLayout layout;
  private final double[] xy;

  /**
   * @param imagePath project-relative image path with forward slashes
   * @param layout keypoint slots
   * @param xy 2 values per slot (x then y), copied; NaN for missing
   */
  public LabeledFrame(String imagePath, KeypointLayout layout, double[] xy) {
    this.imagePath = Objects.requireNonNull(imagePath, "imagePath").replace('\\', '/');
    this.layout = Objects.requireNonNull(layout, "layout");
    if (xy.length != 2 * layout.size()) {
      throw new IllegalArgumentException(
          "expected " + 2 * layout.size() + " coordinates, got " + xy.length);
    }
    this.xy = xy.clone();
    for (int i = 0; i < layout.size(); i++) {
      if (Double.isNaN(this.xy[2 * i]) || Double.isNaN(this.xy[2 * i + 1])) {
        this.xy[2 * i] = Double.NaN;
        this.xy[2 * i + 1] = Double.NaN;
      }
    }
  }

  /** A frame with every point missing. */
  public static LabeledFrame empty(String imagePath, KeypointLayout layout) {
    double[] xy = new double[2 * layout.size()];
    Arrays.fill(xy, Double.NaN);
    return new LabeledFrame(imagePath, layout, xy);
  }

  /** Project-relative image path with forward slashes. */
  public String imagePath() {
    return imagePath;
  }

  /** The image file name, e.g. {@code img0005.png}. */
  public String imageName() {
    int i = imagePath.lastIndexOf('/');
    return i < 0 ? imagePath : imagePath.substring(i + 1);
  }

  /** The keypoint slots. */
  public KeypointLayout layout() {
    return layout;
  }

  /** x in pixels, NaN when missing. */
  public double x(KeypointId k) {
    return xy[2 * layout.require(k)];
  }

  /** y in pixels, NaN when missing. */
  public double y(KeypointId k) {
    return xy[2 * layout.require(k) + 1];
  }

  /** True when the keypoint has no label in this frame. */
  public boolean isMissing(KeypointId k) {
    return Double.isNaN(x(k));
  }

  /** Number of labelled (non-missing) keypoints. */
  public int labelledCount() {
    int n = 0;
    for (int i = 0; i < layout.size(); i++) {
      if (!Double.isNaN(xy[2 * i])) {
        n++;
      }
    }
    return n;
  }

  /** A copy with one keypoint set (NaN marks it missing). */
  public LabeledFrame with(KeypointId k, double x, double y) {
    double[] c = xy.clone();
    int i = layout.require(k);
    c[2 * i] = x;
    c[2 * i + 1] = y;
    return new LabeledFrame(imagePath, layout, c);
  }

  /** A copy with a different image path. */
  public LabeledFrame withImagePath(String path) {
    return new LabeledFrame(path, layout, xy);
  }

  /** All coordinates as x0, y0, x1, y1... in layout order (a copy). */
  public double[] coordinates() {
    return xy.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledFrame f
        && f.imagePath.equals(imagePath)
        && f.layout.equals(layout)
        && Arrays.equals(f.xy, xy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(imagePath, layout, Arrays.hashCode(xy));
  }

  @Override
  public String toString() {
    return "LabeledFrame[" + imagePath + ", " + labelledCount() + "/" + layout.size() + " points]";
  }
}

package org.labpose.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Predicted poses over a video: for each frame (0-based index) and each keypoint slot, x and y in
 * pixels (origin top-left, x right, y down) and a likelihood in [0, 1]; NaN marks a missing value.
 * Values are reached by name ({@link KeypointId}); the storage layout is private.
 *
 * <p>Mutable through {@link #set}; not thread-safe.
 */
public final class PoseTable {
  private final String scorer;
  private final KeypointLayout layout;
  private final int frameCount;
  private final double[] data; // [frame][keypoint][x, y, likelihood]

  /** A table of {@code frameCount} frames with every value NaN. */
  public PoseTable(String scorer, KeypointLayout layout, int frameCount) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.layout = Objects.requireNonNull(layout, "layout");
    if (frameCount < 0) {
      throw new IllegalArgumentException("negative frame count " + frameCount);
    }
    this.frameCount = frameCount;
    this.data = new double[Math.multiplyExact(frameCount, 3 * layout.size())];
    Arrays.fill(data, Double.NaN);
  }

  /** The scorer (network name) written in the first header row. */
  public String scorer() {
    return scorer;
  }

  public KeypointLayout layout() {
    return layout;
  }

  /** Number of frames (rows). */
  public int frameCount() {
    return frameCount;
  }

  private int at(int frame, KeypointId k) {
    Objects.checkIndex(frame, frameCount);
    return (frame * layout.size() + layout.require(k)) * 3;
  }

  /** x in pixels, NaN when missing. */
  public double x(int frame, KeypointId k) {
    return data[at(frame, k)];
  }

  /** y in pixels, NaN when missing. */
  public double y(int frame, KeypointId k) {
    return data[at(frame, k) + 1];
  }

  /** Likelihood in [0, 1], NaN when missing. */
  public double likelihood(int frame, KeypointId k) {
    return data[at(frame, k) + 2];
  }

  /** Sets one keypoint of one frame. */
  public void set(int frame, KeypointId k, double x, double y, double likelihood) {
    int i = at(frame, k);
    data[i] = x;
    data[i + 1] = y;
    data[i + 2] = likelihood;
  }

  /** The x series of one keypoint over all frames (a copy). */
  public double[] xSeries(KeypointId k) {
    return series(k, 0);
  }

  /** The y series of one keypoint over all frames (a copy). */
  public double[] ySeries(KeypointId k) {
    return series(k, 1);
  }

  /** The likelihood series of one keypoint over all frames (a copy). */
  public double[] likelihoodSeries(KeypointId k) {
    return series(k, 2);
  }

  private double[] series(KeypointId k, int c) {
    int j = layout.require(k);
    double[] s = new double[frameCount];
    for (int f = 0; f < frameCount; f++) {
      s[f] = data[(f * layout.size() + j) * 3 + c];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoseTable t
        && t.scorer.equals(scorer)
        && t.layout.equals(layout)
        && t.frameCount == frameCount
        && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scorer, layout, frameCount);
  }

  @Override
  public String toString() {
    return "PoseTable[" + scorer + ", " + frameCount + " frames, " + layout.size() + " keypoints]";
  }
}

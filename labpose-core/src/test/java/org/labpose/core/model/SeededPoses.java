package org.labpose.core.model;

import java.util.Random;

/** Seeded pose tables for format tests: uniform points in a frame, likelihoods in [0, 1], some missing. */
public final class SeededPoses {
  private SeededPoses() {}

  /**
   * A table of {@code frames} frames whose every {@code missingEvery}-th point (counted over frames
   * and keypoints, from {@code missingAt}) is missing.
   *
   * @param width frame width, px
   * @param height frame height, px
   */
  public static PoseTable table(String scorer, KeypointLayout layout, int frames, long seed, int missingEvery, int missingAt, double width,
      double height) {
    Random r = new Random(seed);
    PoseTable t = new PoseTable(scorer, layout, frames);
    int i = 0;
    for (int f = 0; f < frames; f++) {
      for (KeypointId k : layout.keypoints()) {
        if (i++ % missingEvery != missingAt) {
          t.set(f, k, r.nextDouble() * width, r.nextDouble() * height, r.nextDouble());
        }
      }
    }
    return t;
  }
}

package org.labpose.multianimal.track;

/**
 * Settings of the {@link Stitcher}, with DeepLabCut's defaults.
 *
 * @param tracks number of animals (tracks) to make
 * @param minLength tracklets shorter than this (frames) are set aside and put back after stitching; at least 3
 * @param splitAtGaps split tracklets where frames are missing (a missing frame often marks a swap)
 * @param prestitchResiduals join short tracklets that follow each other within 5 frames before putting them back
 * @param maxGap longest gap in frames two tracklets may be joined across; 0 chooses 1.5 times the
 *     largest gap between a tracklet and the one nearest after it
 */
public record StitchParams(int tracks, int minLength, boolean splitAtGaps, boolean prestitchResiduals, int maxGap) {
  public StitchParams {
    if (tracks < 1) {
      throw new IllegalArgumentException("the number of tracks must be at least 1, got " + tracks);
    }
    if (minLength < 3) {
      throw new IllegalArgumentException("the minimal tracklet length must be at least 3 frames, got " + minLength);
    }
    if (maxGap < 0) {
      throw new IllegalArgumentException("the maximal gap must not be negative, got " + maxGap);
    }
  }

  /** DeepLabCut's defaults: tracklets of 10 frames or more stitched, split at gaps, gap chosen from the data. */
  public static StitchParams defaults(int tracks) {
    return new StitchParams(tracks, 10, true, true, 0);
  }

  /** The same settings with another maximal gap (0 = automatic). */
  public StitchParams withMaxGap(int gap) {
    return new StitchParams(tracks, minLength, splitAtGaps, prestitchResiduals, gap);
  }

  /** The same settings with another minimal tracklet length. */
  public StitchParams withMinLength(int length) {
    return new StitchParams(tracks, length, splitAtGaps, prestitchResiduals, maxGap);
  }
}

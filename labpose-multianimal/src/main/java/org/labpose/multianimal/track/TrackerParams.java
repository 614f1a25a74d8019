package org.labpose.multianimal.track;

/**
 * Settings of the frame-to-frame {@link Tracker} (the config's {@code tracking} section).
 *
 * @param maxAge a track not matched for more than this many frames ends
 * @param minHits tracklets with fewer detections than this are dropped as noise
 * @param iouThreshold a detection joins a track only when their boxes overlap at least this much
 *     (intersection over union, 0..1)
 * @param boxSlack px added on every side of the keypoints' box
 */
public record TrackerParams(int maxAge, int minHits, double iouThreshold, double boxSlack) {
  public TrackerParams {
    if (maxAge < 1) {
      throw new IllegalArgumentException("tracking max_age must be at least 1 frame, got " + maxAge);
    }
    if (minHits < 1) {
      throw new IllegalArgumentException("tracking min_hits must be at least 1, got " + minHits);
    }
    if (!(iouThreshold >= 0 && iouThreshold < 1)) {
      throw new IllegalArgumentException("tracking iou_threshold must be in [0, 1), got " + iouThreshold);
    }
    if (!(boxSlack >= 0)) {
      throw new IllegalArgumentException("tracking box_slack must not be negative, got " + boxSlack);
    }
  }

  /** Defaults: tracks survive 30 missed frames, need 3 detections, boxes overlap 0.2, 10 px slack. */
  public static TrackerParams defaults() {
    return new TrackerParams(30, 3, 0.2, 10);
  }
}

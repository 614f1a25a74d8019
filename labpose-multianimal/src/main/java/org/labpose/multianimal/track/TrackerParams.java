package org.labpose.multianimal.track;

/**
 * Settings of the frame-to-frame {@link Tracker} (the config's {@code tracking} section).
 *
 * @param maxAge a track not matched for more than this many frames ends
 * @param minHits tracklets with fewer detections than this are dropped as noise
 * @param iouThreshold a detection joins a track only when their boxes overlap at least this much
 *     (intersection over union, 0..1)
 * @param boxSlack px added on every side of the keypoints' box
 * @param method {@code keypoints}: animals are matched to tracks by the mean distance of their
 *     bodyparts to the track's last pose moved by its velocity (tells apart animals whose boxes
 *     overlap, as when two mice lie side by side); {@code box}: by the overlap of boxes (SORT)
 * @param maxDistance with {@code keypoints}: px beyond which an animal does not join a track;
 *     0 = half the track's own size (its box diagonal), at least 10 px
 */
public record TrackerParams(int maxAge, int minHits, double iouThreshold, double boxSlack, String method, double maxDistance) {
  /** SORT's box matching (method {@code box}). */
  public TrackerParams(int maxAge, int minHits, double iouThreshold, double boxSlack) {
    this(maxAge, minHits, iouThreshold, boxSlack, "box", 0);
  }

  public TrackerParams {
    if (!"keypoints".equals(method) && !"box".equals(method)) {
      throw new IllegalArgumentException("tracking method must be keypoints or box, got " + method);
    }
    if (!(maxDistance >= 0)) {
      throw new IllegalArgumentException("tracking max_distance must not be negative, got " + maxDistance);
    }
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

  /**
   * Defaults: keypoint matching within half the animal's size, tracks survive 30 missed frames and
   * need 3 detections (boxes: overlap 0.2 with 10 px slack).
   */
  public static TrackerParams defaults() {
    return new TrackerParams(30, 3, 0.2, 10, "keypoints", 0);
  }

  /** The same settings with another matching method. */
  public TrackerParams withMethod(String m) {
    return new TrackerParams(maxAge, minHits, iouThreshold, boxSlack, m, maxDistance);
  }
}

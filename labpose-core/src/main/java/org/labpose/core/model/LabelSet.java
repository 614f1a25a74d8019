package org.labpose.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Human labels of one scorer: a keypoint layout and the labelled frames, in file order. Image paths
 * are unique. Immutable.
 */
public final class LabelSet {
  private final String scorer;
  private final KeypointLayout layout;
  private final List<LabeledFrame> frames;
  private final Map<String, Integer> byPath;

  /**
   * @param scorer who labelled (DeepLabCut's {@code scorer})
   * @param layout keypoint slots shared by every frame
   * @param frames frames in order; each must use {@code layout}; image paths must be unique
   */
  public LabelSet(String scorer, KeypointLayout layout, List<LabeledFrame> frames) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.frames = List.copyOf(frames);
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < this.frames.size(); i++) {
      LabeledFrame f = this.frames.get(i);
      if (!f.layout().equals(layout)) {
        throw new IllegalArgumentException("frame " + f.imagePath() + " has another layout");
      }
      if (m.put(f.imagePath(), i) != null) {
        throw new IllegalArgumentException("duplicate frame " + f.imagePath());
      }
    }
    this.byPath = m;
  }

  public String scorer() {
    return scorer;
  }

  public KeypointLayout layout() {
    return layout;
  }

  /** Frames in order. */
  public List<LabeledFrame> frames() {
    return frames;
  }

  /** Number of frames. */
  public int size() {
    return frames.size();
  }

  /** The frame with this project-relative image path, or null. */
  public LabeledFrame frame(String imagePath) {
    Integer i = byPath.get(imagePath.replace('\\', '/'));
    return i == null ? null : frames.get(i);
  }

  /** Number of frames in which the keypoint is missing. */
  public int missingCount(KeypointId k) {
    int n = 0;
    for (LabeledFrame f : frames) {
      if (f.isMissing(k)) {
        n++;
      }
    }
    return n;
  }

  /** A copy with the frame added, or replacing the frame with the same image path. */
  public LabelSet withFrame(LabeledFrame frame) {
    List<LabeledFrame> c = new ArrayList<>(frames);
    Integer i = byPath.get(frame.imagePath());
    if (i == null) {
      c.add(frame);
    } else {
      c.set(i, frame);
    }
    return new LabelSet(scorer, layout, c);
  }

  /** Concatenates label sets with the same layout (frames of later sets replace earlier ones). */
  public static LabelSet merge(String scorer, KeypointLayout layout, List<LabelSet> sets) {
    java.util.LinkedHashMap<String, LabeledFrame> all = new java.util.LinkedHashMap<>();
    for (LabelSet s : sets) {
      if (!s.layout.equals(layout)) {
        throw new IllegalArgumentException(
            "label sets disagree on keypoints: " + s.layout + " vs " + layout);
      }
      for (LabeledFrame f : s.frames) {
        all.put(f.imagePath(), f);
      }
    }
    return new LabelSet(scorer, layout, new ArrayList<>(all.values()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSet s
        && s.scorer.equals(scorer)
        && s.layout.equals(layout)
        && s.frames.equals(frames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scorer, layout, frames);
  }

  @Override
  public String toString() {
    return "LabelSet[" + scorer + ", " + frames.size() + " frames, " + layout.size() + " keypoints]";
  }
}

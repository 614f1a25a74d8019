package org.labpose.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts over a label set: frames, labelled points, and missing points per bodypart (summed over
 * individuals in multi-animal data) and per keypoint slot.
 *
 * @param frames number of labelled frames (rows)
 * @param points number of labelled (non-missing) points
 * @param missingByBodypart bodypart → missing points, in layout order
 * @param missingByKeypoint keypoint slot ({@code individual/bodypart} or {@code bodypart}) → missing points
 */
public record LabelStats(int frames, int points, Map<String, Integer> missingByBodypart, Map<String, Integer> missingByKeypoint) {

  /** Counts a label set. */
  public static LabelStats of(LabelSet s) {
    Map<String, Integer> byBp = new LinkedHashMap<>();
    Map<String, Integer> byKey = new LinkedHashMap<>();
    int points = 0;
    for (KeypointId k : s.layout().keypoints()) {
      int miss = s.missingCount(k);
      byBp.merge(k.bodypart(), miss, Integer::sum);
      byKey.put(k.toString(), miss);
      points += s.size() - miss;
    }
    return new LabelStats(s.size(), points, byBp, byKey);
  }

  /** Total missing points. */
  public int missing() {
    return missingByKeypoint.values().stream().mapToInt(Integer::intValue).sum();
  }
}

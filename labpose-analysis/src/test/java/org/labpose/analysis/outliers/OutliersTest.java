package org.labpose.analysis.outliers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class OutliersTest {
  /** A track along x, 2 px a frame; frame 3 unsure, frame 5 without likelihood, frame 7 without x, y. */
  private static PoseTable track() {
    KeypointId k = KeypointId.of("nose");
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(List.of("nose")), 10);
    for (int f = 0; f < 10; f++) {
      t.set(f, k, 2.0 * f, 50, 0.95);
    }
    t.set(3, k, 6, 50, 0.2);
    t.set(5, k, 10, 50, Double.NaN);
    t.set(7, k, Double.NaN, Double.NaN, 0.95);
    return t;
  }

  @Test
  void uncertainFramesFollowTheOneConfidenceRule() {
    // a NaN likelihood is "none recorded" (present); NaN coordinates are missing whatever the likelihood
    assertEquals(List.of(3, 7), Outliers.candidates(track(), Outliers.Algorithm.UNCERTAIN, 0.6, 20, List.of(), List.of()));
  }

  @Test
  void jumpsAreMeasuredBetweenPresentPointsOnly() {
    PoseTable t = track();
    KeypointId k = KeypointId.of("nose");
    t.set(8, k, 100, 50, 0.95);
    // 7 -> 8 is not a jump (7 is missing); 8 -> 9 is (100 px back to 18)
    assertEquals(List.of(9), Outliers.candidates(t, Outliers.Algorithm.JUMP, 0.6, 20, List.of(), List.of()));
  }
}

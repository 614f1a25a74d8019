package org.labpose.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {
  private final KeypointLayout layout = KeypointLayout.singleAnimal(List.of("a", "b"));

  @Test
  void halfMissingPointBecomesMissing() {
    LabeledFrame f = new LabeledFrame("labeled-data/v/img1.png", layout, new double[] {1, Double.NaN, 3, 4});
    assertTrue(f.isMissing(KeypointId.of("a")));
    assertEquals(1, f.labelledCount());
    assertEquals(4.0, f.y(KeypointId.of("b")));
  }

  @Test
  void duplicateImagePathsAreRefused() {
    LabeledFrame f = LabeledFrame.empty("labeled-data/v/img1.png", layout);
    assertThrows(IllegalArgumentException.class, () -> new LabelSet("s", layout, List.of(f, f)));
  }

  @Test
  void mergeKeepsOrderAndLaterFramesWin() {
    LabeledFrame a = LabeledFrame.empty("labeled-data/v/img1.png", layout);
    LabeledFrame b = LabeledFrame.empty("labeled-data/v/img2.png", layout);
    LabeledFrame a2 = a.with(KeypointId.of("a"), 5, 6);
    LabelSet m = LabelSet.merge("s", layout, List.of(new LabelSet("s", layout, List.of(a, b)), new LabelSet("s", layout, List.of(a2))));
    assertEquals(List.of(a2, b), m.frames());
    assertEquals(1, m.missingCount(KeypointId.of("a")));
  }

  @Test
  void multiAnimalLayoutNamesIndividualsAndUniqueParts() {
    KeypointLayout l = KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("nose"), List.of("food"));
    assertEquals(List.of("m1", "m2"), l.individuals());
    assertEquals(List.of("nose"), l.bodyparts());
    assertEquals(List.of("food"), l.uniqueBodyparts());
    assertEquals(3, l.size());
  }
}

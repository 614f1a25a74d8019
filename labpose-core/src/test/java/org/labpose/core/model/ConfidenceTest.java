package org.labpose.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceTest {
  @Test
  void aPointIsPresentWhenItsCoordinatesAreFiniteAndItsLikelihoodReachesTheCutoff() {
    assertTrue(Confidence.present(10, 20, 0.6, 0.6), "at the cutoff");
    assertFalse(Confidence.present(10, 20, 0.59, 0.6), "under it");
    assertTrue(Confidence.present(10, 20, Double.NaN, 0.6), "no likelihood recorded");
    assertFalse(Confidence.present(Double.NaN, 20, 1, 0.6), "no x");
    assertFalse(Confidence.present(10, Double.POSITIVE_INFINITY, 1, 0.6), "infinite y");
    assertFalse(Confidence.present(Double.NaN, Double.NaN, Double.NaN, 0.6), "nothing at all");
    assertTrue(Confidence.present(10, 20, 0, 0), "a cutoff of 0 keeps every located point");
  }

  @Test
  void presentSeriesBlanksEveryPointThatIsNot() {
    KeypointId k = KeypointId.of("nose");
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(List.of("nose")), 4);
    t.set(0, k, 1, 2, 0.9);
    t.set(1, k, 3, 4, 0.1);
    t.set(2, k, 5, 6, Double.NaN);
    t.set(3, k, Double.NaN, 8, 0.9);
    double[][] xy = Confidence.presentSeries(t, k, 0.5);
    assertArrayEquals(new double[] {1, Double.NaN, 5, Double.NaN}, xy[0]);
    assertArrayEquals(new double[] {2, Double.NaN, 6, Double.NaN}, xy[1]);
    assertEquals(0.1, t.likelihood(1, k), "the table is not changed");
  }

  @Test
  void cutoffsOutsideZeroToOneAreRefused() {
    assertEquals(0.3, Confidence.checkPcutoff(0.3));
    assertThrows(IllegalArgumentException.class, () -> Confidence.checkPcutoff(1.5));
    assertThrows(IllegalArgumentException.class, () -> Confidence.checkPcutoff(Double.NaN));
  }
}

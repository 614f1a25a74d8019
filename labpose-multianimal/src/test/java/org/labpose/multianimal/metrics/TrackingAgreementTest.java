package org.labpose.multianimal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingAgreementTest {
  /** Two animals of one keypoint over {@code n} frames: A at y=0, B at y=100, both moving right. */
  private static double[][][][] twoAnimals(int n) {
    double[][][][] xy = new double[2][n][1][2];
    for (int f = 0; f < n; f++) {
      xy[0][f][0] = new double[] {f, 0};
      xy[1][f][0] = new double[] {f, 100};
    }
    return xy;
  }

  @Test
  void identicalTracksArePerfect() {
    TrackSet ref = new TrackSet(List.of("a", "b"), twoAnimals(10));
    TrackingAgreement m = TrackingAgreement.compute(ref, new TrackSet(List.of("x", "y"), twoAnimals(10)), 5);
    assertEquals(1.0, m.mota());
    assertEquals(1.0, m.idf1());
    assertEquals(0, m.switches());
    assertEquals("x", m.perIndividual().get(0).matchedTrack());
    assertEquals(0.0, m.meanErrorPx());
  }

  @Test
  void thePoseErrorIsMeasuredOnCorrespondingAnimals() {
    double[][][][] test = twoAnimals(10);
    for (double[][][] t : test) {
      for (double[][] f : t) {
        f[0][1] += 3; // every tracked point 3 px lower
      }
    }
    TrackingAgreement m = TrackingAgreement.compute(new TrackSet(List.of("a", "b"), twoAnimals(10)), new TrackSet(List.of("x", "y"), test), 5);
    assertEquals(3.0, m.meanErrorPx(), 1e-12);
    TrackingAgreement part = TrackingAgreement.compute(new TrackSet(List.of("a", "b"), twoAnimals(10)).frames(2, 4),
        new TrackSet(List.of("x", "y"), test).frames(2, 4), 5);
    assertEquals(6, part.referenceDetections(), "frames 2..4 of two animals");
  }

  @Test
  void aSwapHalfwayCostsTwoSwitchesAndHalfTheIdentityScore() {
    double[][][][] test = twoAnimals(10);
    for (int f = 5; f < 10; f++) {
      double[][] tmp = test[0][f];
      test[0][f] = test[1][f];
      test[1][f] = tmp;
    }
    TrackingAgreement m = TrackingAgreement.compute(new TrackSet(List.of("a", "b"), twoAnimals(10)),
        new TrackSet(List.of("x", "y"), test), 5);
    assertEquals(2, m.switches());
    assertEquals(0, m.misses());
    assertEquals(1 - 2 / 20.0, m.mota(), 1e-12);
    assertEquals(10, m.idtp());
    assertEquals(0.5, m.idf1(), 1e-12);
    assertEquals(1, m.perIndividual().get(0).switches());
  }

  @Test
  void aLostStretchIsMissesAndOneFragmentation() {
    double[][][][] test = twoAnimals(10);
    for (int f = 3; f < 6; f++) {
      test[1][f][0] = new double[] {Double.NaN, Double.NaN};
    }
    // and a far-away false detection on track 0 in frame 8
    test[0][8][0] = new double[] {500, 500};
    TrackingAgreement m = TrackingAgreement.compute(new TrackSet(List.of("a", "b"), twoAnimals(10)),
        new TrackSet(List.of("x", "y"), test), 5);
    assertEquals(4, m.misses(), "3 frames of b, 1 of a");
    assertEquals(1, m.falsePositives());
    assertEquals(0, m.switches());
    assertEquals(2, m.fragmentations(), "b after frame 5, a after frame 8");
    assertEquals(1 - 5 / 20.0, m.mota(), 1e-12);
    assertEquals(9 + 7, m.idtp(), "a-x in 9 frames, b-y in 7");
    assertEquals(1, m.idfp());
    assertEquals(4, m.idfn());
    assertEquals(2.0 * 16 / (2 * 16 + 1 + 4), m.idf1(), 1e-12);
  }
}

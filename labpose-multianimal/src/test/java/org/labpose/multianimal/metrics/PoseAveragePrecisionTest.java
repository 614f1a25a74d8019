package org.labpose.multianimal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoseAveragePrecisionTest {
  private static final double[][] A = {{0, 0}, {40, 0}, {40, 20}};
  private static final double[][] B = {{200, 200}, {240, 200}, {240, 220}};

  private static double[][] shift(double[][] xy, double dx) {
    double[][] o = new double[xy.length][];
    for (int i = 0; i < xy.length; i++) {
      o[i] = new double[] {xy[i][0] + dx, xy[i][1]};
    }
    return o;
  }

  @Test
  void perfectPredictionsScoreOne() {
    PoseAveragePrecision.Result r = PoseAveragePrecision.compute(List.of(List.of(A, B)),
        List.of(List.of(new PoseAveragePrecision.Prediction(B, 0.9), new PoseAveragePrecision.Prediction(A, 0.8))));
    assertEquals(1.0, r.map(), 1e-12);
    assertEquals(1.0, r.mar(), 1e-12);
    assertEquals(2, r.animals());
  }

  @Test
  void oksFollowsDeepLabCutsDefinition() {
    // box 40 x 20 px = 800 px^2, (2 sigma)^2 = 0.04: a 4 px error on every keypoint gives exp(-16 / 64)
    assertEquals(Math.exp(-16.0 / (2 * 800 * 0.04)), PoseAveragePrecision.oks(shift(A, 4), A, 0.1), 1e-6);
    assertTrue(Double.isNaN(PoseAveragePrecision.oks(A, new double[][] {{1, 1}, {Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}}, 0.1)),
        "one labelled keypoint cannot be scored");
  }

  @Test
  void aMissedAnimalAndAFalseOneHalveRecallAndPrecision() {
    // one frame: A found exactly (score 0.9), B missed, and a false animal far away (score 0.95)
    PoseAveragePrecision.Result r = PoseAveragePrecision.compute(List.of(List.of(A, B)),
        List.of(List.of(new PoseAveragePrecision.Prediction(A, 0.9), new PoseAveragePrecision.Prediction(shift(A, 500), 0.95))));
    assertEquals(0.5, r.mar(), 1e-12);
    // ranked: false (P=0, R=0), then A (P=0.5, R=0.5): interpolated precision 0.5 up to recall 0.5, 0 beyond
    assertEquals(0.5 * 51 / 101, r.map(), 1e-12);
  }
}

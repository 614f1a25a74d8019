package org.labpose.analysis.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labpose.analysis.kinematics.KinematicsConfig;

/** Two planted behaviours (walking, head circles in place) are not mixed within motifs. */
class MotifsTest {
  @Test
  void motifsDoNotMixPlantedBehaviours() {
    BehaviorClassifierTest.Video a = BehaviorClassifierTest.video(11, 1800);
    BehaviorClassifierTest.Video b = BehaviorClassifierTest.video(12, 1800);
    int k = 4;
    Motifs.Result r = Motifs.fit(List.of(a.poses(), b.poses()), 30, KinematicsConfig.defaults(), k, 0.9, 5);
    assertEquals(2, r.labels().size());
    // purity: each motif holds mostly one of the planted behaviours (motif numbers are arbitrary)
    int[][] count = new int[k][2];
    for (int v = 0; v < 2; v++) {
      boolean[] truth = v == 0 ? a.truth() : b.truth();
      int[] l = r.labels().get(v);
      for (int f = 0; f < l.length; f++) {
        count[l[f]][truth[f] ? 1 : 0]++;
      }
    }
    int pure = 0;
    int total = 0;
    boolean[] found = new boolean[2];
    for (int[] c : count) {
      pure += Math.max(c[0], c[1]);
      total += c[0] + c[1];
      if (c[0] + c[1] > 0) {
        found[c[1] > c[0] ? 1 : 0] = true;
      }
    }
    double purity = pure / (double) total;
    assertTrue(purity >= 0.9, "purity " + purity + " " + java.util.Arrays.deepToString(count));
    assertTrue(found[0] && found[1], "both behaviours have a motif " + java.util.Arrays.deepToString(count));
    double[] u = r.usage();
    assertEquals(1, java.util.Arrays.stream(u).sum(), 1e-9);
    for (double[] row : r.transitions()) {
      double s = java.util.Arrays.stream(row).sum();
      assertTrue(Math.abs(s - 1) < 1e-9 || s == 0);
    }
    assertTrue(r.components() >= 1 && r.explained() >= 0.9);
    assertTrue(r.meanBoutFrames()[0] > 1);
    assertThrows(IllegalArgumentException.class, () -> Motifs.fit(List.of(a.poses()), 30, KinematicsConfig.defaults(), 1, 0.9, 5));
  }
}

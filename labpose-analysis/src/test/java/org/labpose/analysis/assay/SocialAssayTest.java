package org.labpose.analysis.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/** Two mice that meet nose to nose for a known time: contact time, bouts and per-animal columns. */
class SocialAssayTest {
  @Test
  void noseToNoseContactIsTimed() throws Exception {
    double fps = 30;
    int n = 900;
    PoseTable t = new PoseTable("s", KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tailbase"), List.of()), n);
    Random r = new Random(1);
    for (int f = 0; f < n; f++) {
      // m1 stays at x = 100..160 px facing right; m2 faces left, its snout 100 px away except for frames 300..599 (3 cm away -> 1 cm)
      boolean meet = f >= 300 && f < 600;
      double gap = meet ? 10 : 100; // px at 10 px/cm: 1 cm in contact, 10 cm apart
      t.set(f, new KeypointId("m1", "snout"), 160 + 0.5 * r.nextGaussian(), 200 + 0.5 * r.nextGaussian(), 0.9);
      t.set(f, new KeypointId("m1", "tailbase"), 100 + 0.5 * r.nextGaussian(), 200 + 0.5 * r.nextGaussian(), 0.9);
      t.set(f, new KeypointId("m2", "snout"), 160 + gap + 0.5 * r.nextGaussian(), 200 + 0.5 * r.nextGaussian(), 0.9);
      t.set(f, new KeypointId("m2", "tailbase"), 220 + gap + 0.5 * r.nextGaussian(), 200 + 0.5 * r.nextGaussian(), 0.9);
    }
    AssayResult res = Assay.run(t, ZoneFile.parse("px_per_cm: 10\nzones:\n  - {name: left, shape: rectangle, x: 0, y: 0, width: 200, height: 400}\n",
        Path.of("z.yaml")), fps, AssayConfig.defaults(true).withKinematics(
            org.labpose.analysis.kinematics.KinematicsConfig.defaults().withSmoothS(0)));
    assertEquals(10, res.summary().get("m1_m2_contact_time_s"), 0.2);
    assertEquals(1, res.summary().get("m1_m2_contact_bouts"), 0);
    assertTrue(res.summary().containsKey("m1_distance_cm") && res.summary().containsKey("m2_time_s_left"), res.summary().keySet().toString());
    assertEquals(30, res.summary().get("m1_time_s_left"), 0.1, "m1's centroid is in the left zone all along");
    double[] nn = res.frameColumns().get("m1_m2_nose_nose_cm");
    assertEquals(1.0, nn[450], 0.2);
    assertEquals(10.0, nn[100], 0.2);
  }
}

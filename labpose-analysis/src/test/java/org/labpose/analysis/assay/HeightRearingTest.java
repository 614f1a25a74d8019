package org.labpose.analysis.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.labpose.analysis.zones.ZoneSet;
import org.junit.jupiter.api.Test;
import org.labpose.core.SettingException;
import org.labpose.core.io.HeightCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * Rearing from heights: a still mouse whose snout rises above 50 mm for 40 frames (1.33 s at 30 fps) and
 * for 10 frames (too short) is rearing once for 1.33 s; its body length never changes, so the top-view proxy
 * would see nothing, and with heights it is not reported.
 */
class HeightRearingTest {
  @Test
  void rearingIsAHeight() {
    int n = 300;
    List<String> parts = List.of("snout", "leftear", "rightear", "tailbase");
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(parts), n);
    double[][] snout = new double[n][1];
    for (int f = 0; f < n; f++) {
      t.set(f, KeypointId.of("snout"), 200 + 0.5 * f, 100, 1);
      t.set(f, KeypointId.of("leftear"), 185 + 0.5 * f, 92, 1);
      t.set(f, KeypointId.of("rightear"), 185 + 0.5 * f, 108, 1);
      t.set(f, KeypointId.of("tailbase"), 150 + 0.5 * f, 100, 1);
      snout[f][0] = f >= 100 && f < 140 || f >= 200 && f < 210 ? 70 : 12;
    }
    Heights h = new Heights(new HeightCsv.Table(List.of(KeypointId.of("snout")), "mm", snout), "snout", 50);
    AssayResult r = Assay.run(t, h, new ZoneSet(org.labpose.analysis.kinematics.Calibration.pixels(), null, List.of(), java.util.Map.of()), 30, AssayConfig.defaults(false));
    assertEquals(1.0, r.summary().get("rearing_bouts"));
    assertEquals(40 / 30.0, r.summary().get("rearing_time_s"), 1e-9);
    assertEquals(70.0, r.summary().get("snout_max_height_mm"));
    assertFalse(r.summary().containsKey("rearing_proxy_time_s"), r.summary().keySet().toString());
    assertTrue(Arrays.equals(snout[120], new double[] {r.frameColumns().get("snout_height_mm")[120]}));
    Heights noEars = new Heights(h.table(), "leftear", 50);
    SettingException e = assertThrows(SettingException.class, () -> Assay.run(t, noEars, new ZoneSet(org.labpose.analysis.kinematics.Calibration.pixels(), null, List.of(), java.util.Map.of()), 30, AssayConfig.defaults(false)));
    assertTrue(e.getMessage().contains("no 'leftear'"), e.getMessage());
  }
}

package org.labpose.analysis.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.Skeleton;

/** Planted label errors are found, and clean frames are not flagged. */
class LabelAuditTest {
  @Test
  void findsPlantedErrorsOnly() {
    List<String> parts = List.of("snout", "leftear", "rightear", "tailbase");
    KeypointLayout layout = KeypointLayout.singleAnimal(parts);
    Random r = new Random(3);
    List<LabeledFrame> frames = new ArrayList<>();
    Map<String, int[]> sizes = new HashMap<>();
    Map<String, String> hashes = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      double cx = 100 + 440 * r.nextDouble();
      double cy = 100 + 280 * r.nextDouble();
      double a = 2 * Math.PI * r.nextDouble();
      double c = Math.cos(a), s = Math.sin(a);
      double[][] body = {{30, 0}, {15, -10}, {15, 10}, {-30, 0}};
      double[] xy = new double[8];
      for (int p = 0; p < 4; p++) {
        xy[2 * p] = cx + body[p][0] * c - body[p][1] * s + r.nextGaussian();
        xy[2 * p + 1] = cy + body[p][0] * s + body[p][1] * c + r.nextGaussian();
      }
      if (i == 5) { // ears swapped
        double tx = xy[2], ty = xy[3];
        xy[2] = xy[4];
        xy[3] = xy[5];
        xy[4] = tx;
        xy[5] = ty;
      }
      if (i == 9) { // snout clicked far away
        xy[0] += 150;
        xy[1] -= 120;
      }
      if (i == 12) { // tail base off the image
        xy[6] = 700;
      }
      String img = String.format("labeled-data/v/img%03d.png", i);
      frames.add(new LabeledFrame(img, layout, xy));
      sizes.put(img, new int[] {640, 480});
      hashes.put(img, i == 21 ? "h20" : "h" + i);
    }
    Skeleton sk = new Skeleton(parts, List.of(), null);
    List<LabelAudit.Issue> issues = LabelAudit.audit(new LabelSet("x", layout, frames), sk, "snout", "tailbase", sizes, hashes);
    Set<String> flagged = issues.stream().map(LabelAudit.Issue::image).collect(Collectors.toSet());
    assertEquals(Set.of("labeled-data/v/img005.png", "labeled-data/v/img009.png", "labeled-data/v/img012.png", "labeled-data/v/img021.png"),
        flagged, issues.toString());
    assertTrue(issues.stream().anyMatch(x -> x.image().endsWith("img005.png") && x.reason().startsWith("left/right swapped")), issues.toString());
    assertTrue(issues.stream().anyMatch(x -> x.image().endsWith("img009.png") && x.keypoint().equals("snout") && x.reason().startsWith("far from")),
        issues.toString());
    assertTrue(issues.stream().anyMatch(x -> x.image().endsWith("img012.png") && x.keypoint().equals("tailbase") && x.reason().startsWith("outside")),
        issues.toString());
    assertTrue(issues.stream().anyMatch(x -> x.image().endsWith("img021.png") && x.reason().contains("duplicate of labeled-data/v/img020.png")),
        issues.toString());
  }
}

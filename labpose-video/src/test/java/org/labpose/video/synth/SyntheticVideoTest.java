package org.labpose.video.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.video.io.Images;

class SyntheticVideoTest {
  @TempDir Path dir;
  private final SynthConfig cfg = SynthConfig.defaults().withFrames(60).withSize(160, 120).withSeed(3);

  @Test
  void sameSeedSameBytes() throws Exception {
    SyntheticVideo.generate(cfg, dir.resolve("a.mp4"), dir.resolve("a.csv"), null);
    SyntheticVideo.generate(cfg, dir.resolve("b.mp4"), dir.resolve("b.csv"), null);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("b.mp4")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.csv")), Files.readAllBytes(dir.resolve("b.csv")));
    SyntheticVideo.generate(cfg.withSeed(4), dir.resolve("c.mp4"), null, null);
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("c.mp4"))));
  }

  @Test
  void groundTruthIsAnatomical() throws Exception {
    PoseTable t = SyntheticVideo.generate(cfg.withFrames(200), dir.resolve("a.mp4"), null, null);
    double len = cfg.mouseLength();
    double moved = 0;
    for (int f = 0; f < t.frameCount(); f++) {
      double sx = t.x(f, KeypointId.of("snout"));
      double sy = t.y(f, KeypointId.of("snout"));
      double tx = t.x(f, KeypointId.of("tailbase"));
      double ty = t.y(f, KeypointId.of("tailbase"));
      double lx = t.x(f, KeypointId.of("leftear"));
      double ly = t.y(f, KeypointId.of("leftear"));
      double rx = t.x(f, KeypointId.of("rightear"));
      double ry = t.y(f, KeypointId.of("rightear"));
      for (double v : new double[] {sx, tx, lx, rx}) {
        assertTrue(v > 0 && v < cfg.width());
      }
      double body = Math.hypot(sx - tx, sy - ty);
      assertTrue(body > 0.55 * len && body < 1.05 * len, "snout-tailbase " + body);
      // left ear on the animal's left: cross product of (tail->snout) and (tail->left ear) is negative with y down
      double cross = (sx - tx) * (ly - ty) - (sy - ty) * (lx - tx);
      double crossR = (sx - tx) * (ry - ty) - (sy - ty) * (rx - tx);
      assertTrue(cross < 0 && crossR > 0, "ears on their sides at frame " + f);
      if (f > 0) {
        moved += Math.hypot(tx - t.x(f - 1, KeypointId.of("tailbase")), ty - t.y(f - 1, KeypointId.of("tailbase")));
      }
    }
    assertTrue(moved > len, "the mouse moves: " + moved);
  }

  @Test
  void earsAreDrawnWhereTheLabelsSay() throws Exception {
    Path video = dir.resolve("synth.mp4");
    SynthConfig big = cfg.withSize(320, 240);
    PoseTable t = SyntheticVideo.generate(big, video, null, null);
    Project p = SyntheticProject.create(dir, video, t, big, 10, LocalDate.of(2026, 1, 2));
    LabelSet labels = p.loadAllLabels();
    assertEquals(10, labels.size());
    for (LabeledFrame f : labels.frames()) {
      RgbImage img = Images.read(p.resolve(f.imagePath()));
      for (String ear : new String[] {"leftear", "rightear"}) {
        int x = (int) Math.round(f.x(KeypointId.of(ear)));
        int y = (int) Math.round(f.y(KeypointId.of(ear)));
        // ears are pink: red well above blue
        assertTrue(img.get(x, y, 0) - img.get(x, y, 2) > 15, f.imagePath() + " " + ear + " pixel " + Integer.toHexString(img.rgb(x, y)));
      }
    }
  }

  @Test
  void spinePointsLieOnTheBodyAndLeaveTheVideoAndTheOtherPointsAlone() throws Exception {
    SynthConfig two = cfg.withAnimals(2);
    PoseTable plain = SyntheticVideo.generate(two, dir.resolve("a.mp4"), null, null);
    PoseTable spine = SyntheticVideo.generate(two.withSpine(true), dir.resolve("b.mp4"), null, null);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.mp4")), Files.readAllBytes(dir.resolve("b.mp4")));
    assertEquals(SynthConfig.SPINE_BODYPARTS, spine.layout().bodyparts());
    assertEquals(java.util.List.of("mouse1", "mouse2"), spine.layout().individuals());
    for (int f = 0; f < spine.frameCount(); f++) {
      for (String m : java.util.List.of("mouse1", "mouse2")) {
        for (String bp : SynthConfig.BODYPARTS) {
          KeypointId k = new KeypointId(m, bp);
          assertEquals(plain.x(f, k), spine.x(f, k), 1e-9);
          assertEquals(plain.y(f, k), spine.y(f, k), 1e-9);
        }
        // the back's middle halfway from the shoulder to the tail base, the two a plausible body length apart
        KeypointId sh = new KeypointId(m, "shoulder");
        KeypointId sp = new KeypointId(m, "spine");
        KeypointId tb = new KeypointId(m, "tailbase");
        assertEquals((spine.x(f, sh) + spine.x(f, tb)) / 2, spine.x(f, sp), 1e-6);
        assertEquals((spine.y(f, sh) + spine.y(f, tb)) / 2, spine.y(f, sp), 1e-6);
        double body = Math.hypot(spine.x(f, sh) - spine.x(f, tb), spine.y(f, sh) - spine.y(f, tb));
        assertTrue(body > 0.3 * cfg.mouseLength() && body < 0.65 * cfg.mouseLength(), "shoulder-tailbase " + body + " at frame " + f);
      }
    }
  }
}

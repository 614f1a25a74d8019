package org.labpose.core.io.dlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;

/** Random label sets and pose tables survive write → read unchanged, in every header form. */
class DlcCsvRoundTripPropertyTest {

  @Property(tries = 60)
  void labelSetsRoundTrip(@ForAll @IntRange(min = 0, max = 20) int frames, @ForAll @IntRange(min = 1, max = 6) int parts,
      @ForAll boolean multi, @ForAll boolean split, @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    List<String> bps = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      bps.add("part" + i);
    }
    KeypointLayout layout = multi
        ? KeypointLayout.multiAnimal(List.of("m1", "m2"), bps, r.nextBoolean() ? List.of("food") : List.of())
        : KeypointLayout.singleAnimal(bps);
    List<LabeledFrame> fs = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      double[] xy = new double[2 * layout.size()];
      for (int i = 0; i < xy.length; i += 2) {
        boolean missing = r.nextInt(5) == 0;
        xy[i] = missing ? Double.NaN : r.nextDouble() * 2000 - 100;
        xy[i + 1] = missing ? Double.NaN : r.nextDouble() * 1500;
      }
      fs.add(new LabeledFrame("labeled-data/v" + (f % 3) + "/img" + f + ".png", layout, xy));
    }
    LabelSet s = new LabelSet("sc", layout, fs);
    Path dir = Files.createTempDirectory("rt");
    try {
      Path f = dir.resolve("CollectedData_sc.csv");
      DlcLabelCsv.write(s, f, split ? DlcLabelCsv.IndexStyle.SPLIT : DlcLabelCsv.IndexStyle.SINGLE_COLUMN);
      assertEquals(s, DlcLabelCsv.read(f));
    } finally {
      try (var w = Files.walk(dir)) {
        for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Property(tries = 30)
  void poseTablesRoundTrip(@ForAll @IntRange(min = 0, max = 50) int frames, @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("snout", "tail"));
    PoseTable t = new PoseTable("DLC_x", layout, frames);
    for (int f = 0; f < frames; f++) {
      for (KeypointId k : layout.keypoints()) {
        if (r.nextInt(4) > 0) {
          t.set(f, k, r.nextGaussian() * 300, r.nextGaussian() * 300, r.nextDouble());
        }
      }
    }
    Path f = Files.createTempFile("pt", ".csv");
    try {
      DlcPredictionCsv.write(t, f);
      PoseTable back = DlcPredictionCsv.read(f);
      // every frame is written, even when all its values are missing
      for (int i = 0; i < back.frameCount(); i++) {
        for (KeypointId k : layout.keypoints()) {
          assertEquals(t.x(i, k), back.x(i, k));
          assertEquals(t.likelihood(i, k), back.likelihood(i, k));
        }
      }
      assertEquals(frames, back.frameCount());
    } finally {
      Files.deleteIfExists(f);
    }
  }
}

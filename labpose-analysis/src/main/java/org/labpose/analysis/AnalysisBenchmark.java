package org.labpose.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.labpose.analysis.assay.Assay;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.kinematics.Kinematics;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.SettingException;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * Speed of kinematics and of the whole assay on a synthetic track ({@code labpose bench features}):
 * a random walk in a 640×480 px arena at 30 frames/s, bodyparts on a 10 px circle around it, 2 %
 * of points under the p-cutoff; seeded.
 */
public final class AnalysisBenchmark {
  private AnalysisBenchmark() {}

  /**
   * @param bodyparts bodyparts of the track
   * @param kinematicsS median seconds for the kinematics
   * @param assayS median seconds for the assay (kinematics, two zones, immobility, freezing, proxies)
   */
  public record Timing(int bodyparts, double kinematicsS, double assayS) {}

  /** Times {@code runs} runs after one warm-up run. */
  public static Timing run(int frames, int bodyparts, int runs) throws InputFormatException {
    if (frames < 2 || bodyparts < 1 || runs < 1) {
      throw new SettingException("frames, bodyparts, runs", "need at least 2 frames, 1 bodypart and 1 run");
    }
    List<String> parts = new ArrayList<>(List.of("snout", "tailbase"));
    for (int b = 2; b < bodyparts; b++) {
      parts.add("part" + b);
    }
    PoseTable t = new PoseTable("bench", KeypointLayout.singleAnimal(parts.subList(0, bodyparts)), frames);
    Random r = new Random(1);
    double x = 320;
    double y = 240;
    for (int f = 0; f < frames; f++) {
      x = Math.min(600, Math.max(40, x + r.nextGaussian()));
      y = Math.min(440, Math.max(40, y + r.nextGaussian()));
      for (int b = 0; b < t.layout().size(); b++) {
        t.set(f, t.layout().keypoints().get(b), x + 10 * Math.cos(b) + r.nextGaussian(), y + 10 * Math.sin(b) + r.nextGaussian(),
            r.nextDouble() < 0.02 ? 0.1 : 0.95);
      }
    }
    ZoneSet zones = ZoneFile.parse("px_per_cm: 10\narena: {x: 20, y: 20, width: 600, height: 440}\nzones:\n"
        + "  - {name: center, shape: open_field_center, margin_cm: 10}\n  - {name: periphery, shape: open_field_periphery, margin_cm: 10}\n",
        Path.of("bench-zones.yaml"));
    AssayConfig cfg = AssayConfig.defaults(true);
    List<Double> kin = new ArrayList<>();
    List<Double> assay = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      long t0 = System.nanoTime();
      Kinematics.compute(t, "", 30, zones.calibration(), cfg.kinematics());
      long t1 = System.nanoTime();
      Assay.run(t, zones, 30, cfg);
      long t2 = System.nanoTime();
      if (run > 0) {
        kin.add((t1 - t0) / 1e9);
        assay.add((t2 - t1) / 1e9);
      }
    }
    kin.sort(null);
    assay.sort(null);
    return new Timing(t.layout().size(), kin.get(kin.size() / 2), assay.get(assay.size() / 2));
  }
}

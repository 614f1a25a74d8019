package org.labpose.analysis.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.stats.Annotations;
import org.labpose.analysis.zones.Zone;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.io.fuzz.Fuzzer;

/**
 * The analysis module's readers (zones, groups, behaviour annotations in frames and in BORIS's
 * seconds) against damaged copies of files as the README shows them; see {@link Fuzzer}. Counts in
 * {@code target/fuzz-counts-analysis.csv}.
 */
class AnalysisFilesFuzzTest {
  @TempDir Path dir;

  private static final String ZONES = """
      # open field, 40 x 40 cm, seen at an angle
      arena: {corners: [[200, 100], [440, 100], [600, 400], [40, 400]], width_cm: 40, height_cm: 40}
      zones:
        - {name: center, shape: open_field_center, margin_cm: 10}
        - {name: periphery, shape: open_field_periphery, margin_cm: 10}
        - {name: cup, shape: circle, cx: 300, cy: 300, radius: 30}
        - {name: corner, shape: rectangle, x: 60, y: 350, width: 60, height: 40}
        - {name: arm, shape: polygon, points: [[200, 100], [260, 100], [260, 160]]}
      """;

  private static final String GROUPS = "video,group\nm1,saline\nm2,saline\nm3,drug\nm4,drug\n";

  private static final String FRAMES = "frame,behavior\n0,grooming\n1,grooming\n2,grooming\n10,rearing\n11,rearing\n40,grooming\n";

  private static final String BORIS = "Behavior,Start (s),Stop (s)\ngrooming,0.0,0.6\nrearing,1.2,1.8\ngrooming,3.0,3.4\n";

  /** What a zone set does: units, and which zones hold each point of a 20 px grid, with its position in cm. */
  private static Object fingerprint(ZoneSet z) {
    StringBuilder sb = new StringBuilder(z.calibration().unit()).append('|');
    for (Zone zone : z.zones()) {
      sb.append(z.zones().indexOf(zone)).append(',');
    }
    for (int y = 0; y <= 480; y += 20) {
      for (int x = 0; x <= 640; x += 20) {
        for (Zone zone : z.zones()) {
          sb.append(zone.contains(x, y) ? '1' : '0');
        }
        double[] w = z.calibration().toWorld(x, y);
        sb.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f;", w[0], w[1]));
      }
    }
    for (String name : List.of("center", "periphery", "cup", "corner", "arm")) {
      sb.append(z.zone(name) == null ? "-" : name);
    }
    return sb.toString();
  }

  private static Object annotations(Map<String, boolean[]> a) {
    Map<String, String> m = new TreeMap<>();
    a.forEach((k, v) -> m.put(k, java.util.Arrays.toString(v)));
    return m;
  }

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    List<Fuzzer.Fixture> fx = new ArrayList<>();
    fx.add(new Fuzzer.Fixture("zones.yaml", ".yaml", ZONES.getBytes(StandardCharsets.UTF_8), f -> fingerprint(ZoneFile.read(f))));
    fx.add(new Fuzzer.Fixture("groups.csv", ".csv", GROUPS.getBytes(StandardCharsets.UTF_8), AssayFiles::readGroups));
    fx.add(new Fuzzer.Fixture("annotations (frames)", ".csv", FRAMES.getBytes(StandardCharsets.UTF_8),
        f -> annotations(Annotations.read(f, Double.NaN, 0))));
    fx.add(new Fuzzer.Fixture("annotations (BORIS, s)", ".csv", BORIS.getBytes(StandardCharsets.UTF_8),
        f -> annotations(Annotations.read(f, 25, 0))));
    Fuzzer.writeCounts(Fuzzer.run(fx, Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE * fx.size()), 20261201, dir), "fuzz-counts-analysis.csv");
  }
}

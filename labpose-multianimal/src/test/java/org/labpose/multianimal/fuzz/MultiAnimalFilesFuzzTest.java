package org.labpose.multianimal.fuzz;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.fuzz.Fuzzer;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.track.AssembliesFile;
import org.labpose.multianimal.track.TrackEdits;

/**
 * This module's readers (the per-frame assemblies an analysis keeps, the track view's edits) against
 * damaged copies of files as LabPose writes them; see {@link Fuzzer}. Counts in
 * {@code target/fuzz-counts-multianimal.csv}.
 */
class MultiAnimalFilesFuzzTest {
  @TempDir Path dir;

  private static String assemblies() throws Exception {
    Random r = new Random(4);
    StringWriter w = new StringWriter();
    for (int f = 0; f < 20; f++) {
      List<Animal> animals = new ArrayList<>();
      for (int a = 0; a < 2; a++) {
        double[][] kp = new double[3][];
        for (int b = 0; b < 3; b++) {
          kp[b] = r.nextInt(6) == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}
              : new double[] {r.nextDouble() * 640, r.nextDouble() * 480, r.nextDouble(), a == 0 ? -1 : 1};
        }
        animals.add(new Animal(kp, 1, 2));
      }
      AssembliesFile.append(w, f, new FrameAssembly(animals, new double[][] {{10, 20, 0.9}}));
    }
    return w.toString();
  }

  private static Object content(List<AssembliesFile.Frame> frames) {
    StringBuilder sb = new StringBuilder();
    for (AssembliesFile.Frame f : frames) {
      sb.append(f.frame()).append(f.assembly().animals()).append(java.util.Arrays.deepToString(f.assembly().unique()));
    }
    return sb.toString();
  }

  @Test
  void damagedCopiesAreRefusedOrReadAsValidData() throws Exception {
    Path edits = dir.resolve("e.json");
    TrackEdits.write(edits, List.of(new TrackEdits.Swap("m1", "m2", 120, -1), new TrackEdits.Delete("m3", 5, 40),
        new TrackEdits.Swap("m2", "m3", 300, 310)));
    List<Fuzzer.Fixture> fx = List.of(
        new Fuzzer.Fixture("assemblies.jsonl", ".jsonl", assemblies().getBytes(StandardCharsets.UTF_8),
            f -> content(AssembliesFile.read(f, 3, 1))),
        new Fuzzer.Fixture("track_edits.json", ".json", java.nio.file.Files.readAllBytes(edits), f -> TrackEdits.read(f).toString()));
    Fuzzer.writeCounts(Fuzzer.run(fx, Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE * fx.size()), 20261130, dir),
        "fuzz-counts-multianimal.csv");
  }
}

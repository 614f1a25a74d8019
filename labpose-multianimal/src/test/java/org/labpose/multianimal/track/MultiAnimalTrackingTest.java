package org.labpose.multianimal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;

class MultiAnimalTrackingTest {
  @TempDir Path dir;

  private static final KeypointLayout LAYOUT =
      KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tail"), List.of("cup"));

  /** An animal of 2 bodyparts, 20 px long, at (x, y). */
  private static Animal at(double x, double y) {
    return new Animal(new double[][] {{x, y, 0.9, -1}, {x - 20, y, 0.8, -1}}, 1, 1);
  }

  /** Two mice on parallel lanes 60 px apart for 100 frames, listed in alternating order; a cup at (5, 5). */
  private List<AssembliesFile.Frame> frames() {
    List<AssembliesFile.Frame> out = new ArrayList<>();
    for (int f = 0; f < 100; f++) {
      Animal a = at(50 + 2 * f, 100);
      Animal b = at(300 - 2 * f, 160);
      List<Animal> both = f % 2 == 0 ? List.of(a, b) : List.of(b, a);
      out.add(new AssembliesFile.Frame(f, new FrameAssembly(both, new double[][] {{5, 5, 0.99}})));
    }
    return out;
  }

  @Test
  void tracksKeepEachAnimalWhateverOrderTheFramesListThem() {
    MultiAnimalTracking.Result r = MultiAnimalTracking.track(frames(), 100, LAYOUT, "DLC_test", MultiAnimalTracking.Settings.defaults());
    assertEquals(2, r.tracksFilled());
    PoseTable t = r.table();
    KeypointId m1 = new KeypointId("m1", "snout");
    KeypointId m2 = new KeypointId("m2", "snout");
    double y1 = t.y(0, m1);
    for (int f = 0; f < 100; f++) {
      assertEquals(y1, t.y(f, m1), "frame " + f);
      assertTrue(t.y(f, m2) != y1);
    }
    assertEquals(5, t.x(50, new KeypointId(KeypointId.UNIQUE, "cup")));
  }

  @Test
  void assembliesRoundTripAndRestitchWritesTheCsv() throws IOException {
    Path file = dir.resolve("v_assemblies.jsonl");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (AssembliesFile.Frame f : frames()) {
        AssembliesFile.append(w, f.frame(), f.assembly());
      }
    }
    List<AssembliesFile.Frame> back = AssembliesFile.read(file, 2, 1);
    assertEquals(100, back.size());
    assertEquals(52, back.get(1).assembly().animals().get(1).x(0), 1e-9);
    Path csv = dir.resolve("v.csv");
    MultiAnimalTracking.restitch(file, csv, 100, LAYOUT, "DLC_test", MultiAnimalTracking.Settings.defaults());
    PoseTable t = DlcPredictionCsv.read(csv);
    assertEquals(List.of("m1", "m2"), t.layout().individuals());
    assertEquals(100, t.frameCount());
  }

  @Test
  void aDamagedLineIsNamed() throws IOException {
    Path file = dir.resolve("bad_assemblies.jsonl");
    Files.writeString(file, AssembliesFile.line(0, frames().get(0).assembly()) + "\n{\"frame\": 1, \"animals\": [[[1, 2]]], \"unique\": []}\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> AssembliesFile.read(file, 2, 1));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("expected 2 bodyparts"), e.getMessage());
    assertEquals(1, AssembliesFile.completeFrames(file, 2, 1), "the damaged last line is cut off");
  }

  @Test
  void theConfigsTrackingSectionIsReadAndCheckedByKey() {
    MultiAnimalTracking.Settings s = MultiAnimalTracking.Settings.fromConfig(java.util.Map.of("max_age", 5, "iou_threshold", 0.5));
    assertEquals(5, s.tracker().maxAge());
    assertEquals(0.5, s.tracker().iouThreshold());
    org.labpose.core.SettingException e = assertThrows(org.labpose.core.SettingException.class,
        () -> MultiAnimalTracking.Settings.fromConfig(java.util.Map.of("max_age", "ten")));
    assertEquals("tracking.max_age: expected a whole number, found 'ten'", e.getMessage());
    e = assertThrows(org.labpose.core.SettingException.class,
        () -> MultiAnimalTracking.Settings.fromConfig(java.util.Map.of("maxage", 3)));
    assertTrue(e.getMessage().startsWith("tracking.maxage: unknown key"), e.getMessage());
  }

  @Test
  void withAnIdentityHeadEachTrackGoesToTheIndividualItsDetectionsVoteFor() {
    // the lower lane (y = 160) votes for individual 0 (m1), the upper for 1 (m2): the reverse of the start order
    List<AssembliesFile.Frame> frames = new ArrayList<>();
    for (int f = 0; f < 60; f++) {
      Animal a = new Animal(new double[][] {{50 + 2 * f, 100, 0.9, 1}, {30 + 2 * f, 100, 0.8, 1}}, 1, 1);
      Animal b = new Animal(new double[][] {{300 - 2 * f, 160, 0.9, 0}, {320 - 2 * f, 160, 0.8, 0}}, 1, 1);
      frames.add(new AssembliesFile.Frame(f, new FrameAssembly(List.of(a, b), new double[][] {{Double.NaN, Double.NaN, Double.NaN}})));
    }
    PoseTable t = MultiAnimalTracking.track(frames, 60, LAYOUT, "s", MultiAnimalTracking.Settings.defaults()).table();
    assertEquals(160, t.y(10, new KeypointId("m1", "snout")));
    assertEquals(100, t.y(10, new KeypointId("m2", "snout")));
    String line = AssembliesFile.line(0, frames.get(0).assembly());
    assertTrue(line.contains("[50.0,100.0,0.9,1]"), line);
  }

  @Test
  void moreTracksThanIndividualsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        MultiAnimalTracking.track(frames(), 100, LAYOUT, "s", MultiAnimalTracking.Settings.defaults().withTracks(3)));
    assertEquals("n_tracks: 3 is more than the project's 2 individuals [m1, m2]", e.getMessage());
  }
}

package org.labpose.multianimal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.SharedData;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.metrics.TrackSet;
import org.labpose.multianimal.metrics.TrackingAgreement;

class TrackerTest {
  private static final String DIR = "format-fixtures/dlc-multianimal/";

  private static double[][][][] dense(List<Tracklet> ts, int frames, int parts) {
    double[][][][] xy = new double[ts.size()][frames][parts][2];
    for (double[][][] t : xy) {
      for (double[][] f : t) {
        for (double[] k : f) {
          k[0] = Double.NaN;
          k[1] = Double.NaN;
        }
      }
    }
    for (int t = 0; t < ts.size(); t++) {
      Tracklet tr = ts.get(t);
      for (int i = 0; i < tr.size(); i++) {
        for (int b = 0; b < parts; b++) {
          xy[t][tr.frame(i)][b][0] = tr.value(i, b, 0);
          xy[t][tr.frame(i)][b][1] = tr.value(i, b, 1);
        }
      }
    }
    return xy;
  }

  /**
   * DeepLabCut's tri-mouse assemblies tracked frame to frame give the three tracklets DeepLabCut's own
   * tracker made of them (trimouse_tracklets.json), without a switch.
   */
  @Test
  void tracksTheTriMouseAssembliesLikeDeepLabCut() throws IOException {
    Path ass = SharedData.require(DIR + "trimouse_assemblies.json");
    Path ref = SharedData.require(DIR + "trimouse_tracklets.json");
    JsonNode frames = new ObjectMapper().readTree(ass.toFile()).get("assemblies");
    Tracker tracker = new Tracker(TrackerParams.defaults());
    for (int f = 0; f < 50; f++) {
      List<Animal> animals = new ArrayList<>();
      for (JsonNode a : frames.get(Integer.toString(f))) {
        double[][] kp = new double[a.size()][4];
        for (int b = 0; b < a.size(); b++) {
          for (int c = 0; c < 4; c++) {
            kp[b][c] = a.get(b).get(c).isNull() ? Double.NaN : a.get(b).get(c).asDouble();
          }
        }
        animals.add(new Animal(kp, 0, 0));
      }
      tracker.update(f, animals);
    }
    Map<Integer, Tracklet> got = tracker.tracklets();
    assertEquals(3, got.size());
    List<Tracklet> want = StitcherGoldenTest.readTracklets(ref, false);
    assertEquals(3, want.size());
    TrackingAgreement m = TrackingAgreement.compute(
        new TrackSet(List.of("a", "b", "c"), dense(want, 50, 12)),
        new TrackSet(List.of("x", "y", "z"), dense(new ArrayList<>(got.values()), 50, 12)), 1.0);
    assertEquals(0, m.switches());
    assertEquals(1.0, m.idf1());
    assertEquals(1.0, m.mota());
  }

  @Test
  void framesMustIncrease() {
    Tracker t = new Tracker(TrackerParams.defaults());
    t.update(5, List.of());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> t.update(5, List.of()));
    assertEquals("frame 5 after frame 5: frames must increase", e.getMessage());
  }

  /**
   * Two animals walking side by side 24 px apart (4 bodyparts, snout 30 px ahead of the tail base); in frames 20 to
   * 39 the assembler mixes them (each animal has its snout and ears, but the other's tail base). With part
   * correction each track keeps its own tail base; without, the tracks carry the other's.
   */
  @Test
  void partCorrectionSplitsMixedAnimals() {
    for (boolean correct : new boolean[] {false, true}) {
      Tracker t = new Tracker(new TrackerParams(30, 3, 0.2, 10, "keypoints", 0, correct));
      for (int f = 0; f < 60; f++) {
        double x = 100 + 3 * f;
        double[][][] truth = new double[2][][];
        for (int a = 0; a < 2; a++) {
          double y = 100 + 24 * a;
          truth[a] = new double[][] {{x + 30, y, 0.9, 0}, {x + 22, y - 6, 0.9, 0}, {x + 22, y + 6, 0.9, 0}, {x, y, 0.9, 0}};
        }
        boolean mixed = f >= 20 && f < 40;
        List<Animal> frame = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
          double[][] kp = new double[4][];
          for (int b = 0; b < 4; b++) {
            kp[b] = truth[mixed && b == 3 ? 1 - a : a][b];
          }
          frame.add(new Animal(kp, 1, 3));
        }
        t.update(f, frame);
      }
      Map<Integer, Tracklet> tracks = t.tracklets();
      assertEquals(2, tracks.size());
      int wrong = 0;
      for (Tracklet tr : tracks.values()) {
        for (int i = 0; i < tr.size(); i++) {
          // the tail base lies on the snout's line (same y)
          wrong += Math.abs(tr.value(i, 3, 1) - tr.value(i, 0, 1)) > 1 ? 1 : 0;
        }
      }
      assertEquals(correct ? 0 : 40, wrong, correct ? "with part correction" : "without");
    }
  }
}

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
}

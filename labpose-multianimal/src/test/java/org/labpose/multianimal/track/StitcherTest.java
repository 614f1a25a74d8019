package org.labpose.multianimal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StitcherTest {

  /** A one-bodypart tracklet moving from (x0, y) by dx px per frame over frames [from, to]. */
  private static Tracklet line(int from, int to, double x0, double y, double dx) {
    int n = to - from + 1;
    int[] frames = new int[n];
    double[][][] data = new double[n][1][];
    for (int i = 0; i < n; i++) {
      frames[i] = from + i;
      data[i][0] = new double[] {x0 + dx * i, y, 1.0};
    }
    return new Tracklet(frames, data);
  }

  @Test
  void joinsTheNearestAcrossAGap() {
    // Two animals; each track is cut at frame 50 and resumes at frame 55 near where it stopped.
    List<Tracklet> in = new ArrayList<>();
    in.add(line(0, 50, 0, 100, 1));
    in.add(line(0, 50, 0, 300, 1));
    in.add(line(55, 120, 55, 300, 1));
    in.add(line(55, 120, 55, 100, 1));
    Stitcher.Result r = new Stitcher(StitchParams.defaults(2)).stitch(in);
    assertEquals(2, r.tracks().size());
    for (Tracklet t : r.tracks()) {
      assertEquals(117, t.size());
      double y = t.value(0, 0, 1);
      for (int i = 0; i < t.size(); i++) {
        assertEquals(y, t.value(i, 0, 1), "a track keeps its animal");
      }
    }
  }

  @Test
  void tooFewTracksForTheAnimalsSeenIsRefused() {
    List<Tracklet> in = List.of(line(0, 40, 0, 100, 1), line(0, 40, 0, 200, 1), line(10, 40, 0, 300, 1));
    StitchException e = assertThrows(StitchException.class, () -> new Stitcher(StitchParams.defaults(2)).stitch(in));
    assertEquals("cannot make 2 tracks: 3 animals are tracked at once at frame 10; raise the number of tracks to at least 3",
        e.getMessage());
  }

  @Test
  void shortPiecesGoBackWhereTheyFit() {
    // One animal: a long tracklet, a 4-frame piece after a gap, then another long one.
    List<Tracklet> in = List.of(line(0, 30, 0, 100, 1), line(33, 36, 33, 100, 1), line(40, 80, 40, 100, 1));
    Stitcher.Result r = new Stitcher(StitchParams.defaults(1)).stitch(in);
    assertEquals(1, r.tracks().size());
    assertEquals(31 + 4 + 41, r.tracks().get(0).size());
    assertEquals(List.of(), r.leftOut());
  }

  @Test
  void fewerAnimalsThanTracksLeavesATrackEmpty() {
    Stitcher.Result r = new Stitcher(StitchParams.defaults(3)).stitch(List.of(line(0, 40, 0, 100, 1), line(0, 40, 0, 300, 1)));
    assertEquals(2, r.tracks().size());
  }

  @Test
  void gapsSplitTracklets() {
    Tracklet t = Tracklet.concat(List.of(line(0, 20, 0, 0, 1), line(25, 40, 0, 0, 1)));
    assertEquals(2, t.splitAtGaps().size());
    assertEquals(false, t.isContinuous());
  }
}

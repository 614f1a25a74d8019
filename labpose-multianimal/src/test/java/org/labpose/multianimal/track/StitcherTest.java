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

  /**
   * Two mice, then only one seen for 60 frames (the other hidden), then both again: the lone tracklet
   * goes on one track only; the other track resumes across the long gap. (The flow once let both
   * tracks run through the lone tracklet, writing the same animal twice.)
   */
  @Test
  void aTrackletIsOnOneTrackOnlyWhenTheOtherAnimalIsLongUnseen() {
    List<Tracklet> in = List.of(line(0, 30, 0, 100, 0), line(0, 30, 0, 300, 0), line(40, 100, 0, 100, 0),
        line(110, 150, 0, 100, 0), line(110, 150, 0, 300, 0));
    Stitcher.Result r = new Stitcher(new StitchParams(2, 3, false, false, 10)).stitch(in);
    assertEquals(2, r.tracks().size());
    int frames = 0;
    for (Tracklet t : r.tracks()) {
      frames += t.size();
      double y = t.value(0, 0, 1);
      for (int i = 0; i < t.size(); i++) {
        assertEquals(y, t.value(i, 0, 1), "a track keeps its animal");
        if (i > 0) {
          assertEquals(true, t.frame(i) > t.frame(i - 1), "one animal per track and frame");
        }
      }
    }
    assertEquals(31 + 31 + 61 + 41 + 41, frames, "every animal-frame once");
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
  void shortPiecesThatFollowEachOtherArePrestitchedIntoOneChain() {
    // three 4-frame pieces of one animal, each 2 frames after the last; and one far later that stays alone
    Tracklet a = line(0, 3, 0, 100, 1);
    Tracklet b = line(6, 9, 6, 100, 1);
    Tracklet c = line(12, 15, 12, 100, 1);
    Tracklet far = line(100, 103, 100, 100, 1);
    List<Tracklet> out = Stitcher.prestitch(List.of(c, far, a, b), 5);
    assertEquals(2, out.size());
    assertEquals(far, out.get(0), "the lone piece is kept as it was");
    assertEquals(12, out.get(1).size(), "a, b and c joined");
    assertEquals(0, out.get(1).start());
    assertEquals(15, out.get(1).end());
  }

  @Test
  void gapsSplitTracklets() {
    Tracklet t = Tracklet.concat(List.of(line(0, 20, 0, 0, 1), line(25, 40, 0, 0, 1)));
    assertEquals(2, t.splitAtGaps().size());
    assertEquals(false, t.isContinuous());
  }
}

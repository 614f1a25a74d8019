package org.labpose.multianimal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class TrackEditsTest {
  @TempDir Path dir;

  /** m1 moves right along y=100, m2 left along y=120: they pass each other around frame 50. */
  private static PoseTable crossingPair() {
    PoseTable t = new PoseTable("s", KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout"), List.of()), 100);
    for (int f = 0; f < 100; f++) {
      t.set(f, new KeypointId("m1", "snout"), 100 + 4 * f, 100, 0.9);
      t.set(f, new KeypointId("m2", "snout"), 500 - 4 * f, 120, 0.8);
    }
    return t;
  }

  @Test
  void swapFromAFrameOnAndDeleteAreReplayedInOrder() {
    PoseTable t = crossingPair();
    PoseTable r = TrackEdits.apply(t, List.of(new TrackEdits.Swap("m1", "m2", 50, -1), new TrackEdits.Delete("m2", 90, 95)));
    KeypointId m1 = new KeypointId("m1", "snout");
    KeypointId m2 = new KeypointId("m2", "snout");
    assertEquals(100 + 4 * 49, r.x(49, m1), "before the swap: unchanged");
    assertEquals(500 - 4 * 50, r.x(50, m1), "from frame 50 m1 has m2's values");
    assertEquals(0.8, r.likelihood(60, m1));
    assertEquals(100 + 4 * 60, r.x(60, m2));
    assertTrue(Double.isNaN(r.x(92, m2)));
    assertEquals(100 + 4 * 96, r.x(96, m2));
    assertEquals(100 + 4 * 60, t.x(60, m1), "the original is not changed");
  }

  @Test
  void crossingsAreFoundAndEditsRoundTrip() throws Exception {
    List<TrackEdits.Crossing> c = TrackEdits.crossings(crossingPair(), 30);
    assertEquals(1, c.size());
    assertEquals(new TrackEdits.Crossing("m1", "m2", 48, 52), c.get(0));
    Path f = dir.resolve("v_track_edits.json");
    List<TrackEdits.Edit> edits = List.of(new TrackEdits.Swap("m1", "m2", 50, -1), new TrackEdits.Delete("m2", 3, 7));
    TrackEdits.write(f, edits);
    assertEquals(edits, TrackEdits.read(f));
    Files.writeString(f, "{\"edits\": [{\"op\": \"merge\", \"from\": 1, \"to\": 2}]}");
    InputFormatException e = assertThrows(InputFormatException.class, () -> TrackEdits.read(f));
    assertTrue(e.getMessage().contains("edit 0") && e.getMessage().contains("unknown op 'merge'"), e.getMessage());
  }
}

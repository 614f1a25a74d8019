package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.track.TrackEdits;

class TrackStoreTest {
  @TempDir Path dir;

  /** A server killed after writing the edits but before the refined tracks: opening the video writes them. */
  @Test
  void refinedTracksMissingTheirEditsAreRewrittenOnOpen() throws Exception {
    AnalysedPair pair = AnalysedPair.create(dir);
    TrackEdits.write(ProjectLayout.trackEdits(pair.csv()), List.of(new TrackEdits.Swap("mouse1", "mouse2", 10, -1)));
    Path refined = ProjectLayout.refined(pair.csv());
    assertFalse(Files.exists(refined));
    try (TrackStore store = new TrackStore(pair.project())) {
      TrackStore.State s = store.state(pair.csv().getFileName().toString());
      assertEquals(1, s.edits().size());
    }
    KeypointId m1 = new KeypointId("mouse1", "snout");
    KeypointId m2 = new KeypointId("mouse2", "snout");
    assertTrue(Files.exists(refined));
    assertEquals(pair.truth().x(20, m2), DlcPredictionCsv.read(refined).x(20, m1), 1e-3);
    assertEquals(pair.truth().x(5, m1), DlcPredictionCsv.read(refined).x(5, m1), 1e-3);
  }
}

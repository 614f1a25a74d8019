package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;

class LabelStoreTest {
  @TempDir Path dir;

  @Test
  void changesAreSavedWithinASecondAndReloaded() throws Exception {
    Project p = TestProject.create(dir, 3);
    List<String> problems = new ArrayList<>();
    Path csv = dir.resolve("labeled-data/vid1/CollectedData_tester.csv");
    try (LabelStore s = new LabelStore(p, problems::add)) {
      assertEquals(List.of("img000.png", "img010.png", "img020.png"), s.images("vid1"));
      LabelStore.Update u = s.update("vid1", "img010.png", 0, Map.of(KeypointId.of("snout"), new double[] {12.5, 40.25}));
      assertTrue(u.applied());
      assertEquals(1, u.state().version());
      long deadline = System.nanoTime() + 10_000_000_000L; // saved in the background, well within this on a loaded machine
      while (!Files.exists(csv) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(csv), "saved in the background without closing the store");
      LabelSet l = DlcLabelCsv.read(csv);
      assertEquals(1, l.size());
      assertEquals(12.5, l.frames().get(0).x(KeypointId.of("snout")), 0);
      assertEquals("labeled-data/vid1/img010.png", l.frames().get(0).imagePath());
      assertTrue(Double.isNaN(l.frames().get(0).x(KeypointId.of("tailbase"))));
    }
    try (LabelStore s = new LabelStore(Project.open(dir.resolve("config.yaml")), problems::add)) {
      assertEquals(12.5, s.frame("vid1", "img010.png").points().get(KeypointId.of("snout"))[0], 0);
      assertNull(s.frame("vid1", "img010.png").points().get(KeypointId.of("leftear")));
      assertEquals(0, s.folders().get(0).labelled());
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void aStaleVersionIsAConflictNotAnOverwrite() throws Exception {
    Project p = TestProject.create(dir, 1);
    try (LabelStore s = new LabelStore(p, m -> { })) {
      KeypointId snout = KeypointId.of("snout");
      assertTrue(s.update("vid1", "img000.png", 0, Map.of(snout, new double[] {1, 2})).applied());
      LabelStore.Update second = s.update("vid1", "img000.png", 0, Map.of(snout, new double[] {9, 9}));
      assertFalse(second.applied());
      assertEquals(1, second.state().version());
      assertEquals(1, second.state().points().get(snout)[0], 0);
      Map<KeypointId, double[]> missing = new java.util.HashMap<>();
      missing.put(snout, null);
      assertTrue(s.update("vid1", "img000.png", 1, missing).applied());
      assertNull(s.frame("vid1", "img000.png").points().get(snout));
    }
  }

  @Test
  void badUpdatesAreRefused() throws Exception {
    Project p = TestProject.create(dir, 1);
    try (LabelStore s = new LabelStore(p, m -> { })) {
      assertThrows(IllegalArgumentException.class, () -> s.update("vid1", "img000.png", 0, Map.of(KeypointId.of("tail"), new double[] {1, 2})));
      assertThrows(IllegalArgumentException.class, () -> s.update("vid1", "../config.yaml", 0, Map.of()));
      assertThrows(IllegalArgumentException.class, () -> s.update("vid1", "img000.png", 0, Map.of(KeypointId.of("snout"), new double[] {Double.NaN, 2})));
      assertNull(s.imageFile("vid1", "../../config.yaml"));
      assertNull(s.imageFile("..", "config.yaml"));
    }
  }

  @Test
  void anExistingFileKeepsItsIndexStyleAndAStaleH5IsKeptAsideAndRewritten() throws Exception {
    Project p = TestProject.create(dir, 2);
    Path folder = dir.resolve("labeled-data/vid1");
    try (LabelStore s = new LabelStore(p, m -> { })) {
      s.update("vid1", "img000.png", 0, Map.of(KeypointId.of("snout"), new double[] {5, 6}));
    }
    Path csv = folder.resolve("CollectedData_tester.csv");
    LabelSet first = DlcLabelCsv.read(csv);
    DlcLabelCsv.write(first, csv, DlcLabelCsv.IndexStyle.SINGLE_COLUMN);
    Files.writeString(folder.resolve("CollectedData_tester.h5"), "stale");
    Files.setLastModifiedTime(folder.resolve("CollectedData_tester.h5"), java.nio.file.attribute.FileTime.fromMillis(0));
    try (LabelStore s = new LabelStore(Project.open(dir.resolve("config.yaml")), m -> { })) {
      s.update("vid1", "img010.png", 0, Map.of(KeypointId.of("tailbase"), new double[] {7, 8}));
    }
    assertEquals(DlcLabelCsv.IndexStyle.SINGLE_COLUMN, DlcLabelCsv.parse(csv).style());
    assertEquals(2, DlcLabelCsv.read(csv).size());
    // DeepLabCut's .h5 kept once; the new .h5 holds what the CSV holds, with the CSV's index style
    assertEquals("stale", Files.readString(folder.resolve("CollectedData_tester.h5.before-labpose")));
    assertEquals(DlcLabelCsv.read(csv), org.labpose.core.io.dlc.DlcLabelH5.read(folder.resolve("CollectedData_tester.h5")));
    assertEquals(new org.labpose.core.io.hdf5.PandasFrameH5.Labels(List.of(List.of("labeled-data/vid1/img000.png"), List.of("labeled-data/vid1/img010.png"))),
        org.labpose.core.io.hdf5.PandasFrameH5.read(folder.resolve("CollectedData_tester.h5")).index());
  }
}

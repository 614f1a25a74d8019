package org.labpose.core.io.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.PythonPandas;
import org.labpose.core.SharedData;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.SeededPoses;

/**
 * NWB files LabPose writes read back to the same poses, and have, for h5py, the structure of the
 * ndx-pose fixture pynwb wrote: typed groups with their attributes and datasets, soft links to the
 * skeletons, the root's {@code .specloc}, the cached specifications.
 */
class NwbWriterTest {
  @TempDir Path dir;

  @Test
  void singleAnimalRoundTripAndStructure() throws Exception {
    PoseTable t = table(KeypointLayout.singleAnimal(List.of("snout", "leftear", "rightear", "tailbase")), 120, 4);
    Path f = dir.resolve("m1.nwb");
    NwbWriter.write(t, options(120, List.of(List.of("snout", "leftear"), List.of("snout", "rightear"))), f);
    NwbPose.Result r = NwbPose.read(f);
    assertEquals(t, r.table());
    assertEquals(List.of(List.of("snout", "leftear"), List.of("snout", "rightear")), r.edges());
    assertEquals(1.0 / 30, r.timestamps()[1], 1e-15);
    assertEquals(List.of("videos/m1.mp4"), r.videos());
    checkStructure(f);
  }

  @Test
  void severalAnimalsWithUniqueBodyparts() throws Exception {
    PoseTable t = table(KeypointLayout.multiAnimal(List.of("intruder", "resident"), List.of("snout", "tail"), List.of("cup")), 60, 5);
    Path f = dir.resolve("pair.nwb");
    NwbWriter.write(t, options(60, List.of(List.of("snout", "tail"))), f);
    assertEquals(t, NwbPose.read(f).table());
    checkStructure(f);
  }

  @Test
  void labelledFramesAsPoseTraining() throws Exception {
    KeypointLayout l = KeypointLayout.multiAnimal(List.of("intruder", "resident"), List.of("snout", "tail"), List.of());
    PoseTable t = table(l, 10, 6);
    org.labpose.core.model.LabelSet labels = new org.labpose.core.model.LabelSet("alice", l, List.of(
        new org.labpose.core.model.LabeledFrame("labeled-data/pair/img003.png", l, new double[] {1, 2, 3, 4, 5, 6, Double.NaN, Double.NaN}),
        new org.labpose.core.model.LabeledFrame("labeled-data/pair/img007.png", l, new double[] {11, 12, 13, 14, 15, 16, 17, 18})));
    Path f = dir.resolve("train.nwb");
    NwbWriter.write(t, labels, options(10, List.of(List.of("snout", "tail"))), f);
    assertEquals(labels, NwbPose.readTraining(f, l));
    assertEquals(t, NwbPose.read(f).table());
    checkStructure(f);
  }

  private void checkStructure(Path f) throws Exception {
    Path fixture = SharedData.require("format-fixtures/nwb/0.3.0_poseestimation_two_cameras.nwb");
    Path spec = SharedData.require("format-fixtures/nwb/ndx-pose.extensions.yaml");
    PythonPandas.check(PythonPandas.class, "io/hdf5/nwb_structure.py", dir, f.toString(), fixture.toString(), spec.toString());
  }

  private static NwbWriter.Options options(int frames, List<List<String>> skeleton) {
    return new NwbWriter.Options("open field, mouse 1", "4f0c1d2e-0000-4000-8000-000000000001", "2026-11-30T09:00:00+00:00",
        "2026-11-30T10:00:00+00:00", NwbWriter.timestamps(frames, 30), skeleton, "DLC_resnet50_testNov30shuffle1_1000", "LabPose", "0.1.0",
        List.of("videos/m1.mp4"), 640, 480);
  }

  /** Seeded points in a 640 x 480 frame, every ninth missing. */
  private static PoseTable table(KeypointLayout layout, int frames, long seed) {
    return SeededPoses.table("DLC_resnet50_testNov30shuffle1_1000", layout, frames, seed, 9, 4, 640, 480);
  }

}

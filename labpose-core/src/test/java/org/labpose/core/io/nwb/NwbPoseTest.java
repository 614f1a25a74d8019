package org.labpose.core.io.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.sleap.SleapAnalysisH5;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/**
 * The ndx-pose files pynwb wrote (shared fixtures) read to the values h5py reads (Debian's
 * python3-h5py 3.7), e.g. {@code f["processing/behavior/PoseEstimation/front_left_paw/data"][0]}.
 */
class NwbPoseTest {
  @TempDir Path dir;

  @Test
  void ndxPose01WithNodesAndEdgesInPoseEstimation() throws Exception {
    NwbPose.Result r = NwbPose.read(SharedData.require("format-fixtures/nwb/0.1.1_poseestimation_nodes_edges.nwb"));
    PoseTable t = r.table();
    assertEquals(KeypointLayout.singleAnimal(List.of("front_left_paw", "front_right_paw")), t.layout());
    assertEquals(100, t.frameCount());
    KeypointId left = KeypointId.of("front_left_paw");
    // h5py: data[0] -> [0.31871107 0.98087013 0.88495572] (x, y, z), confidence[0] -> 0.7378178151069067
    assertEquals(0.3187110682438501, t.x(0, left), 0.0);
    assertEquals(0.9808701299897916, t.y(0, left), 0.0);
    assertEquals(0.7378178151069067, t.likelihood(0, left), 0.0);
    assertEquals(List.of(List.of("front_left_paw", "front_right_paw")), r.edges());
    assertEquals(0.10101010101010101, r.timestamps()[1], 0.0);
    assertEquals("DeepLabCut", r.sourceSoftware());
    assertEquals("pixels", r.unit());
    assertEquals("2.7.0", r.nwbVersion());
  }

  @Test
  void ndxPose03WithALinkedSkeletonAndTwoCameras() throws Exception {
    NwbPose.Result r = NwbPose.read(SharedData.require("format-fixtures/nwb/0.3.0_poseestimation_two_cameras.nwb"));
    PoseTable t = r.table();
    assertEquals(10, t.frameCount());
    assertEquals(List.of(List.of("front_left_paw", "front_right_paw")), r.edges(), "from the Skeleton the PoseEstimation links to");
    assertEquals(List.of("camera1.mp4", "camera2.mp4"), r.videos());
    // h5py: np.nansum(front_right_paw/data) -> 10.311219163148017, np.nansum(confidence) -> 3.977243690532771
    KeypointId right = KeypointId.of("front_right_paw");
    double sum = 0;
    double conf = 0;
    for (int f = 0; f < 10; f++) {
      sum += t.x(f, right) + t.y(f, right);
      conf += t.likelihood(f, right);
    }
    assertEquals(10.311219163148017, sum, 1e-12);
    assertEquals(3.977243690532771, conf, 1e-12);
    assertEquals(2.2222222222222223, r.timestamps()[2], 0.0);
  }

  @Test
  void otherHdf5FilesAreRefused() throws Exception {
    Path h5 = dir.resolve("a.analysis.h5");
    SleapAnalysisH5.write(new PoseTable("x", KeypointLayout.singleAnimal(List.of("nose")), 2), List.of(), SleapAnalysisH5.Source.NONE, h5);
    InputFormatException e = assertThrows(InputFormatException.class, () -> NwbPose.read(h5));
    assertTrue(e.getMessage().contains("nwb_version"), e.getMessage());
  }
}

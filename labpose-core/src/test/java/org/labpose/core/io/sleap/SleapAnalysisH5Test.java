package org.labpose.core.io.sleap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.PythonPandas;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcH5;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.SeededPoses;

/** SLEAP analysis files: SLEAP's own read, LabPose's written in its layout and read back. */
class SleapAnalysisH5Test {
  @TempDir Path dir;

  @Test
  void readsSleapsExport() throws Exception {
    SleapAnalysisH5.Analysis a = SleapAnalysisH5.read(SharedData.require("format-fixtures/analysis_example/predictions.analysis.h5"));
    PoseTable t = a.table();
    assertEquals(3000, t.frameCount());
    assertEquals(List.of("track_0", "track_1"), t.layout().individuals());
    assertEquals(13, t.layout().bodyparts().size());
    assertEquals(List.of("head", "thorax", "abdomen", "wingL", "wingR", "forelegL4", "forelegR4", "midlegL4", "midlegR4",
        "hindlegL4", "hindlegR4", "eyeL", "eyeR"), t.layout().bodyparts());
    // read independently with h5py (Debian's python3-h5py 3.7):
    //   t = f["tracks"][()]; [(~np.isnan(t[i, 0])).sum() for i in range(2)] -> [38348, 38126]
    //   np.nansum(t[:, 0]), np.nansum(t[:, 1]) -> 45862062.348602295, 35958523.327697754
    //   t[1, 0, 0, 0], t[1, 1, 0, 0] -> 589.006591796875, 884.5513916015625
    int[] present = new int[2];
    double sx = 0;
    double sy = 0;
    for (KeypointId k : t.layout().keypoints()) {
      int track = t.layout().individuals().indexOf(k.individual());
      for (int f = 0; f < t.frameCount(); f++) {
        if (!Double.isNaN(t.x(f, k))) {
          present[track]++;
          sx += t.x(f, k);
          sy += t.y(f, k);
        }
      }
    }
    assertEquals(38348, present[0]);
    assertEquals(38126, present[1]);
    assertEquals(45862062.348602295, sx, 1e-3);
    assertEquals(35958523.327697754, sy, 1e-3);
    KeypointId head1 = new KeypointId("track_1", "head");
    assertEquals(589.006591796875, t.x(0, head1), 0.0);
    assertEquals(884.5513916015625, t.y(0, head1), 0.0);
    assertEquals(1.0, t.likelihood(0, head1), 0.0, "no point scores in the file: 1 for a point present");
  }

  @Test
  void writesWhatSleapWroteAndReadsItBack() throws Exception {
    Path ref = SharedData.require("format-fixtures/analysis_example/predictions.analysis.h5");
    SleapAnalysisH5.Analysis a = SleapAnalysisH5.read(ref);
    Path ours = dir.resolve("ours.analysis.h5");
    SleapAnalysisH5.write(a.table(), a.edges(), a.source(), ours);
    SleapAnalysisH5.Analysis back = SleapAnalysisH5.read(ours);
    assertEquals(a.table(), back.table());
    requireH5py();
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_analysis.py", dir, ours.toString(), ref.toString());
  }

  @Test
  void roundTripsMultiAndSingleAnimalTables() throws Exception {
    PoseTable m = table(KeypointLayout.multiAnimal(List.of("m1", "m2", "m3"), List.of("snout", "ear", "tail"), List.of("cup")), 40, 5);
    Path f = dir.resolve("m.analysis.h5");
    SleapAnalysisH5.Source src = new SleapAnalysisH5.Source("/data/v.mp4", "", "{\"software\": \"LabPose\"}");
    List<List<String>> edges = List.of(List.of("snout", "ear"), List.of("ear", "tail"));
    SleapAnalysisH5.write(m, edges, src, f);
    SleapAnalysisH5.Analysis back = SleapAnalysisH5.read(f);
    assertEquals(m.layout(), back.table().layout());
    assertEquals(m.frameCount(), back.table().frameCount());
    for (KeypointId k : m.layout().keypoints()) {
      for (int fr = 0; fr < m.frameCount(); fr++) {
        assertEquals(m.x(fr, k), back.table().x(fr, k), 0.0);
        assertEquals(m.y(fr, k), back.table().y(fr, k), 0.0);
        assertEquals(m.likelihood(fr, k), back.table().likelihood(fr, k), 0.0);
      }
    }
    assertEquals(edges, back.edges());
    assertEquals(src.videoPath(), back.source().videoPath());
    assertTrue(back.source().provenanceJson().contains("\"software\":\"LabPose\"")
        && back.source().provenanceJson().contains("\"unique_bodyparts\":[\"cup\"]"), back.source().provenanceJson());
    PoseTable s = table(KeypointLayout.singleAnimal(List.of("nose", "tail")), 25, 6);
    SleapAnalysisH5.write(s, List.of(), SleapAnalysisH5.Source.NONE, f);
    assertEquals(s.layout(), SleapAnalysisH5.read(f).table().layout());
  }

  @Test
  void aDeepLabCutFileIsRefusedByName() throws Exception {
    Path h5 = dir.resolve("dlc.h5");
    DlcH5.writePredictions(table(KeypointLayout.singleAnimal(List.of("nose")), 3, 1), h5);
    InputFormatException e = assertThrows(InputFormatException.class, () -> SleapAnalysisH5.read(h5));
    assertTrue(e.getMessage().contains("dlc.h5") && e.getMessage().contains("node_names"), e.getMessage());
  }

  private static void requireH5py() {
    PythonPandas.require();
  }

  /** Seeded points, every fifth missing; likelihoods in [0, 1]. */
  private static PoseTable table(KeypointLayout layout, int frames, long seed) {
    return SeededPoses.table("LabPose", layout, frames, seed, 5, 2, 1024, 768);
  }

}

package org.labpose.core.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.sleap.SlpFile;
import org.labpose.core.model.PoseTable;

/** The facade finds each fixture's format by content and converts poses without changing them. */
class PoseFilesTest {
  @TempDir Path dir;

  @Test
  void detectsEveryFixtureByContent() throws Exception {
    Map<String, PoseFiles.Format> expected = Map.of(
        "format-fixtures/tracks/clip.slp", PoseFiles.Format.SLEAP_LABELS,
        "format-fixtures/slp_hdf5/minimal_instance.slp", PoseFiles.Format.SLEAP_LABELS,
        "format-fixtures/analysis_example/predictions.analysis.h5", PoseFiles.Format.SLEAP_ANALYSIS,
        "format-fixtures/dlc-multianimal/montblanc_tracks.h5", PoseFiles.Format.DLC_PREDICTIONS_H5,
        "format-fixtures/dlc-multianimal/montblanc_tracks.csv", PoseFiles.Format.DLC_PREDICTIONS_CSV,
        "format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv", PoseFiles.Format.DLC_LABELS_CSV,
        "openfield-Pranav-2018-10-30/labeled-data/m4s1/CollectedData_Pranav.h5", PoseFiles.Format.DLC_LABELS_H5,
        "format-fixtures/nwb/0.3.0_poseestimation_two_cameras.nwb", PoseFiles.Format.NWB);
    for (var e : expected.entrySet()) {
      Path f = SharedData.require(e.getKey());
      // a misleading name changes nothing
      Path renamed = dir.resolve("renamed-" + e.getValue().ordinal() + ".txt");
      Files.copy(f, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals(e.getValue(), PoseFiles.detect(renamed), e.getKey());
    }
  }

  @Test
  void summariesCountFramesInstancesAndTracks() throws Exception {
    Map<String, Object> clip = PoseFiles.summary(SharedData.require("format-fixtures/tracks/clip.slp"));
    assertEquals(1500, clip.get("labeled_frames"));
    assertEquals(3000, clip.get("user_instances"));
    assertEquals(List.of("female", "male"), clip.get("tracks"));
    Map<String, Object> mont = PoseFiles.summary(SharedData.require("format-fixtures/dlc-multianimal/montblanc_tracks.h5"));
    assertEquals(180, mont.get("frames"));
    assertEquals(List.of("bird1", "bird2", "bird3"), mont.get("individuals"));
  }

  /** clip.slp through SLEAP analysis, DeepLabCut .h5 and CSV: the same poses at every step. */
  @Test
  void conversionsKeepThePoses() throws Exception {
    Path slp = SharedData.require("format-fixtures/tracks/clip.slp");
    PoseTable expected = SlpFile.read(slp).toPoseTable(0, 1500, "SLEAP");
    Path a = dir.resolve("clip.analysis.h5");
    List<String> dropped = PoseFiles.convert(slp, PoseFiles.Target.SLP_ANALYSIS, a);
    assertTrue(dropped.isEmpty(), dropped.toString());
    Path h5 = dir.resolve("clip.h5");
    assertTrue(PoseFiles.convert(a, PoseFiles.Target.DLC_H5, h5).get(0).contains("skeleton"));
    Path csv = dir.resolve("clip.csv");
    PoseFiles.convert(h5, PoseFiles.Target.DLC_CSV, csv);
    assertEquals(expected, PoseFiles.readPredictions(a));
    assertEquals(expected, PoseFiles.readPredictions(h5));
    assertEquals(expected, DlcPredictionCsv.read(csv));
  }

  @Test
  void nwbPosesConvert() throws Exception {
    Path nwb = SharedData.require("format-fixtures/nwb/0.1.1_poseestimation_nodes_edges.nwb");
    Path csv = dir.resolve("nwb.csv");
    List<String> dropped = PoseFiles.convert(nwb, PoseFiles.Target.DLC_CSV, csv);
    assertTrue(dropped.stream().anyMatch(d -> d.contains("timestamps")), dropped.toString());
    assertEquals(PoseFiles.readPredictions(nwb), DlcPredictionCsv.read(csv));
    assertEquals("2.7.0", PoseFiles.summary(nwb).get("nwb_version"));
    Path again = dir.resolve("again.nwb");
    PoseFiles.convert(nwb, PoseFiles.Target.NWB, again);
    assertEquals(PoseFiles.readPredictions(nwb), PoseFiles.readPredictions(again));
    org.labpose.core.io.InputFormatException e = assertThrows(org.labpose.core.io.InputFormatException.class,
        () -> PoseFiles.convert(csv, PoseFiles.Target.NWB, dir.resolve("x.nwb")));
    assertTrue(e.getMessage().contains("--fps"), e.getMessage());
    PoseFiles.convert(csv, PoseFiles.Target.NWB, dir.resolve("x.nwb"), 30);
    assertEquals(PoseFiles.readPredictions(nwb), PoseFiles.readPredictions(dir.resolve("x.nwb")));
  }

  @Test
  void otherFilesAreRefusedSayingWhatWasExpected() throws Exception {
    Path txt = dir.resolve("notes.csv");
    Files.writeString(txt, "frame,x,y\n1,2,3\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> PoseFiles.detect(txt));
    assertTrue(e.getMessage().contains("notes.csv") && e.getMessage().contains("DeepLabCut CSV"), e.getMessage());
    Path labels = SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv");
    e = assertThrows(InputFormatException.class, () -> PoseFiles.readPredictions(labels));
    assertTrue(e.getMessage().contains("expected poses over frames, found DeepLabCut labels"), e.getMessage());
  }
}

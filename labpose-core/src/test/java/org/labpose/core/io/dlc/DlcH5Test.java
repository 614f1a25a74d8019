package org.labpose.core.io.dlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.PythonPandas;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.PoseTable;
import org.labpose.core.model.SeededPoses;

/**
 * DeepLabCut {@code .h5} files written by LabPose read back to the same table, and pandas reads
 * them to the DataFrame it reads from the matching CSV and from DeepLabCut's own files.
 */
class DlcH5Test {
  @TempDir Path dir;

  @Test
  void predictionsRoundTrip() throws Exception {
    PoseTable t = table(KeypointLayout.singleAnimal(List.of("nose", "tail base", "é")), 37, 1);
    Path h5 = dir.resolve("vidDLC_resnet50.h5");
    DlcH5.writePredictions(t, h5);
    assertEquals(t, DlcH5.readPredictions(h5));
    PoseTable m = table(KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tail"), List.of("cup")), 12, 2);
    DlcH5.writePredictions(m, h5);
    assertEquals(m, DlcH5.readPredictions(h5));
    PoseTable empty = new PoseTable("S", KeypointLayout.singleAnimal(List.of("nose")), 0);
    DlcH5.writePredictions(empty, h5);
    assertEquals(empty, DlcH5.readPredictions(h5));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(h5), s.toList(), "no temporary file left");
    }
  }

  @Test
  void labelsRoundTripWithEitherIndex() throws Exception {
    LabelSet labels = DlcLabelCsv.read(SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv"));
    Path h5 = dir.resolve("CollectedData_LM.h5");
    DlcH5.writeLabels(labels, h5);
    assertEquals(labels, DlcLabelH5.read(h5));
    LabelSet pranav = DlcLabelH5.read(SharedData.openField().resolve("labeled-data/m4s1/CollectedData_Pranav.h5"));
    DlcH5.writeLabels(pranav, h5, DlcLabelCsv.IndexStyle.SINGLE_COLUMN);
    assertEquals(pranav, DlcLabelH5.read(h5));
  }

  /** DeepLabCut's montblanc tracks: its CSV read by LabPose, written as .h5, is its .h5 for pandas. */
  @Test
  void pandasReadsLabPoseH5AsDeepLabCutsOwn() throws Exception {
    Path csv = SharedData.require("format-fixtures/dlc-multianimal/montblanc_tracks.csv");
    Path theirs = SharedData.require("format-fixtures/dlc-multianimal/montblanc_tracks.h5");
    PoseTable t = DlcPredictionCsv.read(csv);
    assertEquals(t, DlcH5.readPredictions(theirs), "LabPose reads DeepLabCut's .h5 as its CSV");
    Path ours = dir.resolve("montblanc_tracks.h5");
    DlcH5.writePredictions(t, ours);
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_frame.py", dir, "h5", ours.toString(), theirs.toString());
  }

  @Test
  void pandasReadsLabelsAsDeepLabCutsOwn() throws Exception {
    Path theirs = SharedData.openField().resolve("labeled-data/m4s1/CollectedData_Pranav.h5");
    Path ours = dir.resolve("CollectedData_Pranav.h5");
    DlcH5.writeLabels(DlcLabelH5.read(theirs), ours, DlcLabelCsv.IndexStyle.SINGLE_COLUMN);
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_frame.py", dir, "h5", ours.toString(), theirs.toString());
  }

  /** Every value of LabPose's .h5 as pandas reads the CSV LabPose writes for the same table. */
  @Test
  void pandasReadsH5AsTheCsv() throws Exception {
    PoseTable single = table(KeypointLayout.singleAnimal(List.of("nose", "tail base")), 50, 3);
    DlcPredictionCsv.write(single, dir.resolve("s.csv"));
    DlcH5.writePredictions(single, dir.resolve("s.h5"));
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_frame.py", dir, "csv", dir.resolve("s.h5").toString(), dir.resolve("s.csv").toString(), "3", "1");
    PoseTable multi = table(KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tail"), List.of("cup")), 20, 4);
    DlcPredictionCsv.write(multi, dir.resolve("m.csv"));
    DlcH5.writePredictions(multi, dir.resolve("m.h5"));
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_frame.py", dir, "csv", dir.resolve("m.h5").toString(), dir.resolve("m.csv").toString(), "4", "1");
    LabelSet labels = DlcLabelCsv.read(SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv"));
    DlcLabelCsv.write(labels, dir.resolve("l.csv"));
    DlcH5.writeLabels(labels, dir.resolve("l.h5"));
    PythonPandas.check(PythonPandas.class, "io/hdf5/same_frame.py", dir, "csv", dir.resolve("l.h5").toString(), dir.resolve("l.csv").toString(), "4", "3");
  }

  @Test
  void aLabelFileIsNotPredictions() throws Exception {
    Path h5 = dir.resolve("CollectedData_LM.h5");
    DlcH5.writeLabels(DlcLabelCsv.read(SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv")), h5);
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcH5.readPredictions(h5));
    assertTrue(e.getMessage().contains("CollectedData_LM.h5") && e.getMessage().contains("likelihood"), e.getMessage());
  }

  /** Seeded positions in a 640 x 480 frame, every seventh point missing. */
  private static PoseTable table(KeypointLayout layout, int frames, long seed) {
    return SeededPoses.table("DLC_resnet50_testJan1shuffle1_1000", layout, frames, seed, 7, 3, 640, 480);
  }

}

package org.labpose.core.io.dlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

class DlcLabelCsvTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {
      "dlc/labeled-data/video/dlc_testdata.csv",
      "dlc/labeled-data/video/dlc_testdata_v2.csv",
      "dlc/labeled-data/video/madlc_testdata.csv",
      "dlc/labeled-data/video/madlc_testdata_v2.csv",
      "dlc/labeled-data/video/maudlc_testdata.csv",
      "dlc/labeled-data/video/maudlc_testdata_v2.csv",
      "dlc/labeled-data/video/CollectedData_LM.csv",
      "dlc_multiple_datasets/video1/dlc_dataset_1.csv",
      "dlc_multiple_datasets/video2/dlc_dataset_2.csv"})
  void fixturesLoadAndRoundTrip(String fixture) throws Exception {
    Path f = SharedData.require("format-fixtures/" + fixture);
    DlcLabelCsv.Parsed p = DlcLabelCsv.parse(f);
    assertFalse(p.labels().frames().isEmpty());
    Path out = dir.resolve("out.csv");
    DlcLabelCsv.write(p.labels(), out, p.style());
    assertEquals(p.labels(), DlcLabelCsv.read(out));
    DlcLabelCsv.write(p.labels(), out, DlcLabelCsv.IndexStyle.SINGLE_COLUMN);
    assertEquals(p.labels(), DlcLabelCsv.read(out));
  }

  @Test
  void singleAnimalValuesAndMissing() throws Exception {
    for (String name : List.of("dlc_testdata.csv", "dlc_testdata_v2.csv")) {
      LabelSet s = DlcLabelCsv.read(SharedData.require("format-fixtures/dlc/labeled-data/video/" + name));
      assertEquals("Scorer", s.scorer());
      assertEquals(List.of("A", "B", "C"), s.layout().bodyparts());
      assertFalse(s.layout().isMultiAnimal());
      assertEquals(4, s.size());
      LabeledFrame f1 = s.frame("labeled-data/video/img001.png");
      assertEquals(12.0, f1.x(KeypointId.of("A")));
      assertEquals(13.0, f1.y(KeypointId.of("A")));
      assertTrue(f1.isMissing(KeypointId.of("B")));
      assertEquals(0, s.frame("labeled-data/video/img002.png").labelledCount());
      assertEquals(27.0, s.frame("labeled-data/video/img003.png").y(KeypointId.of("C")));
    }
  }

  @Test
  void multiAnimalWithUniqueBodyparts() throws Exception {
    LabelSet s = DlcLabelCsv.read(SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv"));
    assertTrue(s.layout().isMultiAnimal());
    assertEquals(List.of("Animal1", "Animal2"), s.layout().individuals());
    assertEquals(List.of("A", "B", "C"), s.layout().bodyparts());
    assertEquals(List.of("D", "E"), s.layout().uniqueBodyparts());
    LabeledFrame f = s.frame("labeled-data/video/img001.png");
    assertEquals(22.0, f.x(new KeypointId("single", "D")));
    assertEquals(21.0, f.y(new KeypointId("Animal2", "C")));
    assertTrue(f.isMissing(new KeypointId("Animal2", "B")));
    assertTrue(s.frame("labeled-data/video/img000.png").isMissing(new KeypointId("single", "E")));
    // the short last row is all missing
    assertEquals(0, s.frame("labeled-data/video/img002.png").labelledCount());
  }

  @Test
  void openFieldLabels() throws Exception {
    LabelSet s = DlcLabelCsv.read(SharedData.openField().resolve("labeled-data/m4s1/CollectedData_Pranav.csv"));
    assertEquals(116, s.size());
    assertEquals(List.of("snout", "leftear", "rightear", "tailbase"), s.layout().bodyparts());
    assertEquals(21.521, s.frames().get(0).x(KeypointId.of("snout")));
    for (KeypointId k : s.layout().keypoints()) {
      assertEquals(0, s.missingCount(k));
    }
  }

  @Test
  void wrongHeaderRowNamesTheLine() throws Exception {
    Path f = write("scorer,S,S\nbodypart,A,A\ncoords,x,y\nimg.png,1,2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(f));
    assertEquals("line 2", e.location());
    assertTrue(e.getMessage().contains("'bodyparts'"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void wrongCoordsNamesTheColumn() throws Exception {
    Path f = write("scorer,S,S\nbodyparts,A,A\ncoords,x,z\nimg.png,1,2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(f));
    assertEquals("line 3, column 3", e.location());
  }

  @Test
  void nonNumericCoordinateNamesLineColumnAndBodypart() throws Exception {
    Path f = write("scorer,S,S,S,S\nbodyparts,A,A,B,B\ncoords,x,y,x,y\nlabeled-data/v/img0.png,1,2,3,4\nlabeled-data/v/img1.png,1,2,abc,4\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(f));
    assertEquals("line 5, column 4 (B x)", e.location());
    assertTrue(e.problem().contains("'abc'"));
  }

  @Test
  void duplicateFrameNamesBothLines() throws Exception {
    Path f = write("scorer,S,S\nbodyparts,A,A\ncoords,x,y\nimg.png,1,2\nimg.png,3,4\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(f));
    assertEquals("line 5", e.location());
    assertTrue(e.problem().contains("line 4"));
  }

  @Test
  void emptyFileIsAClearError() throws Exception {
    Path f = write("");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(f));
    assertTrue(e.problem().contains("scorer"));
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("CollectedData_S.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void labelFileCutInsideItsLastNumberIsRefused() throws Exception {
    Path good = SharedData.openField().resolve("labeled-data/m4s1/CollectedData_Pranav.csv");
    String text = Files.readString(good);
    Path cut = dir.resolve("CollectedData_Pranav.csv");
    Files.writeString(cut, text.substring(0, text.stripTrailing().length() - 2));
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelCsv.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": line ") && e.getMessage().contains("no newline"), e.getMessage());
  }
}

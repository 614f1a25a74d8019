package org.labpose.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class AgreementTest {
  @TempDir Path dir;

  private Path predictions(String name, List<String> bodyparts, double offset) throws Exception {
    PoseTable t = new PoseTable("s", KeypointLayout.singleAnimal(bodyparts), 20);
    for (int f = 0; f < 20; f++) {
      for (String b : bodyparts) {
        t.set(f, KeypointId.of(b), f + offset, 10, 0.9);
      }
    }
    Path p = dir.resolve(name);
    DlcPredictionCsv.write(t, p);
    return p;
  }

  @Test
  void anEmptyFileIsCalledEmptyNotLabels() throws Exception {
    Path a = predictions("a.csv", List.of("nose"), 0);
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    InputFormatException e = assertThrows(InputFormatException.class, () -> Agreement.keypoints(a, empty, Agreement.Settings.defaults()));
    assertEquals(empty, e.file());
    assertTrue(e.getMessage().contains("empty file"), e.getMessage());
  }

  @Test
  void aBodypartInOneFileOnlyIsNamedInAWarning() throws Exception {
    Path a = predictions("a.csv", List.of("nose", "tail"), 0);
    Path b = predictions("b.csv", List.of("nose", "Tail"), 3);
    Agreement.Report r = Agreement.keypoints(a, b, Agreement.Settings.defaults());
    assertEquals(2, r.table().size(), "header and nose");
    assertEquals("nose", r.table().get(1).get(0));
    assertEquals("3.0000", r.table().get(1).get(3), "mean error, px");
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).contains("a.csv") && r.warnings().get(0).contains("tail"), r.warnings().toString());
    assertTrue(r.warnings().get(1).contains("b.csv") && r.warnings().get(1).contains("Tail"), r.warnings().toString());
  }

  @Test
  void labelsAgainstPredictionsIsRefusedNamingBoth() throws Exception {
    Path a = predictions("a.csv", List.of("nose"), 0);
    Path labels = dir.resolve("CollectedData_x.csv");
    Files.writeString(labels, "scorer,,,x,x\nbodyparts,,,nose,nose\ncoords,,,x,y\nlabeled-data,v,img000.png,1,2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> Agreement.keypoints(a, labels, Agreement.Settings.defaults()));
    assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("a.csv"), e.getMessage());
  }
}

package org.labpose.core.io.dlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class DlcPredictionCsvTest {
  @TempDir Path dir;

  private static PoseTable random(KeypointLayout layout, int frames, long seed) {
    Random r = new Random(seed);
    PoseTable t = new PoseTable("DLC_resnet50_openfieldOct30shuffle1_50000", layout, frames);
    for (int f = 0; f < frames; f++) {
      for (KeypointId k : layout.keypoints()) {
        if (r.nextInt(10) == 0) {
          continue; // missing
        }
        t.set(f, k, r.nextDouble() * 640, r.nextDouble() * 480, r.nextDouble());
      }
    }
    return t;
  }

  @Test
  void singleAnimalRoundTrip() throws Exception {
    PoseTable t = random(KeypointLayout.singleAnimal(List.of("snout", "leftear", "rightear", "tailbase")), 50, 1);
    Path f = dir.resolve("p.csv");
    DlcPredictionCsv.write(t, f);
    assertEquals(t, DlcPredictionCsv.read(f));
    List<String> lines = Files.readAllLines(f);
    assertTrue(lines.get(0).startsWith("scorer,DLC_resnet50"));
    assertTrue(lines.get(1).startsWith("bodyparts,snout,snout,snout,leftear"));
    assertTrue(lines.get(2).startsWith("coords,x,y,likelihood,x"));
    assertTrue(lines.get(3).startsWith("0,"));
  }

  @Test
  void multiAnimalRoundTrip() throws Exception {
    PoseTable t = random(KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("nose", "tail"), List.of("food")), 20, 2);
    Path f = dir.resolve("p.csv");
    DlcPredictionCsv.write(t, f);
    assertEquals(t, DlcPredictionCsv.read(f));
    assertTrue(Files.readAllLines(f).get(1).startsWith("individuals,m1,m1,m1,m1,m1,m1,m2"));
  }

  @Test
  void badFrameIndexNamesTheLine() throws Exception {
    Path f = dir.resolve("p.csv");
    Files.writeString(f, "scorer,N,N,N\nbodyparts,a,a,a\ncoords,x,y,likelihood\n0,1,2,0.5\nframe1,1,2,0.5\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcPredictionCsv.read(f));
    assertEquals("line 5, column 1", e.location());
  }

  @Test
  void labelHeaderIsNotAPredictionHeader() throws Exception {
    Path f = dir.resolve("p.csv");
    Files.writeString(f, "scorer,N,N\nbodyparts,a,a\ncoords,x,y\n0,1,2\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcPredictionCsv.read(f));
    assertTrue(e.problem().contains("likelihood"), e.getMessage());
  }

  @Test
  void cutFilesAndImpossibleValuesAreRefused() throws Exception {
    PoseTable t = random(KeypointLayout.singleAnimal(List.of("snout", "tailbase")), 200, 3);
    Path f = dir.resolve("p.csv");
    DlcPredictionCsv.write(t, f);
    String text = Files.readString(f);
    // cut inside the last number: the last line has no newline
    Path cut = dir.resolve("cut.csv");
    Files.writeString(cut, text.substring(0, text.length() - 3));
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcPredictionCsv.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": line 203") && e.getMessage().contains("no newline"), e.getMessage());
    String header = String.join("\n", text.lines().limit(3).toList()) + "\n";
    for (String bad : List.of("0,1,2,-0.5,3,4,0.5", "0,1,2,5,3,4,0.5", "0,1e300,2,0.5,3,4,0.5", "0,1,2,0.5,3,-2e6,0.5")) {
      Path b = dir.resolve("bad.csv");
      Files.writeString(b, header + bad + "\n");
      InputFormatException be = assertThrows(InputFormatException.class, () -> DlcPredictionCsv.read(b), bad);
      assertTrue(be.getMessage().startsWith(b + ": line 4, column "), be.getMessage());
    }
  }
}

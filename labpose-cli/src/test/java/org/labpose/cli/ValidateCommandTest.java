package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void humanVersusHumanLabelsWithAKnownBias() throws Exception {
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("snout", "tailbase"));
    Random r = new Random(4);
    List<LabeledFrame> a = new ArrayList<>();
    List<LabeledFrame> b = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double[] xy = new double[4];
      double[] xy2 = new double[4];
      for (int c = 0; c < 4; c++) {
        xy[c] = 50 + 400 * r.nextDouble();
        xy2[c] = xy[c] + (c % 2 == 0 ? 2 : 0) + 0.1 * r.nextGaussian(); // the second labeller clicks 2 px to the right
      }
      String img = "labeled-data/v1/img" + String.format("%03d", i) + ".png";
      a.add(new LabeledFrame(img, layout, xy));
      b.add(new LabeledFrame(img, layout, xy2));
    }
    Path fa = dir.resolve("CollectedData_anna.csv");
    Path fb = dir.resolve("CollectedData_ben.csv");
    DlcLabelCsv.write(new LabelSet("anna", layout, a), fa);
    DlcLabelCsv.write(new LabelSet("ben", layout, b), fb);
    Path out = dir.resolve("agreement.csv");
    Cli run = Cli.run("validate", fa.toString(), fb.toString(), "--pck", "3", "--out", out.toString());
    assertEquals(0, run.code(), run.err());
    CsvTable t = CsvTable.read(out);
    List<String> h = t.rows().get(0).cells();
    List<String> snout = t.rows().get(1).cells();
    assertEquals("snout", snout.get(0));
    assertEquals(40, Integer.parseInt(snout.get(h.indexOf("paired"))));
    assertEquals(2.0, Double.parseDouble(snout.get(h.indexOf("bias_x_px"))), 0.05);
    assertEquals(0.0, Double.parseDouble(snout.get(h.indexOf("bias_y_px"))), 0.05);
    assertTrue(Double.parseDouble(snout.get(h.indexOf("p_bias_x"))) < 1e-6, "systematic bias found");
    assertEquals(1.0, Double.parseDouble(snout.get(h.indexOf("pck"))), 1e-9);
    assertTrue(Double.parseDouble(snout.get(h.indexOf("icc21_y"))) > 0.999);
    assertTrue(run.out().contains("mean_error_px"));
  }

  @Test
  void predictionsAndBehaviours() throws Exception {
    KeypointLayout layout = KeypointLayout.singleAnimal(List.of("nose"));
    PoseTable p = new PoseTable("A", layout, 50);
    PoseTable q = new PoseTable("B", layout, 50);
    for (int f = 0; f < 50; f++) {
      p.set(f, KeypointId.of("nose"), f, 10, 0.9);
      q.set(f, KeypointId.of("nose"), f + 3, 14, f < 10 ? 0.1 : 0.9); // 5 px off; 10 frames under the cut-off
    }
    Path a = dir.resolve("aDLC_x.csv");
    Path b = dir.resolve("bDLC_x.csv");
    DlcPredictionCsv.write(p, a);
    DlcPredictionCsv.write(q, b);
    Cli run = Cli.run("validate", a.toString(), b.toString(), "--tolerance", "6");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().matches("(?s).*nose\\s+50\\s+40\\s+5\\.0000\\s+5\\.0000\\s+1\\.0000\\s+0\\.8000.*"), run.out());

    Path ref = dir.resolve("ref.csv");
    Path got = dir.resolve("got.csv");
    Files.writeString(ref, "behavior,start,stop\ngrooming,0,24\nrearing,30,39\n");
    Files.writeString(got, "Behavior,Start (s),Stop (s)\ngrooming,0,0.6\n"); // frames 0..15 at 25 fps
    run = Cli.run("validate", "--behavior", ref.toString(), got.toString(), "--fps", "25", "--frames", "50");
    assertEquals(0, run.code(), run.err());
    // grooming: 16 of 25 frames found, no false positives among 25 negatives
    assertTrue(run.out().matches("(?s).*grooming\\s+50\\s+25\\s+16\\s+0\\.6400\\s+0\\.6400\\s+1\\.0000\\s+1\\.0000\\s+0\\.7805.*"), run.out());

    run = Cli.run("validate", "--behavior", ref.toString(), got.toString());
    assertEquals(LabPose.BAD_INPUT, run.code());
    assertTrue(run.err().contains("got.csv") && run.err().contains("--fps"), run.err());
    run = Cli.run("validate", a.toString(), dir.resolve("nothing.csv").toString());
    assertEquals(LabPose.BAD_INPUT, run.code());
  }

  @Test
  void aSettingOutOfRangeIsAUserErrorNamingTheSetting() throws Exception {
    Cli run = Cli.run("validate", "a.csv", "b.csv", "--pck", "-1");
    assertEquals(LabPose.BAD_INPUT, run.code());
    assertTrue(run.err().startsWith("labpose: error: pckPx, tolerancePx: must be positive pixels, got -1.0"), run.err());
    assertTrue(!run.err().contains("internal error") && !run.err().contains("Exception"), run.err());
  }
}

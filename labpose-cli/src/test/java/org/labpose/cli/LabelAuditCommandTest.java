package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-labels --audit on the real open-field labels (skips without ../shared/data). */
class LabelAuditCommandTest {
  @TempDir Path dir;

  @Test
  void auditsTheOpenFieldLabels() throws Exception {
    Path root = OpenFieldCopy.make(dir, n -> n.endsWith(".png") || n.equals("CollectedData_Pranav.csv"));
    // a duplicate image and a click outside the frame, planted
    Files.copy(root.resolve("labeled-data/m4s1/img0102.png"), root.resolve("labeled-data/m4s1/img9999.png"));
    Path csv = root.resolve("labeled-data/m4s1/CollectedData_Pranav.csv");
    String text = Files.readString(csv);
    String row = text.lines().filter(l -> l.startsWith("labeled-data/m4s1/img0102.png,")).findFirst().orElseThrow();
    Files.writeString(csv, text.stripTrailing() + "\n" + row.replace("img0102.png", "img9999.png").replaceFirst(",95\\.30799999999999,", ",695.3,") + "\n");
    Path out = dir.resolve("audit.csv");
    Cli r = Cli.run("check-labels", root.resolve("config.yaml").toString(), "--audit", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    // DeepLabCut's own labels have one frame whose ears are on the other side of the body axis than in the 115 others
    assertTrue(r.out().contains("labeled-data/m4s1/img0102.png leftear,rightear: left/right swapped?"), r.out());
    assertTrue(r.out().contains("(labeler: #m4s1/img0102.png)"), r.out());
    assertTrue(r.out().contains("img9999.png snout: outside the 640×480 image"), r.out());
    assertTrue(r.out().contains("img9999.png: duplicate of labeled-data/m4s1/img0102.png"), r.out());
    assertTrue(Files.readAllLines(out).size() >= 4);
  }
}

package org.labpose.core.io.sleap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/** SLEAP's tracks/clip.slp fixture: 1500 frames, 2 flies with tracks, 13 nodes, every instance drawn by people. */
class SlpFileTest {
  @TempDir Path dir;

  @Test
  void readsTheClipFixture() throws Exception {
    SlpFile.SlpLabels l = SlpFile.read(SharedData.require("format-fixtures/tracks/clip.slp"));
    assertEquals(1.1, l.formatId(), 1e-9);
    assertEquals(13, l.nodes().size());
    assertEquals(List.of("female", "male"), l.tracks());
    assertEquals(List.of("clip.mp4"), l.videos());
    assertEquals(1500, l.frames().size());
    assertEquals(12, l.edges().size(), "the fly skeleton's 12 body edges");
    int instances = 0;
    for (SlpFile.Frame f : l.frames()) {
      assertEquals(2, f.instances().size(), "frame " + f.frame());
      for (SlpFile.Instance in : f.instances()) {
        assertTrue(in.user());
        instances++;
      }
    }
    assertEquals(3000, instances);
    assertEquals(0, l.frames().get(0).frame());
    SlpFile.Instance first = l.frames().get(0).instances().get(0);
    assertEquals(1, first.track(), "the first instance of frame 0 belongs to track 1 (male)");
    // the first stored point (format 1.1: no half-pixel shift), in skeleton node order
    assertEquals(335.25, first.points()[0][0], 1e-9);
    assertEquals(444.75, first.points()[0][1], 1e-9);
    for (int[] e : l.edges()) {
      assertTrue(e[0] >= 0 && e[0] < 13 && e[1] >= 0 && e[1] < 13);
    }
  }

  /** Every .slp fixture reads: predicted and user instances, one or more skeleton nodes, points within the image. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "slp_hdf5/minimal_instance.slp", "slp_hdf5/small_robot_minimal.slp", "slp_hdf5/dance.mp4.labels.slp",
      "tracks/clip.2node.slp", "tracks/clip.predictions.slp", "analysis_example/predictions.slp"})
  void readsEverySleapFixture(String name) throws Exception {
    SlpFile.SlpLabels l = SlpFile.read(SharedData.require("format-fixtures/" + name));
    assertTrue(!l.nodes().isEmpty() && !l.frames().isEmpty(), name);
    int points = 0;
    for (SlpFile.Frame f : l.frames()) {
      for (SlpFile.Instance in : f.instances()) {
        assertEquals(l.nodes().size(), in.points().length);
        for (double[] p : in.points()) {
          if (!Double.isNaN(p[0])) {
            points++;
            assertTrue(p[0] > -2 && p[1] > -2 && p[0] < 5000 && p[1] < 5000, name + ": " + p[0] + "," + p[1]);
          }
        }
      }
    }
    assertTrue(points > 0, name);
  }

  @Test
  void tracksBecomeIndividuals() throws Exception {
    SlpFile.SlpLabels l = SlpFile.read(SharedData.require("format-fixtures/tracks/clip.slp"));
    PoseTable t = l.toPoseTable(0, 1500, "sleap");
    assertEquals(List.of("female", "male"), t.layout().individuals());
    SlpFile.Instance male0 = l.frames().get(0).instances().get(0);
    String node0 = l.nodes().get(0);
    assertEquals(male0.points()[0][0], t.x(0, new KeypointId("male", node0)));
    assertEquals(1.0, t.likelihood(0, new KeypointId("male", node0)));
  }

  @Test
  void aFileThatIsNotSleapIsNamed() throws Exception {
    Path f = dir.resolve("not.slp");
    Files.writeString(f, "hello");
    InputFormatException e = assertThrows(InputFormatException.class, () -> SlpFile.read(f));
    assertTrue(e.getMessage().contains("not.slp"), e.getMessage());
  }
}

package org.labpose.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

class ProjectLayoutTest {
  @TempDir Path dir;

  @Test
  void namesAreDeepLabCuts() {
    ProjectLayout l = new ProjectLayout(dir, ProjectConfig.defaults("openfield", "Pranav", "Oct30"));
    assertEquals(dir.resolve("training-datasets/iteration-0/UnaugmentedDataSet_openfieldOct30"), l.dataset());
    assertEquals("openfieldOct30-trainset95shuffle1", l.shuffleName(0.95, 1));
    assertEquals(dir.resolve("training-datasets/iteration-0/UnaugmentedDataSet_openfieldOct30/Documentation_data-openfield_95shuffle1.json"),
        l.splitFile(0.95, 1));
    assertEquals(dir.resolve("labpose-models/iteration-2/openfieldOct30-trainset80shuffle3"), l.modelDir(2, 0.8, 3));
    assertEquals(dir.resolve("evaluation-results/iteration-0/openfieldOct30-trainset80shuffle3"), l.evaluationDir(0.8, 3));
    assertEquals("DLC_mobnet_100_openfieldOct30shuffle1_5000", ProjectLayout.networkScorer("mobnet_100", "openfield", "Oct30", 1, 5000));
    assertEquals(OptionalInt.of(12), ProjectLayout.parseIteration("iteration-12"));
    assertFalse(ProjectLayout.parseIteration("iteration-x").isPresent());
    assertFalse(ProjectLayout.parseIteration("movenet_lightning").isPresent());
    assertEquals(dir.resolve("assay"), l.assay());
    assertEquals(dir.resolve("gait"), l.gait());
    assertEquals(dir.resolve("motifs"), l.motifs());
    assertTrue(ProjectLayout.isRendering("m3v1_labeled"));
    assertEquals(dir.resolve("labeled-data/m3v1_labeled"), ProjectLayout.rendering(dir.resolve("labeled-data/m3v1")));
  }

  @Test
  void predictionFilesLieNextToTheirVideo() {
    Path video = dir.resolve("videos/m3v1mp4.mp4");
    Path csv = ProjectLayout.predictions(video, "DLC_mobnet_100_xOct30shuffle1_500");
    assertEquals(dir.resolve("videos/m3v1mp4DLC_mobnet_100_xOct30shuffle1_500.csv"), csv);
    assertEquals(dir.resolve("videos/m3v1mp4DLC_mobnet_100_xOct30shuffle1_500_filtered.csv"), ProjectLayout.filtered(csv));
    assertEquals(dir.resolve("videos/m3v1mp4DLC_mobnet_100_xOct30shuffle1_500_labeled.mp4"), ProjectLayout.labeledVideo(csv));
    assertEquals(dir.resolve("videos/m3v1mp4DLC_mobnet_100_xOct30shuffle1_500.csv.partial"), ProjectLayout.partial(csv));
    Path meta = dir.resolve("videos/m3v1mp4DLC_mobnet_100_xOct30shuffle1_500_meta.json");
    assertEquals(meta, ProjectLayout.meta(csv));
    assertEquals(meta, ProjectLayout.meta(ProjectLayout.filtered(csv)), "a filtered file shares its source's _meta.json");
    assertEquals("m3v1mp4", ProjectLayout.videoStemOfPredictions(csv));
    assertEquals("m3v1mp4", ProjectLayout.videoStemOfPredictions(ProjectLayout.filtered(csv)));
    assertEquals("tracks", ProjectLayout.videoStemOfPredictions(dir.resolve("tracks_filtered.csv")));
    assertEquals(dir.resolve("videos/plot-poses/m3v1mp4"), ProjectLayout.plots(csv));
    assertEquals("labeled-data/m3v1/img007.png", ProjectLayout.labeledImage("m3v1", "img007.png"));
  }

  @Test
  void theNewestPredictionsAreFoundWhateverTheListingOrder() throws Exception {
    Path video = Files.createFile(dir.resolve("a.mp4"));
    Path old = Files.createFile(dir.resolve("aDLC_x_1.csv"));
    Path newer = Files.createFile(dir.resolve("aDLC_x_2.csv"));
    Path filtered = Files.createFile(dir.resolve("aDLC_x_2_filtered.csv"));
    Files.createFile(dir.resolve("abDLC_x_9.csv")); // another video's
    Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000_000));
    assertEquals(newer, ProjectLayout.findPredictions(video, false).orElseThrow());
    assertEquals(filtered, ProjectLayout.findPredictions(video, true).orElseThrow());
    Files.setLastModifiedTime(old, FileTime.fromMillis(2_000_000));
    assertEquals(newer, ProjectLayout.findPredictions(video, false).orElseThrow(), "same time: the later name");
  }

  @Test
  void aPredictionFileCutShortOfItsMetaIsRefused() throws Exception {
    PoseTable t = new PoseTable("DLC_x", KeypointLayout.singleAnimal(List.of("nose")), 200);
    for (int f = 0; f < 200; f++) {
      t.set(f, KeypointId.of("nose"), f, f, 0.9);
    }
    Path csv = dir.resolve("vDLC_x.csv");
    DlcPredictionCsv.write(t, csv);
    Files.writeString(ProjectLayout.meta(csv), "{\"video\": \"/x/v.mp4\", \"frames\": 200}");
    assertEquals(200, ProjectLayout.readPredictions(csv).frameCount());
    // the first 100 rows, cut at a line end
    List<String> lines = Files.readAllLines(csv);
    Files.write(csv, lines.subList(0, 3 + 100));
    InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectLayout.readPredictions(csv));
    assertEquals(csv, e.file());
    assertTrue(e.getMessage().contains("100 frames") && e.getMessage().contains("200"), e.getMessage());
    // the same rows with no _meta.json: nothing to compare with
    Files.delete(ProjectLayout.meta(csv));
    assertEquals(100, ProjectLayout.readPredictions(csv).frameCount());
    Files.writeString(ProjectLayout.meta(csv), "{\"frames\": \"many\"}");
    e = assertThrows(InputFormatException.class, () -> ProjectLayout.readPredictions(csv));
    assertEquals(ProjectLayout.meta(csv), e.file());
  }
}

package org.labpose.core.io.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/** COCO keypoint files: read with their 1-based skeletons and visibility flags, written and read back. */
class CocoKeypointsTest {
  @TempDir Path dir;

  private Path fixture() throws Exception {
    Path f = dir.resolve("two_mice.json");
    try (InputStream in = CocoKeypointsTest.class.getResourceAsStream("two_mice.json")) {
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }

  @Test
  void readsCategoriesImagesAndAnnotations() throws Exception {
    CocoKeypoints.Dataset d = CocoKeypoints.read(fixture());
    assertEquals(3, d.images().size());
    assertEquals(4, d.annotations().size());
    CocoKeypoints.Category mouse = CocoLabels.category(d, dir, "mouse");
    assertEquals(List.of(List.of("snout", "neck"), List.of("neck", "tailbase")), CocoLabels.skeleton(mouse));
    InputFormatException e = assertThrows(InputFormatException.class, () -> CocoLabels.category(d, dir.resolve("two_mice.json"), null));
    assertTrue(e.getMessage().contains("[mouse, cup]") && e.getMessage().contains("--category"), e.getMessage());
  }

  @Test
  void annotationsBecomeLabelsOfSeveralAnimals() throws Exception {
    Path f = fixture();
    LabelSet ls = CocoLabels.toLabels(CocoKeypoints.read(f), f, "mouse", "coco", CocoKeypoints.Image::fileName);
    assertEquals(KeypointLayout.multiAnimal(List.of("animal1", "animal2"), List.of("snout", "neck", "tailbase"), List.of()), ls.layout());
    assertEquals(List.of("frames/a.jpg", "frames/b.jpg", "frames/c.jpg"), ls.frames().stream().map(LabeledFrame::imagePath).toList());
    assertEquals(0, ls.frames().get(2).labelledCount(), "c.jpg: no animal in it");
    LabeledFrame a = ls.frames().get(0);
    assertEquals(20.5, a.x(new KeypointId("animal1", "neck")), 0.0);
    assertTrue(Double.isNaN(a.x(new KeypointId("animal2", "neck"))), "v = 0: not labelled");
    assertEquals(50, a.x(new KeypointId("animal2", "tailbase")), 0.0, "v = 1: occluded, labelled");
    assertTrue(Double.isNaN(ls.frames().get(1).x(new KeypointId("animal2", "snout"))));
  }

  @Test
  void labelsRoundTripWithNamesAndUniqueBodyparts() throws Exception {
    KeypointLayout l = KeypointLayout.multiAnimal(List.of("resident", "intruder"), List.of("snout", "tail"), List.of("cup"));
    LabelSet labels = new LabelSet("me", l, List.of(
        new LabeledFrame("labeled-data/v/img1.png", l, new double[] {1, 2, 3, 4, 5, 6, Double.NaN, Double.NaN, 9, 10}),
        new LabeledFrame("labeled-data/v/img2.png", l, new double[] {11, 12, 13, 14, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 19, 20})));
    Path out = dir.resolve("out.json");
    CocoKeypoints.write(CocoLabels.fromLabels(labels, "mouse", List.of(List.of("snout", "tail")),
        Map.of("labeled-data/v/img1.png", new int[] {640, 480})), out);
    CocoKeypoints.Dataset d = CocoKeypoints.read(out);
    assertEquals(640, d.images().get(0).width());
    assertEquals(List.of("mouse", CocoLabels.UNIQUE_CATEGORY), d.categories().stream().map(CocoKeypoints.Category::name).toList());
    assertArrayEquals(new double[] {5, 6, 2, 0, 0, 0}, d.annotations().get(1).keypoints());
    LabelSet back = CocoLabels.toLabels(d, out, null, "me", CocoKeypoints.Image::fileName);
    assertEquals(labels, back);
  }

  @Test
  void badFilesNameTheKey() throws Exception {
    Path f = dir.resolve("bad.json");
    String good = Files.readString(fixture());
    Files.writeString(f, good.replace("\"keypoints\": [12, 10, 2, 22, 16, 2, 33, 24, 2]", "\"keypoints\": [12, 10, 2, 22, 16, 2]"));
    InputFormatException e = assertThrows(InputFormatException.class, () -> CocoKeypoints.read(f));
    assertTrue(e.getMessage().contains("annotations[2].keypoints") && e.getMessage().contains("expected 9"), e.getMessage());
    Files.writeString(f, good.replace("[40, 30, 2, 0, 0, 0, 50, 35, 1]", "[40, 30, 2, 0, 0, 0, 50, 35, 3]"));
    e = assertThrows(InputFormatException.class, () -> CocoKeypoints.read(f));
    assertTrue(e.getMessage().contains("annotations[1].keypoints[8]") && e.getMessage().contains("0, 1 or 2"), e.getMessage());
    Files.writeString(f, good.replace("\"image_id\": 8", "\"image_id\": 99"));
    e = assertThrows(InputFormatException.class, () -> CocoKeypoints.read(f));
    assertTrue(e.getMessage().contains("annotations[2].image_id") && e.getMessage().contains("99"), e.getMessage());
    Files.writeString(f, good.replace("[[1, 2], [2, 3]]", "[[0, 2]]"));
    e = assertThrows(InputFormatException.class, () -> CocoKeypoints.read(f));
    assertTrue(e.getMessage().contains("categories[0].skeleton[0]") && e.getMessage().contains("1 to 3"), e.getMessage());
    Files.writeString(f, good.substring(0, good.length() / 2));
    e = assertThrows(InputFormatException.class, () -> CocoKeypoints.read(f));
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }
}

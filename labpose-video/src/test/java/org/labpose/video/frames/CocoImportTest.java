package org.labpose.video.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.coco.CocoKeypoints;
import org.labpose.core.io.coco.CocoLabels;
import org.labpose.core.io.dlc.DlcLabelH5;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;
import org.labpose.video.io.Images;

/** A COCO file with its images becomes a project whose labels and images are the file's. */
class CocoImportTest {
  @TempDir Path dir;

  /** The core's two-mice fixture with three 64 x 48 JPEG images, each a different grey. */
  private Path fixture() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("frames"));
    Path json = src.resolve("two_mice.json");
    try (InputStream in = CocoKeypoints.class.getResourceAsStream("/org/labpose/core/io/coco/two_mice.json")) {
      Files.copy(in, json);
    }
    int grey = 60;
    for (String n : List.of("a", "b", "c")) {
      BufferedImage b = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 48; y++) {
        for (int x = 0; x < 64; x++) {
          b.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
        }
      }
      ImageIO.write(b, "jpg", src.resolve("frames/" + n + ".jpg").toFile());
      grey += 60;
    }
    return json;
  }

  @Test
  void importsOneCategoryAsAProject() throws Exception {
    Path json = fixture();
    CocoImport.Result r = CocoImport.importProject(json, new CocoImport.Options("coco", "tester", dir, "mouse", LocalDate.of(2026, 11, 30)));
    Project p = Project.open(r.project().configFile());
    assertEquals(List.of("snout", "neck", "tailbase"), p.config().bodyparts());
    assertEquals(List.of("animal1", "animal2"), p.keypointLayout().individuals());
    LabelSet labels = p.loadAllLabels();
    assertEquals(3, labels.size(), "c.jpg, without annotations, is a frame with no mouse");
    assertEquals(r.labels(), labels);
    assertEquals(20.5, labels.frames().get(0).x(new KeypointId("animal1", "neck")), 0.0);
    Path h5 = p.labeledDataDir("two_mice").resolve("CollectedData_tester.h5");
    assertEquals(labels, DlcLabelH5.read(h5), "the .h5 DeepLabCut trains from");
    RgbImage a = Images.read(p.resolve(labels.frames().get(0).imagePath()));
    assertEquals(64, a.width());
    assertEquals(48, a.height());
    int g = a.data()[0] & 0xff;
    assertTrue(Math.abs(g - 60) <= 3, "the first image's grey, got " + g);
    assertTrue(Files.exists(p.labeledDataDir("two_mice").resolve("c.png")));
    // and back to COCO: the same points
    CocoKeypoints.Dataset out = CocoLabels.fromLabels(labels, "mouse", List.of(), java.util.Map.of());
    assertEquals(3, out.annotations().size());
  }

  @Test
  void aMissingImageIsNamedBeforeAnyProjectIsMade() throws Exception {
    Path json = fixture();
    Files.delete(json.resolveSibling("frames/b.jpg"));
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> CocoImport.importProject(json, new CocoImport.Options("coco", "tester", dir, "mouse", LocalDate.of(2026, 11, 30))));
    assertTrue(e.getMessage().contains("frames/b.jpg") && e.getMessage().contains("image id 8"), e.getMessage());
    try (var s = Files.list(dir)) {
      assertEquals(List.of("src"), s.map(x -> x.getFileName().toString()).toList());
    }
  }
}

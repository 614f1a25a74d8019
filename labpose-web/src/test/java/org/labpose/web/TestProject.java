package org.labpose.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;

/** A small fresh project: bodyparts snout, leftear, rightear, tailbase; folder vid1 with 320x240 PNG frames. */
final class TestProject {
  private TestProject() {}

  static Project create(Path dir, int images) throws Exception {
    ProjectConfig c = ProjectConfig.defaults("webtest", "tester", "Nov24");
    c.setBodyparts(List.of("snout", "leftear", "rightear", "tailbase"));
    c.set("skeleton", List.of(List.of("snout", "leftear"), List.of("snout", "rightear"), List.of("leftear", "tailbase")));
    c.write(dir.resolve("config.yaml"));
    Path folder = dir.resolve("labeled-data").resolve("vid1");
    Files.createDirectories(folder);
    for (int i = 0; i < images; i++) {
      BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(40 + 20 * i, 90, 120));
      g.fillRect(0, 0, 320, 240);
      g.setColor(Color.WHITE);
      g.fillOval(100 + 10 * i, 90, 80, 50);
      g.dispose();
      ImageIO.write(img, "png", folder.resolve(String.format("img%03d.png", i * 10)).toFile());
    }
    return Project.open(dir.resolve("config.yaml"));
  }
}

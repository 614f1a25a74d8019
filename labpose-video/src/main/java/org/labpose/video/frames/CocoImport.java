package org.labpose.video.frames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.coco.CocoKeypoints;
import org.labpose.core.io.coco.CocoLabels;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectLayout;
import org.labpose.core.project.ProjectSetup;
import org.labpose.video.io.Images;

/**
 * Makes a LabPose (DeepLabCut-layout) project from COCO keypoint annotations: one category's
 * keypoints as bodyparts and its skeleton, the annotated images copied as PNG into {@code
 * labeled-data/<json stem>/}, the annotations as {@code CollectedData_<scorer>.csv} and {@code .h5}
 * (4-row for several animals per image). The project has no videos; its labels train as any other.
 * Image files are found at {@code file_name} relative to the JSON's folder, else in its {@code
 * images/} folder. Pixels, origin top-left.
 */
public final class CocoImport {
  private CocoImport() {}

  /**
   * @param category the category to import (null: the only one)
   */
  public record Options(String task, String scorer, Path workingDir, String category, LocalDate date) {}

  /** What was imported. */
  public record Result(Project project, LabelSet labels, int images) {}

  public static Result importProject(Path json, Options o) throws IOException {
    CocoKeypoints.Dataset d = CocoKeypoints.read(json);
    CocoKeypoints.Category cat = CocoLabels.category(d, json, o.category());
    String folder = json.getFileName().toString().replaceFirst("\\.[jJ][sS][oO][nN]$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
    Map<Long, String> names = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (CocoKeypoints.Image im : d.images()) {
      String base = im.fileName().replace('\\', '/');
      String name = base.substring(base.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
      if (!taken.add(name)) {
        name = base.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        taken.add(name);
      }
      names.put(im.id(), name + ".png");
    }
    LabelSet labels = CocoLabels.toLabels(d, json, cat.name(), o.scorer(), im -> ProjectLayout.labeledImage(folder, names.get(im.id())));
    Map<String, CocoKeypoints.Image> byPath = new HashMap<>();
    for (CocoKeypoints.Image im : d.images()) {
      byPath.put(ProjectLayout.labeledImage(folder, names.get(im.id())), im);
    }
    // every image must be readable before the project is made
    List<Path> sources = new ArrayList<>();
    for (var f : labels.frames()) {
      CocoKeypoints.Image im = byPath.get(f.imagePath());
      sources.add(find(json, im));
    }
    var layout = labels.layout();
    Project p = ProjectSetup.create(new ProjectSetup.Request(o.task(), o.scorer(), List.of(), Map.of(), o.workingDir(), false,
        layout.bodyparts(), layout.isMultiAnimal(), layout.isMultiAnimal() ? layout.individuals() : null, o.date()));
    ProjectConfig c = p.config();
    List<Object> sk = new ArrayList<>();
    for (List<String> e : CocoLabels.skeleton(cat)) {
      sk.add(new ArrayList<>(e));
    }
    c.set("skeleton", sk);
    if (layout.isMultiAnimal()) {
      c.set("uniquebodyparts", new ArrayList<>(layout.uniqueBodyparts()));
    }
    c.set("numframes2pick", labels.size());
    p.saveConfig();
    Path dir = p.labeledDataDir(folder);
    Files.createDirectories(dir);
    for (int i = 0; i < labels.size(); i++) {
      var f = labels.frames().get(i);
      RgbImage img;
      try {
        img = Images.read(sources.get(i));
      } catch (IOException | RuntimeException e) {
        throw new InputFormatException(sources.get(i), null, "unreadable image (" + e.getMessage() + ")");
      }
      CocoKeypoints.Image im = byPath.get(f.imagePath());
      if ((im.width() > 0 && im.width() != img.width()) || (im.height() > 0 && im.height() != img.height())) {
        throw new InputFormatException(json, "image id " + im.id(), "says " + im.width() + "x" + im.height() + " but " + sources.get(i)
            + " is " + img.width() + "x" + img.height());
      }
      Images.writePng(img, p.resolve(f.imagePath()));
    }
    LabelFiles.write(labels, dir.resolve("CollectedData_" + o.scorer() + ".csv"), DlcLabelCsv.IndexStyle.SPLIT);
    return new Result(p, labels, d.images().size());
  }

  private static Path find(Path json, CocoKeypoints.Image im) throws IOException {
    Path base = json.toAbsolutePath().getParent();
    String rel = im.fileName().replace('\\', '/');
    for (Path c : List.of(base.resolve(rel), base.resolve("images").resolve(rel))) {
      if (Files.isRegularFile(c)) {
        return c;
      }
    }
    throw new InputFormatException(json, "image id " + im.id() + " file_name", "'" + im.fileName() + "' not found beside the file or in its images/ folder");
  }
}

package org.labpose.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.video.Images;
import org.labpose.video.Overlay;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code labpose check-labels}. */
@Command(name = "check-labels", mixinStandardHelpOptions = true,
    description = "Render every labelled frame with its points (one colour per bodypart) and skeleton into labeled-data/<video-stem>_labeled/.")
final class CheckLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    ProjectConfig c = p.config();
    for (Path folder : p.labelFolders()) {
      LabelSet labels = p.loadLabels(folder);
      if (labels == null) {
        continue;
      }
      Color[] colors = Overlay.keypointColors(labels.layout(), c.colormap());
      List<int[]> edges = Overlay.edgeIndices(labels.layout(), c.skeletonEdges());
      Path out = folder.resolveSibling(folder.getFileName() + "_labeled");
      Files.createDirectories(out);
      for (LabeledFrame f : labels.frames()) {
        BufferedImage img = Images.toBuffered(Images.read(p.imagePath(f.imagePath(), folder)));
        Overlay.draw(img, f.coordinates(), null, colors, edges, Math.max(2, c.dotsize()), c.alphavalue(), false, Overlay.named(c.skeletonColor()));
        Images.writePng(Images.fromBuffered(img), out.resolve(f.imageName()));
      }
      Out.out(spec).printf("%s: %d frames -> %s%n", folder.getFileName(), labels.size(), p.relativize(out));
    }
    return 0;
  }
}

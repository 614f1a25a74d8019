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
import org.labpose.video.draw.Overlay;
import org.labpose.video.io.Images;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose check-labels}. */
@Command(name = "check-labels", mixinStandardHelpOptions = true,
    description = {"Render every labelled frame with its points (one colour per bodypart) and skeleton into labeled-data/<video-stem>_labeled/.",
        "With --audit: list labels that are likely wrong instead (left/right swaps, points far from the body, points outside the image, duplicate frames)."})
final class CheckLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @picocli.CommandLine.Option(names = "--audit", description = "Audit the labels instead of rendering them.") boolean audit;
  @picocli.CommandLine.Option(names = "--out", description = "With --audit: also write the findings as CSV here.") Path out;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    if (audit) {
      return audit(p);
    }
    ProjectConfig c = p.config();
    for (Path folder : p.labelFolders()) {
      LabelSet labels = p.loadLabels(folder);
      if (labels == null) {
        continue;
      }
      Color[] colors = Overlay.keypointColors(labels.layout(), c.colormap());
      List<int[]> edges = Overlay.edgeIndices(labels.layout(), c.skeletonEdges());
      Path out = org.labpose.core.project.ProjectLayout.rendering(folder);
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

  private int audit(Project p) throws Exception {
    List<org.labpose.analysis.quality.LabelAudit.Issue> all = new java.util.ArrayList<>();
    List<String> parts = p.keypointLayout().bodyparts();
    String snout = org.labpose.analysis.kinematics.Kinematics.SNOUT_NAMES.stream()
        .flatMap(n -> parts.stream().filter(b -> b.equalsIgnoreCase(n))).findFirst().orElse(null);
    String tail = org.labpose.analysis.kinematics.Kinematics.TAIL_BASE_NAMES.stream()
        .flatMap(n -> parts.stream().filter(b -> b.equalsIgnoreCase(n))).findFirst().orElse(null);
    int frames = 0;
    for (Path folder : p.labelFolders()) {
      LabelSet labels = p.loadLabels(folder);
      if (labels == null) {
        continue;
      }
      frames += labels.size();
      java.util.Map<String, int[]> sizes = new java.util.HashMap<>();
      java.util.Map<String, String> hashes = new java.util.HashMap<>();
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (LabeledFrame f : labels.frames()) {
        Path img = p.imagePath(f.imagePath(), folder);
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(img.toFile())) {
          java.util.Iterator<javax.imageio.ImageReader> readers = javax.imageio.ImageIO.getImageReaders(in);
          if (readers.hasNext()) {
            javax.imageio.ImageReader r = readers.next();
            r.setInput(in);
            sizes.put(f.imagePath(), new int[] {r.getWidth(0), r.getHeight(0)});
            r.dispose();
          }
        }
        hashes.put(f.imagePath(), java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(img))));
      }
      all.addAll(org.labpose.analysis.quality.LabelAudit.audit(labels, p.config().skeleton(), snout, tail, sizes, hashes));
    }
    for (org.labpose.analysis.quality.LabelAudit.Issue i : all) {
      String hash = i.image().startsWith("labeled-data/") ? "  (labeler: #" + i.image().substring("labeled-data/".length()) + ")" : "";
      Out.out(spec).println(i.image() + (i.keypoint().isEmpty() ? "" : " " + i.keypoint()) + ": " + i.reason() + hash);
    }
    Out.out(spec).printf("%d findings in %d labelled frames%n", all.size(), frames);
    if (out != null) {
      org.labpose.core.io.AtomicFiles.writeText(out, w -> {
        org.labpose.core.io.CsvTable.writeRow(w, List.of("image", "keypoint", "reason"));
        for (org.labpose.analysis.quality.LabelAudit.Issue i : all) {
          org.labpose.core.io.CsvTable.writeRow(w, List.of(i.image(), i.keypoint(), i.reason()));
        }
      });
    }
    return 0;
  }
}

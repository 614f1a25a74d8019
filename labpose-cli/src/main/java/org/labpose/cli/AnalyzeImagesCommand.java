package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.infer.VideoAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose analyze-images}. */
@Command(name = "analyze-images", mixinStandardHelpOptions = true,
    description = "Predict keypoints on a folder of images (time-lapse frames, file-name order) into a DeepLabCut-layout CSV; _meta.json lists the images by row.")
final class AnalyzeImagesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1", description = "Folder of PNG/JPEG images of one size.") Path folder;
  @CommandLine.Mixin ShuffleOptions sel;
  @Option(names = "--batch-size", description = "Images per inference batch (default: ${DEFAULT-VALUE}).") int batchSize = 8;
  @Option(names = "--destfolder", description = "Where to write the CSV (default: the image folder).") Path destfolder;

  @Override
  public Integer call() throws Exception {
    sel.startEngine();
    Project p = Out.openProject(spec, config);
    Path modelDir = TrainingDataset.modelDir(p, sel.fraction(p), sel.shuffle);
    try (PosePredictor pred = new PosePredictor(modelDir, null, sel.threads())) {
      String scorer = pred.info().scorer(pred.iterations());
      Path dir = destfolder != null ? destfolder : folder.toAbsolutePath();
      Files.createDirectories(dir);
      Path csv = dir.resolve(folder.toAbsolutePath().getFileName() + scorer + ".csv");
      Progress bar = new Progress(Out.err(spec), "  " + folder.getFileName(), "images");
      VideoAnalyzer.Result r = new VideoAnalyzer(pred, scorer, batchSize).analyzeImages(folder, csv, false, (d, t, f) -> bar.update(d, t));
      Out.out(spec).printf("%s: %d images in %.1f s -> %s%n", folder, r.frames(), r.seconds(), csv);
    }
    return 0;
  }
}

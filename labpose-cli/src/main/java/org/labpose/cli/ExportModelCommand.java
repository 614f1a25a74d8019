package org.labpose.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.model.ModelExport;
import org.labpose.net.model.ModelInfo;
import org.labpose.net.train.PoseTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose export-model}. */
@Command(name = "export-model", mixinStandardHelpOptions = true,
    description = "Write a trained shuffle as a self-contained model folder (weights, pose_cfg.json, model.onnx, labpose-model.json manifest) "
        + "that 'analyze --model' and the Java PoseEstimator API load without the project.")
final class ExportModelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @CommandLine.Mixin ShuffleOptions sel;
  @Option(names = "--snapshot", description = "Training iteration of the snapshot to export (default: the newest).") Integer snapshot;
  @Option(names = "--out", description = "The new folder (default: exported-models/<scorer> in the project).") Path out;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    double f = sel.fraction(p);
    Path modelDir = TrainingDataset.modelDir(p, f, sel.shuffle);
    ModelInfo info = ModelInfo.read(modelDir);
    Path snap = PoseTrainer.latestSnapshot(modelDir.resolve("train"));
    if (snapshot != null) {
      snap = PoseTrainer.snapshotFile(modelDir.resolve("train"), snapshot);
      if (!java.nio.file.Files.isRegularFile(snap)) {
        throw new UserError("--snapshot " + snapshot + ": no " + p.relativize(snap) + " (kept: "
            + PoseTrainer.snapshots(modelDir.resolve("train")).stream().map(PoseTrainer::snapshotIteration).toList() + ")");
      }
    }
    if (snap == null) {
      throw new UserError(p.relativize(modelDir) + ": no snapshot yet; run 'labpose train' first");
    }
    String scorer = info.scorer(PoseTrainer.snapshotIteration(snap));
    Path dest = out != null ? out : p.root().resolve("exported-models").resolve(scorer);
    ModelExport.export(modelDir, snap, dest, "project " + p.root().toAbsolutePath() + ", " + p.relativize(snap));
    Out.out(spec).println("exported " + scorer + " to " + dest);
    return 0;
  }
}

package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.core.io.dlc.MachineLabels;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose merge-datasets}. */
@Command(name = "merge-datasets", mixinStandardHelpOptions = true,
    description = {"Close a refinement round: checks that the frames from extract-outliers were refined (have human labels), "
        + "then moves the project to the next iteration. Earlier iterations' training sets and models stay as they are.",
        "Next: create-training-dataset, then train (which starts from the previous iteration's model)."})
final class MergeDatasetsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Option(names = "--force", description = "Move on even when extracted outlier frames are still unlabelled (they are left out of training).") boolean force;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    int it = p.config().iteration();
    int machine = 0;
    List<String> unrefined = new ArrayList<>();
    for (Path folder : p.labelFolders()) {
      Map<String, double[]> ml = MachineLabels.read(folder.resolve(MachineLabels.fileName(it)), p.keypointLayout());
      if (ml.isEmpty()) {
        continue;
      }
      LabelSet labels = p.loadLabels(folder);
      for (String img : ml.keySet()) {
        machine++;
        LabeledFrame f = labels == null ? null : labels.frame(img);
        if (f == null || f.labelledCount() == 0) {
          unrefined.add(img);
        }
      }
    }
    if (machine == 0) {
      throw new UserError("no " + MachineLabels.fileName(it) + " in any labeled-data folder: run 'labpose extract-outliers' and refine the frames with 'labpose label' first");
    }
    if (!unrefined.isEmpty() && !force) {
      throw new UserError(unrefined.size() + " of " + machine + " outlier frames have no human labels yet (first: " + unrefined.get(0)
          + "); refine them with 'labpose label', or give --force to leave them out");
    }
    p.config().setIteration(it + 1);
    p.saveConfig();
    Out.out(spec).printf("iteration %d -> %d: %d refined outlier frames join the labels%s. Next: create-training-dataset, then train "
        + "(it starts from iteration %d's model).%n", it, it + 1, machine - unrefined.size(),
        unrefined.isEmpty() ? "" : " (" + unrefined.size() + " unlabelled left out)", it);
    return 0;
  }
}

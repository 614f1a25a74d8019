package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.DlcLabelH5;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose convert-labels}. */
@Command(name = "convert-labels", mixinStandardHelpOptions = true,
    description = "Write CollectedData_<scorer>.csv from the .h5 label file of every labeled-data folder.")
final class ConvertLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;

  @Option(names = "--to", required = true, description = "Target format: csv (writing pandas HDF5 is not supported).")
  String to;

  @Override
  public Integer call() throws Exception {
    if (!to.equals("csv")) {
      throw new UserError("--to " + to + ": only 'csv' is supported (LabPose reads .h5 label files but does not write them)");
    }
    Project p = Out.openProject(spec, config);
    String name = "CollectedData_" + p.config().scorer();
    // Read and check every folder first, so that a bad file changes nothing.
    List<Path> targets = new ArrayList<>();
    List<LabelSet> sets = new ArrayList<>();
    for (Path folder : p.labelFolders()) {
      Path h5 = folder.resolve(name + ".h5");
      if (Files.exists(h5)) {
        LabelSet ls = DlcLabelH5.read(h5);
        sets.add(ls);
        targets.add(folder.resolve(name + ".csv"));
      }
    }
    for (int i = 0; i < sets.size(); i++) {
      DlcLabelCsv.write(sets.get(i), targets.get(i));
      Out.out(spec).printf("wrote %s (%d frames)%n", p.relativize(targets.get(i)), sets.get(i).size());
    }
    if (sets.isEmpty()) {
      Out.out(spec).println("no " + name + ".h5 files found under " + p.labeledDataDir());
    }
    return 0;
  }
}

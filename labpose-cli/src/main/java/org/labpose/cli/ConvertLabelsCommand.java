package org.labpose.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.core.model.LabelSet;
import org.labpose.core.project.Project;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose convert-labels}. */
@Command(name = "convert-labels", mixinStandardHelpOptions = true,
    description = "Write CollectedData_<scorer>.csv from the .h5 label file of every labeled-data folder (--to csv), or the .h5"
        + " that DeepLabCut trains from beside every CSV (--to h5).")
final class ConvertLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;

  @Option(names = "--to", required = true, description = "Target format: csv or h5.")
  String to;

  @Override
  public Integer call() throws Exception {
    if (!to.equals("csv") && !to.equals("h5")) {
      throw new UserError("--to " + to + ": expected csv or h5");
    }
    Project p = Out.openProject(spec, config);
    Map<Path, LabelSet> written = to.equals("csv") ? p.convertH5LabelsToCsv() : p.convertCsvLabelsToH5();
    for (Map.Entry<Path, LabelSet> e : written.entrySet()) {
      Out.out(spec).printf("wrote %s (%d frames)%n", p.relativize(e.getKey()), e.getValue().size());
    }
    if (!written.isEmpty()) {
      java.util.List<Path> sources = new java.util.ArrayList<>();
      for (Path w : written.keySet()) {
        String n = w.getFileName().toString();
        sources.add(w.resolveSibling(n.substring(0, n.lastIndexOf('.')) + (to.equals("csv") ? ".h5" : ".csv")));
      }
      Out.record(spec, p, sources, new java.util.ArrayList<>(written.keySet()));
    }
    if (written.isEmpty()) {
      Out.out(spec).println("no CollectedData_" + p.config().scorer() + (to.equals("csv") ? ".h5" : ".csv") + " files found under " + p.labeledDataDir());
    }
    return 0;
  }
}

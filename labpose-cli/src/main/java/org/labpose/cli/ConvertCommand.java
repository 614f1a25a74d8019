package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.formats.PoseFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose convert}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert poses between formats, found by content: predictions (DeepLabCut CSV or .h5, SLEAP analysis .h5, a SLEAP"
        + " .slp file's first video, NWB) to dlc-csv, dlc-h5, slp-analysis, coco or nwb; labels (DeepLabCut CSV or .h5, COCO JSON) to dlc-csv,"
        + " dlc-h5 or coco. Says what the target cannot hold.")
final class ConvertCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to convert.")
  Path in;

  @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "dlc-csv, dlc-h5, slp-analysis, coco or nwb (labels: dlc-csv, dlc-h5, coco).")
  String to;

  @Option(names = "--fps", description = "Frames per second, for an NWB target from a file without times.")
  Double fps;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "The file to write (replaced atomically).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PoseFiles.Target t = PoseFiles.Target.of(to);
    if (t == null) {
      throw new UserError("--to " + to + ": expected one of dlc-csv, dlc-h5, slp-analysis, coco, nwb");
    }
    if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new UserError("--out is the input file " + in + ": write to another file");
    }
    PoseFiles.Format from = PoseFiles.detect(in);
    List<String> dropped = PoseFiles.convert(in, t, out, fps == null ? Double.NaN : fps);
    Out.out(spec).printf("%s (%s) -> %s (%s)%n", in, from.description(), out, to);
    for (String d : dropped) {
      Out.out(spec).printf("  not kept: %s%n", d);
    }
    return 0;
  }
}

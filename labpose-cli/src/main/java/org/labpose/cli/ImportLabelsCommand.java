package org.labpose.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.labpose.video.frames.SleapImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose import-labels}. */
@Command(name = "import-labels", mixinStandardHelpOptions = true,
    description = {"Make a LabPose/DeepLabCut project from SLEAP labels (.slp): frames with human instances extracted from the file's video "
        + "into labeled-data/, their points as CollectedData_<scorer>.csv (4-row with tracks as individuals), nodes as bodyparts, "
        + "the skeleton's edges."})
final class ImportLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "A SLEAP .slp label file (its video beside it or where the file says).") Path file;
  @Option(names = "--working-directory", description = "Where to create the project folder (default: current folder).") Path workingDirectory = Paths.get("");
  @Option(names = "--task", description = "Task name (default: ${DEFAULT-VALUE}).") String task = "sleap";
  @Option(names = "--scorer", description = "Scorer of the labels (default: ${DEFAULT-VALUE}).") String scorer = "sleap";
  @Option(names = "--frames", description = "Frame range FIRST-LAST to take labels from (default: all).") String frames;
  @Option(names = "--max", description = "At most this many labelled frames, spread evenly (default: all).") int max;
  @Option(names = "--poses-csv", description = "Also write every frame's poses as a prediction CSV here (a reference for validate).") Path posesCsv;

  @Override
  public Integer call() throws Exception {
    FrameRange range = FrameRange.parse("--frames", frames, "0-999");
    SleapImport.Result r = SleapImport.importProject(file, new SleapImport.Options(task, scorer, workingDirectory, range.first(), range.last(), max, posesCsv, LocalDate.now()));
    var o = Out.out(spec);
    o.printf("%d of %d labelled frames imported, individuals %s, bodyparts %s%n", r.labelledFrames(), r.framesAvailable(),
        r.poses().layout().individuals(), r.poses().layout().bodyparts());
    if (posesCsv != null) {
      o.println("poses: " + posesCsv);
    }
    o.println(r.project().configFile());
    return 0;
  }
}

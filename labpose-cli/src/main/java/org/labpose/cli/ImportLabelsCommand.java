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
        + "the skeleton's edges. Or from COCO keypoints (.json): the annotated images as PNG, one category's keypoints as bodyparts."})
final class ImportLabelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "A SLEAP .slp label file (its video beside it or where the file says), or a COCO keypoint"
      + " .json (its images beside it or in images/).") Path file;
  @Option(names = "--category", description = "COCO: the category to import (default: the only one).") String category;
  @Option(names = "--working-directory", description = "Where to create the project folder (default: current folder).") Path workingDirectory = Paths.get("");
  @Option(names = "--task", description = "Task name (default: ${DEFAULT-VALUE}).") String task = "sleap";
  @Option(names = "--scorer", description = "Scorer of the labels (default: ${DEFAULT-VALUE}).") String scorer = "sleap";
  @Option(names = "--frames", description = "Frame range FIRST-LAST to take labels from (default: all).") String frames;
  @Option(names = "--max", description = "At most this many labelled frames, spread evenly (default: all).") int max;
  @Option(names = "--poses-csv", description = "Also write every frame's poses as a prediction CSV here (a reference for validate).") Path posesCsv;

  @Override
  public Integer call() throws Exception {
    if (org.labpose.core.formats.PoseFiles.detect(file) == org.labpose.core.formats.PoseFiles.Format.COCO) {
      if (frames != null || max != 0 || posesCsv != null) {
        throw new UserError("--frames, --max and --poses-csv apply to SLEAP files, not COCO");
      }
      org.labpose.video.frames.CocoImport.Result r = org.labpose.video.frames.CocoImport.importProject(file,
          new org.labpose.video.frames.CocoImport.Options(task, scorer, workingDirectory, category, LocalDate.now()));
      var layout = r.labels().layout();
      Out.out(spec).printf("%d of %d images imported (with annotations), %sbodyparts %s%n", r.labels().size(), r.images(),
          layout.isMultiAnimal() ? "individuals " + layout.individuals() + ", " : "", layout.bodyparts());
      Out.out(spec).println(r.project().configFile());
      Out.record(spec, r.project(), java.util.List.of(file), java.util.List.of(r.project().configFile(), r.project().labeledDataDir()));
      return 0;
    }
    if (category != null) {
      throw new UserError("--category applies to COCO files");
    }
    FrameRange range = FrameRange.parse("--frames", frames, "0-999");
    SleapImport.Result r = SleapImport.importProject(file, new SleapImport.Options(task, scorer, workingDirectory, range.first(), range.last(), max, posesCsv, LocalDate.now()));
    var o = Out.out(spec);
    o.printf("%d of %d labelled frames imported, individuals %s, bodyparts %s%n", r.labelledFrames(), r.framesAvailable(),
        r.poses().layout().individuals(), r.poses().layout().bodyparts());
    if (posesCsv != null) {
      o.println("poses: " + posesCsv);
    }
    o.println(r.project().configFile());
    Out.record(spec, r.project(), java.util.List.of(file), java.util.List.of(r.project().configFile(), r.project().labeledDataDir()));
    return 0;
  }
}

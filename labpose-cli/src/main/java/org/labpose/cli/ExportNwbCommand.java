package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.labpose.core.io.nwb.NwbWriter;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose export-nwb}. */
@Command(name = "export-nwb", mixinStandardHelpOptions = true,
    description = "Write each video's predictions as an NWB file with the ndx-pose extension (<csv stem>.nwb): one PoseEstimation"
        + " per animal, a PoseEstimationSeries per bodypart (x, y in px, likelihood as confidence, timestamps in s), the config's"
        + " skeleton, the cached NWB specifications; with --labels the project's labelled frames as PoseTraining.")
final class ExportNwbCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--filtered", description = "Export the *_filtered.csv predictions of each video.") boolean filtered;
  @Option(names = "--fps", description = "Frames per second, when no video gives it.") Double fps;
  @Option(names = "--session-start", description = "The session's start, ISO 8601 with offset (default: the video file's time).")
  String sessionStart;
  @Option(names = "--session-description", description = "NWB's session description (default: the task and the video).")
  String description;
  @Option(names = "--out", description = "Folder for the .nwb files (default: beside each CSV).") Path out;
  @Option(names = "--labels", description = "Also write the project's labelled frames as ndx-pose's PoseTraining.") boolean withLabels;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    List<List<String>> skeleton = new ArrayList<>();
    for (var e : p.config().skeletonEdges()) {
      skeleton.add(List.of(e.a(), e.b()));
    }
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      PoseTable t = ProjectLayout.readPredictions(csv);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      org.labpose.video.io.VideoInfo info = Out.videoInfo(p, in, csv, name);
      double rate = Out.frameRate(p, in, csv, name, fps);
      if (!(rate > 0)) {
        throw new UserError(csv + ": frame rate " + rate + ": must be positive");
      }
      String start = sessionStart;
      if (start == null) {
        Path timeOf = info != null ? info.file() : csv;
        start = OffsetDateTime.ofInstant(Files.getLastModifiedTime(timeOf).toInstant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } else {
        try {
          OffsetDateTime.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
          throw new UserError("--session-start " + start + ": expected ISO 8601 with offset, e.g. 2026-11-30T09:00:00+01:00");
        }
      }
      String created = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      String stem = csv.getFileName().toString().replaceFirst("\\.csv$", "");
      Path target = (out != null ? out : csv.toAbsolutePath().getParent()).resolve(stem + ".nwb");
      List<String> videos = info != null ? List.of(info.file().toString()) : List.of();
      org.labpose.core.model.LabelSet labels = null;
      if (withLabels) {
        labels = p.loadAllLabels();
        if (!labels.layout().equals(t.layout())) {
          throw new UserError(csv + ": its keypoints " + t.layout().keypoints() + " are not the project's labels' " + labels.layout().keypoints());
        }
      }
      NwbWriter.write(t, labels, new NwbWriter.Options(description != null ? description : p.config().task() + ": " + name, UUID.randomUUID().toString(),
          start, created, NwbWriter.timestamps(t.frameCount(), rate), skeleton, t.scorer(), "LabPose", LabPose.VERSION, videos,
          info != null ? info.width() : 0, info != null ? info.height() : 0), target);
      Out.out(spec).printf("%s: %d frames at %.3f fps -> %s%n", csv.getFileName(), t.frameCount(), rate, target);
      Out.record(spec, p, List.of(csv), List.of(target));
    }
    return 0;
  }
}

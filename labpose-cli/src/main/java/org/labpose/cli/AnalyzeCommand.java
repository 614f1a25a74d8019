package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.track.MultiAnimalTracking;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.ExportedModelAnalysis;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.infer.VideoAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose analyze}. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Predict keypoints on every frame of videos into DeepLabCut-layout CSVs (streaming; --resume continues a partial analysis).")
final class AnalyzeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CONFIG VIDEO",
      description = "The project's config.yaml, then videos or folders of videos (with --model: videos only).") List<Path> args;
  @Option(names = "--model", description = "An exported model folder (labpose export-model) to use instead of a project's shuffle.") Path model;
  @CommandLine.Mixin ShuffleOptions sel;
  @Option(names = "--batch-size", description = "Frames per inference batch (default: ${DEFAULT-VALUE}).") int batchSize = 8;
  @Option(names = "--destfolder", description = "Where to write the CSVs (default: next to each video).") Path destfolder;
  @Option(names = "--resume", description = "Continue partial analyses.") boolean resume;
  @Option(names = "--decode-threads", description = "FFmpeg decoding threads, 0 = FFmpeg's choice (default: 1 on the CPU, where inference needs the cores; 0 on a GPU).")
  Integer decodeThreads;
  @Option(names = "--n-tracks", description = "Multi-animal projects: number of animals to track (default: the config's tracking.n_tracks, else its individuals).")
  Integer nTracks;
  @Option(names = "--spark", paramLabel = "MASTER", description = "With --model: run the job on Apache Spark with this master, e.g. local[2] "
      + "(this machine, 2 tasks at once): the labpose-spark module's job, the same CSVs; written to --destfolder (default: the videos' folder).")
  String spark;
  @Option(names = "--prepare-threads", description = "Threads that scale and normalise frames (default: 1 on the CPU; all cores but one on a GPU).")
  Integer prepareThreads;

  private String commandLine() {
    var parsed = spec.root().commandLine().getParseResult();
    return parsed == null ? "labpose analyze" : "labpose " + String.join(" ", parsed.originalArgs());
  }

  @Override
  public Integer call() throws Exception {
    if (spark != null) {
      return SparkLauncher.analyze(spec, spark, model, args, destfolder, batchSize, sel.threads == null ? 1 : sel.threads(), resume);
    }
    sel.startEngine();
    if (model != null) {
      try (ExportedModelAnalysis m = ExportedModelAnalysis.open(model, sel.threads(), batchSize, decodeThreads, prepareThreads, nTracks, commandLine())) {
        return analyzeAll(m.analyzer(), m.scorer(), m.predictor().snapshot(), null, args);
      }
    }
    if (args.size() < 2) {
      throw new UserError("give the project's config.yaml and at least one video (or --model DIR and videos)");
    }
    Project project = Out.openProject(spec, args.get(0));
    Path modelDir = TrainingDataset.modelDir(project, sel.fraction(project), sel.shuffle);
    try (PosePredictor pred = new PosePredictor(modelDir, null, sel.threads())) {
      String scorer = pred.info().scorer(pred.iterations());
      VideoAnalyzer analyzer = new VideoAnalyzer(pred, scorer, batchSize, ExportedModelAnalysis.decodeThreads(decodeThreads),
          ExportedModelAnalysis.prepareThreads(prepareThreads)).withCommand(commandLine());
      pred.info().checkFits(modelDir, project.config().keypointLayout());
      pred.withAssemblyConfig(project.config().get("assembly"));
      MultiAnimalTracking.Settings tracking = MultiAnimalTracking.Settings.fromConfig(project.config().get("tracking"));
      if (nTracks != null) {
        tracking = tracking.withTracks(nTracks);
      }
      analyzer.withTracking(tracking);
      return analyzeAll(analyzer, scorer, pred.snapshot(), project, args.subList(1, args.size()));
    }
  }

  private int analyzeAll(VideoAnalyzer analyzer, String scorer, Path snapshot, Project project, List<Path> videos) throws Exception {
    List<Path> vs = VideoArgs.expand(videos);
    PrintWriter o = Out.out(spec);
    List<String> failures = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    inputs.add(snapshot);
    for (Path v : vs) {
      Path dir = destfolder != null ? destfolder : v.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path csv = dir.resolve(ProjectLayout.predictions(v, scorer).getFileName());
      if (Files.exists(csv) && !resume) {
        o.println("already analysed: " + csv + " (delete it to analyse again)");
        continue;
      }
      Path partial = ProjectLayout.partial(csv);
      if (!resume && Files.exists(partial)) {
        Out.err(spec).println("labpose: warning: " + partial + ": an earlier run's partial results are replaced (--resume continues them)");
      }
      try {
        Progress bar = new Progress(Out.err(spec), "  " + v.getFileName(), "frames");
        VideoAnalyzer.Result r = analyzer.analyze(v, csv, resume, (done, total, fps) -> bar.update(done, total));
        o.printf("%s: %d frames in %.1f s (%.1f frames/s) -> %s%n", v, r.frames(), r.seconds(),
            (r.frames() - r.resumedFrom()) / Math.max(1e-9, r.seconds()), csv);
        inputs.add(v);
        outputs.addAll(List.of(csv, org.labpose.core.io.dlc.DlcH5.besideCsv(csv), ProjectLayout.meta(csv), ProjectLayout.assemblies(csv)));
      } catch (InputFormatException e) {
        failures.add(e.getMessage());
        Out.err(spec).println("labpose: error: " + e.getMessage());
      }
    }
    Out.record(spec, project, inputs, outputs);
    if (!failures.isEmpty()) {
      Out.err(spec).println("labpose: " + failures.size() + " of " + vs.size() + " videos failed:");
      failures.forEach(m -> Out.err(spec).println("  " + m));
      return LabPose.BAD_INPUT;
    }
    return 0;
  }
}

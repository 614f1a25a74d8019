package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.analysis.AnalysisBenchmark;
import org.labpose.core.image.RgbImage;
import org.labpose.net.infer.NetBenchmark;
import org.labpose.video.io.DecodeBenchmark;
import org.labpose.video.io.VideoFrameSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose bench}: performance measurements whose figures go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: 'bench decode VIDEO' (decoding frames/s and heap), 'bench net' (network speed alone by network and scale), "
        + "'bench features' (kinematics and assay speed on a synthetic track), 'bench accuracy PROJECT' (test error after a CPU-time training budget, "
        + "on a split file or k folds), 'bench latency MODEL' (one-frame latency of an exported model through the PoseEstimator API), "
        + "'bench analyze MODEL VIDEO' (end-to-end analysis frames/s), 'bench formats [SLP]' (reading and writing the other tools' files), "
        + "'bench spark MODEL' (Spark local mode against one process over synthetic videos).",
    subcommands = {BenchCommand.Decode.class, BenchCommand.Net.class, BenchCommand.Features.class, BenchCommand.Accuracy.class,
        BenchCommand.Latency.class, BenchCommand.Analyze.class, BenchCommand.Formats.class, BenchCommand.Spark.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Out.out(spec));
  }

  /** {@code labpose bench formats}. */
  @Command(name = "formats", mixinStandardHelpOptions = true,
      description = "Seconds to read a SLEAP .slp file and make its pose table, and to write and read back DeepLabCut .h5, SLEAP analysis"
          + " .h5, NWB and COCO for a predictions table (default: 2,330 frames x 4 bodyparts, the open-field video's shape, seeded"
          + " values); the median of --repeats runs after one warm-up, files in a temporary folder.")
  static final class Formats implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "A SLEAP .slp file to read (e.g. ../shared/data/format-fixtures/tracks/clip.slp).") Path slp;
    @Option(names = "--frames", description = "Frames of the table (default: ${DEFAULT-VALUE}).") int frames = 2330;
    @Option(names = "--repeats", description = "Runs of each (default: ${DEFAULT-VALUE}).") int repeats = 5;

    @Override
    public Integer call() throws Exception {
      var layout = org.labpose.core.model.KeypointLayout.singleAnimal(List.of("snout", "leftear", "rightear", "tailbase"));
      var t = new org.labpose.core.model.PoseTable("DLC_resnet50_openfieldOct30shuffle1_1000", layout, frames);
      java.util.Random r = new java.util.Random(1);
      for (int f = 0; f < frames; f++) {
        for (var k : layout.keypoints()) {
          t.set(f, k, r.nextDouble() * 640, r.nextDouble() * 480, r.nextDouble());
        }
      }
      Path tmp = java.nio.file.Files.createTempDirectory("labpose-bench-formats");
      var o = Out.out(spec);
      try {
        if (slp != null) {
          time(o, "read " + slp.getFileName() + " and make its pose table", () -> {
            var l = org.labpose.core.io.sleap.SlpFile.read(slp);
            l.toPoseTable(0, 1 + l.frames().stream().mapToInt(org.labpose.core.io.sleap.SlpFile.Frame::frame).max().orElse(0), "s");
          });
        }
        Path h5 = tmp.resolve("t.h5");
        Path an = tmp.resolve("t.analysis.h5");
        Path nwb = tmp.resolve("t.nwb");
        Path coco = tmp.resolve("t.json");
        Path csv = tmp.resolve("t.csv");
        time(o, "write DeepLabCut CSV, " + frames + " frames", () -> org.labpose.core.io.dlc.DlcPredictionCsv.write(t, csv));
        time(o, "write DeepLabCut .h5", () -> org.labpose.core.io.dlc.DlcH5.writePredictions(t, h5));
        time(o, "read DeepLabCut .h5", () -> org.labpose.core.io.dlc.DlcH5.readPredictions(h5));
        time(o, "write SLEAP analysis .h5", () -> org.labpose.core.io.sleap.SleapAnalysisH5.write(t, List.of(), org.labpose.core.io.sleap.SleapAnalysisH5.Source.NONE, an));
        time(o, "read SLEAP analysis .h5", () -> org.labpose.core.io.sleap.SleapAnalysisH5.read(an));
        time(o, "write NWB", () -> org.labpose.core.io.nwb.NwbWriter.write(t, new org.labpose.core.io.nwb.NwbWriter.Options("bench", "bench",
            "2026-11-30T00:00:00+00:00", "2026-11-30T00:00:00+00:00", org.labpose.core.io.nwb.NwbWriter.timestamps(frames, 30), List.of(),
            t.scorer(), "LabPose", LabPose.VERSION, List.of(), 640, 480), nwb));
        time(o, "read NWB", () -> org.labpose.core.io.nwb.NwbPose.read(nwb));
        time(o, "write COCO", () -> org.labpose.core.io.coco.CocoKeypoints.write(
            org.labpose.core.io.coco.CocoLabels.fromPredictions(t, "t", "mouse", List.of(), 0, 640, 480), coco));
        o.printf(Locale.ROOT, "sizes: CSV %d B, DeepLabCut .h5 %d B, SLEAP analysis .h5 %d B, NWB %d B, COCO %d B%n", java.nio.file.Files.size(csv),
            java.nio.file.Files.size(h5), java.nio.file.Files.size(an), java.nio.file.Files.size(nwb), java.nio.file.Files.size(coco));
      } finally {
        org.labpose.core.io.AtomicFiles.deleteTree(tmp);
      }
      return 0;
    }

    private interface Step {
      void run() throws Exception;
    }

    private void time(java.io.PrintWriter o, String what, Step s) throws Exception {
      s.run();
      double[] secs = new double[Math.max(1, repeats)];
      for (int i = 0; i < secs.length; i++) {
        long t0 = System.nanoTime();
        s.run();
        secs[i] = (System.nanoTime() - t0) / 1e9;
      }
      java.util.Arrays.sort(secs);
      o.printf(Locale.ROOT, "%-50s %8.3f s (median of %d)%n", what, secs[secs.length / 2], secs.length);
      o.flush();
    }
  }

  /** {@code labpose bench analyze}. */
  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = "End-to-end analysis speed (decode, preprocess, batched inference, CSV) of a model on a video, as 'analyze' runs it; "
          + "the CSV goes to a temporary folder and is deleted.")
  static final class Analyze implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "A model folder: a project's labpose-models/.../<shuffle> or an exported model.") Path model;
    @Parameters(index = "1", description = "The video.") Path video;
    @Option(names = "--batch-size", description = "Frames per batch (default: ${DEFAULT-VALUE}).") int batch = 8;
    @Option(names = "--threads", description = "CPU threads (default: ${DEFAULT-VALUE}).") int threads = 2;
    @Option(names = "--decode-threads", description = "FFmpeg decoding threads, 0 = FFmpeg's choice (default: ${DEFAULT-VALUE}).") int decodeThreads = 1;
    @Option(names = "--prepare-threads", description = "Frame preparation threads (default: ${DEFAULT-VALUE}).") int prepareThreads = 1;

    @Override
    public Integer call() throws Exception {
      Path snapshot = java.nio.file.Files.exists(model.resolve(org.labpose.net.model.ModelExport.MANIFEST)) ? org.labpose.net.model.ModelExport.verify(model) : null;
      Path tmp = java.nio.file.Files.createTempDirectory("labpose-bench-analyze");
      try (org.labpose.net.infer.PosePredictor pred = new org.labpose.net.infer.PosePredictor(model, snapshot, threads)) {
        org.labpose.net.infer.VideoAnalyzer a = new org.labpose.net.infer.VideoAnalyzer(pred, "bench", batch, decodeThreads, prepareThreads);
        Progress bar = new Progress(Out.err(spec), "  " + video.getFileName(), "frames");
        org.labpose.net.infer.VideoAnalyzer.Result r = a.analyze(video, tmp.resolve("bench.csv"), false, (done, total, fps) -> bar.update(done, total));
        var info = pred.info();
        Out.out(spec).printf(Locale.ROOT, "%s, global scale %.2f, batch %d, %d threads: %d frames in %.1f s = %.1f frames/s end to end%n",
            info.net(), info.globalScale(), batch, threads, r.frames(), r.seconds(), r.frames() / r.seconds());
      } finally {
        org.labpose.core.io.AtomicFiles.deleteTree(tmp);
      }
      return 0;
    }
  }

  /** {@code labpose bench spark}. */
  @Command(name = "spark", mixinStandardHelpOptions = true,
      description = {"Throughput of the Spark job in local mode (each --masters entry) against 'labpose analyze --model' in one process, "
          + "over the same synthetic videos, and Spark's overhead per task. Each run is a fresh JVM, timed from its start to its end.",
          "Writes bench-spark.csv in --work."})
  static final class Spark implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "An exported model folder (labpose export-model).") Path model;
    @Option(names = "--work", required = true, description = "Folder for the videos, the outputs and bench-spark.csv.") Path work;
    @Option(names = "--videos", description = "Synthetic videos (default: ${DEFAULT-VALUE}).") int videos = 8;
    @Option(names = "--frames", description = "Frames per video, 320x240 (default: ${DEFAULT-VALUE}).") int frames = 300;
    @Option(names = "--masters", split = ",", description = "Spark masters (default: local[1],local[2]).") List<String> masters = List.of("local[1]", "local[2]");
    @Option(names = "--threads", description = "Network threads of the one-process run; each Spark task uses 1 (default: ${DEFAULT-VALUE}).") int threads = 2;
    @Option(names = "--batch-size", description = "Frames per batch (default: ${DEFAULT-VALUE}).") int batch = 8;

    @Override
    public Integer call() throws Exception {
      Path jar = SparkLauncher.sparkJar();
      if (jar == null) {
        throw new UserError("the labpose-spark jar is not built (mvn -DskipTests package)");
      }
      java.nio.file.Files.createDirectories(work);
      List<Path> vs = new java.util.ArrayList<>();
      for (int i = 0; i < videos; i++) {
        Path v = work.resolve("videos").resolve(String.format(Locale.ROOT, "mouse%02d.mp4", i));
        if (!java.nio.file.Files.exists(v)) {
          java.nio.file.Files.createDirectories(v.getParent());
          org.labpose.video.synth.SyntheticVideo.generate(org.labpose.video.synth.SynthConfig.defaults().withFrames(frames).withSeed(1000 + i), v, null, null);
        }
        vs.add(v);
      }
      long total = (long) videos * frames;
      PrintWriter o = Out.out(spec);
      StringBuilder csv = new StringBuilder("run,tasks_at_once,network_threads,wall_s,job_s,frames,frames_per_s_wall,frames_per_s_job,overhead_per_task_s\n");
      // one process: labpose analyze --model, as a person runs it
      Path single = work.resolve("single");
      org.labpose.core.io.AtomicFiles.deleteTree(single);
      List<String> cmd = new java.util.ArrayList<>(StudioCommand.launcher());
      cmd.addAll(List.of("analyze", "--model", model.toAbsolutePath().toString(), "--destfolder", single.toString(), "--threads", Integer.toString(threads),
          "--batch-size", Integer.toString(batch)));
      vs.forEach(v -> cmd.add(v.toString()));
      double wall = timed(cmd);
      o.printf(Locale.ROOT, "%-28s %6.1f s  %6.1f frames/s%n", "labpose analyze (" + threads + " threads)", wall, total / wall);
      csv.append(String.format(Locale.ROOT, "analyze,1,%d,%.2f,,%d,%.2f,,%n", threads, wall, total, total / wall));
      for (String master : masters) {
        Path out = work.resolve("spark-" + master.replaceAll("[^A-Za-z0-9]", ""));
        org.labpose.core.io.AtomicFiles.deleteTree(out);
        double w = timed(SparkLauncher.command(jar, master, model, vs, out, batch, 1));
        com.fasterxml.jackson.databind.JsonNode sum = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("labpose-spark-summary.json").toFile());
        double job = sum.get("seconds").asDouble();
        double taskSecs = 0;
        for (com.fasterxml.jackson.databind.JsonNode v : sum.get("videos")) {
          taskSecs += v.get("seconds").asDouble();
        }
        int slots = master.matches("local\\[\\d+.*") ? Integer.parseInt(master.replaceAll("local\\[(\\d+).*", "$1")) : 1;
        double overhead = (job * slots - taskSecs) / videos;
        o.printf(Locale.ROOT, "%-28s %6.1f s  %6.1f frames/s (job alone %.1f s, %.1f frames/s; %.2f s per task besides the analysis)%n",
            "spark " + master, w, total / w, job, total / job, overhead);
        csv.append(String.format(Locale.ROOT, "spark %s,%d,1,%.2f,%.2f,%d,%.2f,%.2f,%.3f%n", master, slots, w, job, total, total / w, total / job, overhead));
      }
      org.labpose.core.io.AtomicFiles.writeString(work.resolve("bench-spark.csv"), csv.toString());
      o.println("wrote " + work.resolve("bench-spark.csv"));
      return 0;
    }

    private static double timed(List<String> cmd) throws Exception {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int rc = p.waitFor();
      if (rc != 0) {
        throw new UserError("the benchmark run failed (exit " + rc + "): " + String.join(" ", cmd));
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** {@code labpose bench latency}. */
  @Command(name = "latency", mixinStandardHelpOptions = true,
      description = "Milliseconds per frame of an exported model through the Java PoseEstimator API (one frame at a time, as a real-time "
          + "loop runs it), on frames of a video or on a synthetic frame; median and 95th percentile after a warm-up.")
  static final class Latency implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "An exported model folder (labpose export-model).") Path model;
    @Option(names = "--video", description = "Take frames from this video, resized to --size (default: a synthetic arena frame).") Path video;
    @Option(names = "--size", description = "Frame size WxH (default: ${DEFAULT-VALUE}).") String size = "320x240";
    @Option(names = "--runs", description = "Timed frames (default: ${DEFAULT-VALUE}).") int runs = 200;
    @Option(names = "--threads", description = "CPU threads (default: ${DEFAULT-VALUE}).") int threads = 1;

    @Override
    public Integer call() throws Exception {
      String[] wh = size.toLowerCase(Locale.ROOT).split("x");
      int w;
      int h;
      try {
        w = Integer.parseInt(wh[0]);
        h = Integer.parseInt(wh[1]);
      } catch (RuntimeException e) {
        throw new UserError("--size: expected WxH such as 320x240, got '" + size + "'");
      }
      List<RgbImage> frames = new ArrayList<>();
      Path tmp = null;
      Path src = video;
      if (src == null) {
        tmp = java.nio.file.Files.createTempDirectory("labpose-latency");
        src = tmp.resolve("synth.mp4");
        org.labpose.video.synth.SyntheticVideo.generate(org.labpose.video.synth.SynthConfig.defaults().withSize(w, h).withFrames(30), src, null, null);
      }
      try (VideoFrameSource in = new VideoFrameSource(src)) {
        RgbImage f;
        while (frames.size() < 50 && (f = in.next()) != null) {
          frames.add(f.width() == w && f.height() == h ? f : org.labpose.net.infer.Resize.scale(f, (double) w / f.width()));
        }
      } finally {
        if (tmp != null) {
          java.nio.file.Files.deleteIfExists(src);
          java.nio.file.Files.deleteIfExists(tmp);
        }
      }
      if (frames.isEmpty()) {
        throw new UserError(src + ": no frames decoded");
      }
      NetBenchmark.Latency l = NetBenchmark.latency(model, frames, threads, runs);
      Out.out(spec).printf(Locale.ROOT, "%s at %dx%d, %d thread(s): median %.1f ms, 95th percentile %.1f ms per frame (%d frames; %.0f frames/s)%n",
          l.net(), frames.get(0).width(), frames.get(0).height(), threads, l.medianMs(), l.p95Ms(), runs, 1000 / l.medianMs());
      return 0;
    }
  }

  /** {@code labpose bench accuracy}. */
  @Command(name = "accuracy", mixinStandardHelpOptions = true,
      description = "Train a copy of a labelled project under a CPU-time budget and report train/test pixel errors, on a split file "
          + "(default: the project's benchmark-split.json) or on k folds. The project itself is not modified.")
  static final class Accuracy implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The project (config.yaml or its folder), e.g. ../shared/data/openfield-Pranav-2018-10-30.") Path project;
    @Option(names = "--work", required = true, description = "A new folder for the copy, the training sets, the models and bench-accuracy.csv.") Path work;
    @Option(names = "--split-file", description = "JSON with train and test image lists (default: benchmark-split.json in the project, when --folds is 0).") Path splitFile;
    @Option(names = "--folds", description = "0: the split file; k >= 2: k-fold cross-validation over all labelled frames (default: ${DEFAULT-VALUE}).") int folds = 0;
    @Option(names = "--budget-minutes", description = "Training budget per split in minutes of --threads cores, as process CPU time (default: ${DEFAULT-VALUE}).") double budget = 60;
    @Option(names = "--threads", description = "CPU threads for training (default: ${DEFAULT-VALUE}).") int threads = 2;
    @Option(names = "--net", description = "Network (default: ${DEFAULT-VALUE}).") String net = "mobilenet_v2_1.0";
    @Option(names = "--init", description = "none, imagenet, movenet or a fetched pretrained model name (default: ${DEFAULT-VALUE}).") String init = "imagenet";
    @Option(names = "--augment", description = "Augmentation, as for train (default: ${DEFAULT-VALUE}).") String augment = "default";
    @Option(names = "--lr", description = "Base learning rate (default: ${DEFAULT-VALUE}).") double lr = 1e-3;
    @Option(names = "--target", description = "disk or gaussian (default: ${DEFAULT-VALUE}).") String target = "disk";
    @Option(names = "--crop", description = "Training crop side (default: ${DEFAULT-VALUE}).") int crop = 256;
    @Option(names = "--global-scale", description = "Image scale (default: ${DEFAULT-VALUE}).") double globalScale = 0.8;
    @Option(names = "--seed", description = "Seed of training and of the folds (default: ${DEFAULT-VALUE}).") long seed = 0;

    @Override
    public Integer call() throws Exception {
      CreateTrainingDatasetCommand.checkNet(net);
      Path split = splitFile;
      if (folds == 0 && split == null) {
        Path dir = java.nio.file.Files.isDirectory(project) ? project : project.toAbsolutePath().getParent();
        split = dir.resolve("benchmark-split.json");
        if (!java.nio.file.Files.isRegularFile(split)) {
          throw new UserError(project + ": no benchmark-split.json; give --split-file or --folds K");
        }
      }
      if (folds == 1 || folds < 0) {
        throw new UserError("--folds must be 0 or at least 2, got " + folds);
      }
      String initName = init.equals("none") ? "none" : org.labpose.net.pretrained.PretrainedStore.resolve(init, net);
      org.labpose.net.train.TrainConfig cfg = org.labpose.net.train.TrainConfig.defaults(net).withIterations(1_000_000).withBudgetMinutes(budget).withLr(lr)
          .withCropSize(crop).withGlobalScale(globalScale).withSeed(seed).withThreads(threads).withCheckpoints(1_000_000, 1)
          .withInit(initName).withTarget(target).withAugment(org.labpose.net.data.AugmentConfig.parse(augment));
      PrintWriter o = Out.out(spec);
      o.printf(Locale.ROOT, "accuracy benchmark: %s, init %s, augment %s, lr %g, %s per split, %d threads%n", net, initName, augment, lr,
          budget + " minutes", threads);
      Progress[] bar = new Progress[1];
      List<org.labpose.net.evaluate.AccuracyBenchmark.Split> res = org.labpose.net.evaluate.AccuracyBenchmark.run(project, work, cfg, split, folds, seed,
          new org.labpose.net.evaluate.AccuracyBenchmark.Listener() {
            @Override
            public void starting(int index, int count, int trainFrames, int testFrames) {
              o.printf(Locale.ROOT, "split %d/%d: %d train, %d test frames%n", index, count, trainFrames, testFrames);
              o.flush();
              bar[0] = new Progress(Out.err(spec), "  training", "steps");
            }

            @Override
            public void step(int iteration, int total, double loss) {
              bar[0].update(iteration, total);
            }

            @Override
            public void done(org.labpose.net.evaluate.AccuracyBenchmark.Split s) {
              o.printf(Locale.ROOT, "  %d steps, %.1f min wall, %.1f min of %d cores: train %.2f px, test %.2f px (RMSE %.2f, PCK@5px %.1f %%)%n",
                  s.steps(), s.wallMinutes(), s.cpuMinutes(), threads, s.train().meanError(), s.test().meanError(), s.test().rmse(),
                  100 * s.test().pck5());
              o.flush();
            }
          });
      StringBuilder csv = new StringBuilder("split,train_frames,test_frames,steps,wall_minutes,cpu_minutes_per_core,train_px,test_px,test_rmse_px,test_pck5\n");
      for (var s : res) {
        csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.2f,%.2f,%.4f,%.4f,%.4f,%.4f%n", s.shuffle(), s.trainFrames(), s.testFrames(), s.steps(),
            s.wallMinutes(), s.cpuMinutes(), s.train().meanError(), s.test().meanError(), s.test().rmse(), s.test().pck5()));
      }
      org.labpose.core.io.AtomicFiles.writeString(work.resolve("bench-accuracy.csv"), csv.toString());
      if (res.size() > 1) {
        double[] t = res.stream().mapToDouble(s -> s.test().meanError()).toArray();
        double mean = java.util.Arrays.stream(t).average().orElse(Double.NaN);
        double sd = Math.sqrt(java.util.Arrays.stream(t).map(v -> (v - mean) * (v - mean)).sum() / (t.length - 1));
        o.printf(Locale.ROOT, "%d folds: test %.2f px pooled over frames (fold means %.2f ± %.2f px)%n", res.size(),
            org.labpose.net.evaluate.AccuracyBenchmark.pooledTestError(res), mean, sd);
      }
      o.println("results: " + work.resolve("bench-accuracy.csv"));
      return 0;
    }
  }

  /** {@code labpose bench net}. */
  @Command(name = "net", mixinStandardHelpOptions = true,
      description = "Frames/s of networks alone (random weights, batch inference) on 640x480 frames scaled by each global scale.")
  static final class Net implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--nets", split = ",", description = "Networks (default: mobilenet_v2_1.0,mobilenet_v2_0.35,tiny).")
    List<String> nets = List.of("mobilenet_v2_1.0", "mobilenet_v2_0.35", "tiny");
    @Option(names = "--scales", split = ",", description = "Global scales (default: 0.8,0.5).") List<Double> scales = List.of(0.8, 0.5);
    @Option(names = "--batch-size", description = "Frames per batch (default: ${DEFAULT-VALUE}).") int batch = 8;
    @Option(names = "--runs", description = "Timed batches (default: ${DEFAULT-VALUE}).") int runs = 5;
    @Option(names = "--threads", description = "CPU threads (default: all cores).") Integer threads;
    @Option(names = "--unfused", description = "Keep batch norm as separate layers (as in training) instead of folding it into the convolutions (as analysis does).") boolean unfused;

    @Override
    public Integer call() {
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      for (String n : nets) {
        CreateTrainingDatasetCommand.checkNet(n);
        for (double s : scales) {
          int w = (int) Math.round(640 * s);
          int h = (int) Math.round(480 * s);
          double fps = org.labpose.net.infer.NetBenchmark.framesPerSecond(n, 4, w, h, batch, runs, t, !unfused);
          Out.out(spec).printf(Locale.ROOT, "%-18s scale %.2f (%dx%d): %.1f frames/s (network alone, batch %d, %d threads, batch norm %s)%n", n, s, w, h,
              fps, batch, t, unfused ? "separate" : "folded");
        }
      }
      return 0;
    }
  }

  /** {@code labpose bench features}. */
  @Command(name = "features", mixinStandardHelpOptions = true,
      description = "Seconds to compute per-frame kinematics (and the whole assay with two zones) for a synthetic track; median of runs after one warm-up.")
  static final class Features implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--frames", description = "Frames (default: ${DEFAULT-VALUE}).") int frames = 1_000_000;
    @Option(names = "--bodyparts", description = "Bodyparts (default: ${DEFAULT-VALUE}).") int bodyparts = 8;
    @Option(names = "--runs", description = "Timed runs (default: ${DEFAULT-VALUE}).") int runs = 5;

    @Override
    public Integer call() throws Exception {
      AnalysisBenchmark.Timing t = AnalysisBenchmark.run(frames, bodyparts, runs);
      Out.out(spec).printf(Locale.ROOT, "kinematics (%d frames x %d bodyparts, %d distances, hull, heading): %.2f s (median of %d)%n",
          frames, t.bodyparts(), t.bodyparts() * (t.bodyparts() - 1) / 2, t.kinematicsS(), runs);
      Out.out(spec).printf(Locale.ROOT, "assay (kinematics + 2 zones, immobility, freezing, proxies): %.2f s (median of %d)%n", t.assayS(), runs);
      return 0;
    }
  }

  /** {@code labpose bench decode}. */
  @Command(name = "decode", mixinStandardHelpOptions = true,
      description = "Decode a whole video to RGB (or, with --no-convert, only decode, as check-video does) several times; report frames/s (median of runs) and the largest heap in use.")
  static final class Decode implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Video file.") Path video;
    @Option(names = "--runs", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).") int runs = 5;
    @Option(names = "--threads", description = "Decoder threads, 0 = FFmpeg's choice (default: ${DEFAULT-VALUE}).") int threads = 0;
    @Option(names = "--no-convert", description = "Decode without converting frames to RGB (what check-video and 'ffmpeg -f null -' do).") boolean noConvert;

    @Override
    public Integer call() throws Exception {
      DecodeBenchmark.Result r = DecodeBenchmark.run(video, runs, threads, !noConvert);
      Out.out(spec).printf(Locale.ROOT, "%s: %d frames; " + (noConvert ? "decode only" : "decode to RGB") + " %.0f frames/s (median of %d runs, min %.0f, max %.0f); max heap in use %.0f MB%n",
          video, r.frames(), r.medianFps(), runs, r.minFps(), r.maxFps(), r.maxHeapBytes() / 1e6);
      return 0;
    }
  }
}

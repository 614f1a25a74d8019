package org.labpose.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.core.image.RgbImage;
import org.labpose.video.VideoFrameSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose bench}: performance measurements whose figures go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: 'bench decode VIDEO' (decoding frames/s and heap), 'bench net' (network speed alone by network and scale), "
        + "'bench features' (kinematics and assay speed on a synthetic track).",
    subcommands = {BenchCommand.Decode.class, BenchCommand.Net.class, BenchCommand.Features.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Out.out(spec));
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

    @Override
    public Integer call() {
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      for (String n : nets) {
        CreateTrainingDatasetCommand.checkNet(n);
        for (double s : scales) {
          int w = (int) Math.round(640 * s);
          int h = (int) Math.round(480 * s);
          double fps = org.labpose.net.infer.NetBenchmark.framesPerSecond(n, 4, w, h, batch, runs, t);
          Out.out(spec).printf(Locale.ROOT, "%-18s scale %.2f (%dx%d): %.1f frames/s (network alone, batch %d, %d threads)%n", n, s, w, h, fps, batch, t);
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
      java.util.List<String> parts = new ArrayList<>(List.of("snout", "tailbase"));
      for (int b = 2; b < bodyparts; b++) {
        parts.add("part" + b);
      }
      org.labpose.core.model.PoseTable t = new org.labpose.core.model.PoseTable("bench",
          org.labpose.core.model.KeypointLayout.singleAnimal(parts.subList(0, Math.max(1, bodyparts))), frames);
      java.util.Random r = new java.util.Random(1);
      double x = 320;
      double y = 240;
      for (int f = 0; f < frames; f++) {
        x = Math.min(600, Math.max(40, x + r.nextGaussian()));
        y = Math.min(440, Math.max(40, y + r.nextGaussian()));
        for (int b = 0; b < t.layout().size(); b++) {
          t.set(f, t.layout().keypoints().get(b), x + 10 * Math.cos(b) + r.nextGaussian(), y + 10 * Math.sin(b) + r.nextGaussian(),
              r.nextDouble() < 0.02 ? 0.1 : 0.95);
        }
      }
      org.labpose.analysis.zones.ZoneSet zones = org.labpose.analysis.zones.ZoneFile.parse(
          "px_per_cm: 10\narena: {x: 20, y: 20, width: 600, height: 440}\nzones:\n"
              + "  - {name: center, shape: open_field_center, margin_cm: 10}\n  - {name: periphery, shape: open_field_periphery, margin_cm: 10}\n",
          Path.of("bench-zones.yaml"));
      org.labpose.analysis.assay.AssayConfig cfg = org.labpose.analysis.assay.AssayConfig.defaults(true);
      List<Double> kin = new ArrayList<>();
      List<Double> assay = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        long t0 = System.nanoTime();
        org.labpose.analysis.kinematics.Kinematics.compute(t, "", 30, zones.calibration(), cfg.kinematics());
        long t1 = System.nanoTime();
        org.labpose.analysis.assay.Assay.run(t, zones, 30, cfg);
        long t2 = System.nanoTime();
        if (run > 0) {
          kin.add((t1 - t0) / 1e9);
          assay.add((t2 - t1) / 1e9);
        }
      }
      kin.sort(null);
      assay.sort(null);
      Out.out(spec).printf(Locale.ROOT, "kinematics (%d frames x %d bodyparts, %d distances, hull, heading): %.2f s (median of %d)%n",
          frames, t.layout().size(), t.layout().size() * (t.layout().size() - 1) / 2, kin.get(kin.size() / 2), runs);
      Out.out(spec).printf(Locale.ROOT, "assay (kinematics + 2 zones, immobility, freezing, proxies): %.2f s (median of %d)%n",
          assay.get(assay.size() / 2), runs);
      return 0;
    }
  }

  /** {@code labpose bench decode}. */
  @Command(name = "decode", mixinStandardHelpOptions = true,
      description = "Decode a whole video to RGB several times; report frames/s (median of runs) and the largest heap in use.")
  static final class Decode implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Video file.") Path video;
    @Option(names = "--runs", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).") int runs = 5;
    @Option(names = "--threads", description = "Decoder threads, 0 = FFmpeg's choice (default: ${DEFAULT-VALUE}).") int threads = 0;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = Out.out(spec);
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      List<Double> fps = new ArrayList<>();
      long maxHeap = 0;
      int frames = 0;
      for (int r = 0; r <= runs; r++) {
        long t0 = System.nanoTime();
        int n = 0;
        try (VideoFrameSource s = new VideoFrameSource(video, threads)) {
          RgbImage img;
          while ((img = s.next()) != null) {
            n++;
            if ((n & 63) == 0) {
              maxHeap = Math.max(maxHeap, mem.getHeapMemoryUsage().getUsed());
            }
            if (img.width() < 0) {
              throw new IllegalStateException();
            }
          }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        frames = n;
        if (r > 0) {
          fps.add(n / secs);
        }
      }
      fps.sort(null);
      o.printf(Locale.ROOT, "%s: %d frames; decode to RGB %.0f frames/s (median of %d runs, min %.0f, max %.0f); max heap in use %.0f MB%n",
          video, frames, fps.get(fps.size() / 2), runs, fps.get(0), fps.get(fps.size() - 1), maxHeap / 1e6);
      return 0;
    }
  }
}

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
    description = "Benchmarks: 'bench decode VIDEO' (decoding frames/s and heap), 'bench net' (network speed alone by network and scale).",
    subcommands = {BenchCommand.Decode.class, BenchCommand.Net.class})
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

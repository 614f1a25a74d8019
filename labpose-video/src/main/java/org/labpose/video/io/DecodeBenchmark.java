package org.labpose.video.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.SettingException;

/** Decoding speed of a whole video ({@code labpose bench decode}). */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  /**
   * @param frames frames decoded per run
   * @param medianFps median frames/s over the timed runs
   * @param minFps slowest run, frames/s
   * @param maxFps fastest run, frames/s
   * @param maxHeapBytes largest Java heap in use seen while decoding, bytes
   */
  public record Result(int frames, double medianFps, double minFps, double maxFps, long maxHeapBytes) {}

  /**
   * Decodes the whole video {@code runs} times after one warm-up run.
   *
   * @param threads decoder threads, 0 for FFmpeg's choice
   * @param toRgb convert every frame to RGB (as analysis does), or only decode (as check-video does)
   */
  public static Result run(Path video, int runs, int threads, boolean toRgb) throws IOException {
    if (runs < 1) {
      throw new SettingException("runs", "must be at least 1, got " + runs);
    }
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    List<Double> fps = new ArrayList<>();
    long maxHeap = 0;
    int frames = 0;
    for (int r = 0; r <= runs; r++) {
      long t0 = System.nanoTime();
      int n = 0;
      try (VideoFrameSource s = new VideoFrameSource(video, threads)) {
        while (toRgb ? s.next() != null : s.skip()) {
          n++;
          if ((n & 63) == 0) {
            maxHeap = Math.max(maxHeap, mem.getHeapMemoryUsage().getUsed());
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
    return new Result(frames, fps.get(fps.size() / 2), fps.get(0), fps.get(fps.size() - 1), maxHeap);
  }
}

package org.labpose.spark;

import java.nio.file.Path;

/**
 * A way for tests to kill a task in the middle of a video, the way an executor dies: with the
 * system property {@code labpose.spark.failOnce=<video file name>:<frames>} the first attempt of
 * that video's task throws once it has analysed that many frames. Nothing happens without the
 * property.
 */
final class FaultInjection {
  /** Told of each analysed frame. */
  interface Listener {
    void frame(int done);
  }

  private FaultInjection() {}

  static Listener forTask(Path video, int attempt) {
    String spec = System.getProperty("labpose.spark.failOnce");
    if (spec == null || attempt > 0) {
      return done -> { };
    }
    int colon = spec.lastIndexOf(':');
    String name = spec.substring(0, colon);
    int after = Integer.parseInt(spec.substring(colon + 1));
    if (!video.getFileName().toString().equals(name)) {
      return done -> { };
    }
    return done -> {
      if (done >= after) {
        throw new IllegalStateException("task killed after " + done + " frames (fault injected by the test)");
      }
    };
  }
}

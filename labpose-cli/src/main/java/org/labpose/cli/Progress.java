package org.labpose.cli;

import java.io.PrintWriter;

/**
 * A one-line progress report on standard error: done/total, rate and ETA, redrawn at most a few
 * times a second (carriage return on a terminal; whole lines every 10 % otherwise).
 */
final class Progress {
  private final PrintWriter err;
  private final String label;
  private final String unit;
  private final long start = System.nanoTime();
  private final boolean terminal = System.console() != null;
  private long lastDraw;
  private int lastDecile = -1;

  Progress(PrintWriter err, String label, String unit) {
    this.err = err;
    this.label = label;
    this.unit = unit;
  }

  void update(int done, int total) {
    long now = System.nanoTime();
    boolean end = done >= total;
    double secs = (now - start) / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    double eta = rate > 0 ? (total - done) / rate : Double.NaN;
    String line = String.format("%s %d/%d %s (%.1f %s/s, ETA %s)", label, done, total, unit, rate, unit, eta(eta));
    if (terminal) {
      if (end || now - lastDraw > 200_000_000L) {
        err.print("\r" + line + (end ? "\n" : ""));
        err.flush();
        lastDraw = now;
      }
    } else {
      int decile = total > 0 ? (int) (10L * done / total) : 10;
      if (decile != lastDecile) {
        err.println(line);
        lastDecile = decile;
      }
    }
  }

  private static String eta(double s) {
    if (Double.isNaN(s)) {
      return "?";
    }
    long t = Math.round(s);
    return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
  }
}

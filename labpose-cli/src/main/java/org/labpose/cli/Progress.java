package org.labpose.cli;

import java.io.PrintWriter;

/**
 * A one-line progress report on standard error: done/total, rate and ETA, redrawn at most a few
 * times a second (carriage return on a terminal; whole lines every 10 % otherwise). With the
 * environment variable {@code LABPOSE_PROGRESS=1} (the studio's jobs set it) it also prints a
 * machine-readable line at most four times a second and at the end: {@code @labpose-progress
 * {"label":…,"done":N,"total":N,"unit":…,"rate":R,"eta_s":S[,"loss":L]}}.
 */
final class Progress {
  private final PrintWriter err;
  private final String label;
  private final String unit;
  private final long start = System.nanoTime();
  private final boolean terminal = System.console() != null;
  private long lastDraw;
  private int lastDecile = -1;
  private long lastMachine;
  private static final boolean MACHINE = "1".equals(System.getenv("LABPOSE_PROGRESS"));

  Progress(PrintWriter err, String label, String unit) {
    this.err = err;
    this.label = label;
    this.unit = unit;
  }

  void update(int done, int total) {
    update(done, total, Double.NaN);
  }

  /** An update with the training loss of step {@code done} (NaN: none). */
  void update(int done, int total, double loss) {
    long now = System.nanoTime();
    boolean end = done >= total;
    double secs = (now - start) / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    double eta = rate > 0 ? (total - done) / rate : Double.NaN;
    if (MACHINE && (end || now - lastMachine > 250_000_000L)) {
      err.println(String.format(java.util.Locale.ROOT, "@labpose-progress {\"label\":\"%s\",\"done\":%d,\"total\":%d,\"unit\":\"%s\",\"rate\":%.3f%s%s}",
          jsonText(label.trim()), done, total, jsonText(unit), rate, Double.isNaN(eta) ? "" : String.format(java.util.Locale.ROOT, ",\"eta_s\":%.1f", eta),
          Double.isFinite(loss) ? String.format(java.util.Locale.ROOT, ",\"loss\":%.6g", loss) : ""));
      err.flush();
      lastMachine = now;
    }
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

  private static String jsonText(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String eta(double s) {
    if (Double.isNaN(s)) {
      return "?";
    }
    long t = Math.round(s);
    return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
  }
}

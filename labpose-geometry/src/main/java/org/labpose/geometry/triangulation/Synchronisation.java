package org.labpose.geometry.triangulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.labpose.core.io.InputFormatException;

/**
 * Cameras aligned by their frames' timestamps instead of a fixed frame offset: for cameras that dropped
 * frames, or run at other rates. Each frame of the reference camera (the 3D table's timeline) takes the
 * other camera's frame nearest in time, if it lies within half of that camera's median frame interval;
 * otherwise it has none there (a dropped frame), and the count of such frames is reported, never hidden.
 * Timestamps in any unit, the same for every camera (e.g. s), increasing.
 */
public final class Synchronisation {
  private Synchronisation() {}

  /**
   * An alignment.
   *
   * @param frames per reference frame, the other camera's frame (−1: none within the tolerance)
   * @param unmatched reference frames without a frame of the other camera
   * @param tolerance the largest time difference accepted, the timestamps' unit
   */
  public record Alignment(int[] frames, int unmatched, double tolerance) {}

  /** Aligns the other camera's timestamps to the reference's. */
  public static Alignment align(double[] reference, double[] other) {
    double[] gaps = new double[Math.max(1, other.length - 1)];
    for (int i = 1; i < other.length; i++) {
      gaps[i - 1] = other[i] - other[i - 1];
    }
    Arrays.sort(gaps);
    double tol = other.length > 1 ? gaps[gaps.length / 2] / 2 : Double.POSITIVE_INFINITY;
    int[] map = new int[reference.length];
    int unmatched = 0;
    int j = 0;
    for (int f = 0; f < reference.length; f++) {
      double t = reference[f];
      while (j + 1 < other.length && Math.abs(other[j + 1] - t) <= Math.abs(other[j] - t)) {
        j++;
      }
      boolean ok = other.length > 0 && Math.abs(other[j] - t) <= tol;
      map[f] = ok ? j : -1;
      unmatched += ok ? 0 : 1;
    }
    return new Alignment(map, unmatched, tol);
  }

  /**
   * Reads a timestamps file: one time per frame, one per line (the first field of a CSV line; a first line that is
   * not a number is a header), increasing.
   *
   * @param frames the frames its camera's predictions have: the file must have as many times
   * @throws InputFormatException naming the line that is not a number or goes back in time, or the count
   */
  public static double[] read(Path file, int frames) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "no such timestamps file");
    }
    List<String> lines = Files.readAllLines(file);
    double[] out = new double[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String first = line.split("[,;\\t ]")[0].trim();
      double v;
      try {
        v = Double.parseDouble(first);
      } catch (NumberFormatException e) {
        if (n == 0 && i == 0) {
          continue;
        }
        throw new InputFormatException(file, "line " + (i + 1), "'" + first + "' is not a time");
      }
      if (n > 0 && !(v > out[n - 1])) {
        throw new InputFormatException(file, "line " + (i + 1), "time " + first + " does not come after the line before's " + out[n - 1]);
      }
      out[n++] = v;
    }
    if (n != frames) {
      throw new InputFormatException(file, null, n + " timestamps for " + frames + " frames of predictions: one per frame expected");
    }
    return Arrays.copyOf(out, n);
  }
}

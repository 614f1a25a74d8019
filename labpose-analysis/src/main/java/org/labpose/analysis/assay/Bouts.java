package org.labpose.analysis.assay;

import java.util.ArrayList;
import java.util.List;

/** Runs of consecutive frames in a per-frame state. */
public final class Bouts {
  private Bouts() {}

  /** A run of frames {@code [start, end)}. */
  public record Bout(int start, int end) {
    /** Length in frames. */
    public int length() {
      return end - start;
    }
  }

  /** The runs of true values lasting at least {@code minFrames} frames, in order. */
  public static List<Bout> of(boolean[] state, int minFrames) {
    List<Bout> out = new ArrayList<>();
    int i = 0;
    while (i < state.length) {
      if (!state[i]) {
        i++;
        continue;
      }
      int s = i;
      while (i < state.length && state[i]) {
        i++;
      }
      if (i - s >= Math.max(1, minFrames)) {
        out.add(new Bout(s, i));
      }
    }
    return out;
  }

  /** A state that is true exactly inside the given bouts. */
  public static boolean[] mask(List<Bout> bouts, int n) {
    boolean[] m = new boolean[n];
    for (Bout b : bouts) {
      java.util.Arrays.fill(m, b.start(), b.end(), true);
    }
    return m;
  }

  /**
   * Removes flicker: a change of state is accepted only when the new state lasts at least {@code
   * minFrames} frames; shorter runs take the state before them. The first run is kept as it is.
   */
  public static boolean[] debounce(boolean[] state, int minFrames) {
    boolean[] out = state.clone();
    if (minFrames <= 1 || state.length == 0) {
      return out;
    }
    boolean current = state[0];
    int i = 0;
    while (i < state.length) {
      int s = i;
      while (i < state.length && state[i] == state[s]) {
        i++;
      }
      if (s == 0 || state[s] == current || i - s >= minFrames) {
        current = state[s];
      }
      java.util.Arrays.fill(out, s, i, current);
    }
    return out;
  }

  /** Number of false → true changes, counting a true first frame as one. */
  public static int entries(boolean[] state) {
    int n = 0;
    for (int f = 0; f < state.length; f++) {
      if (state[f] && (f == 0 || !state[f - 1])) {
        n++;
      }
    }
    return n;
  }

  /** Number of true frames. */
  public static int count(boolean[] state) {
    int n = 0;
    for (boolean b : state) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** The first true frame, or -1. */
  public static int first(boolean[] state) {
    for (int f = 0; f < state.length; f++) {
      if (state[f]) {
        return f;
      }
    }
    return -1;
  }
}

package org.labpose.analysis.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;

/**
 * Behaviour annotations read from CSV, as per-frame flags per behaviour. Three layouts are
 * recognised by their header (case-insensitive):
 * <ul>
 *   <li>{@code frame,behavior}: one row per annotated frame and behaviour;
 *   <li>{@code behavior,start,stop}: bouts in frames, both ends included;
 *   <li>BORIS's tabular export of aggregated events: {@code Behavior}, {@code Start (s)}, {@code
 *       Stop (s)} in seconds (needs the frame rate); frames [round(start·fps), round(stop·fps)].
 * </ul>
 */
public final class Annotations {
  private Annotations() {}

  /** Bouts or frames of one behaviour, before the frame count is known. */
  private record Span(String behavior, int start, int end) {}

  /**
   * Reads an annotation file.
   *
   * @param fps frame rate for files in seconds (BORIS); NaN when not known
   * @return behaviour → frames where it holds, each array of length max(frames, last annotated frame + 1)
   */
  public static Map<String, boolean[]> read(Path file, double fps, int frames) throws IOException {
    CsvTable t = CsvTable.read(file);
    if (t.rows().isEmpty()) {
      throw new InputFormatException(file, null, "empty; expected a header such as 'frame,behavior' or 'behavior,start,stop'");
    }
    CsvTable.Row head = t.rows().get(0);
    List<String> h = head.cells().stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
    int behavior = h.indexOf("behavior") >= 0 ? h.indexOf("behavior") : h.indexOf("behaviour");
    int frame = h.indexOf("frame");
    int start = h.indexOf("start");
    int stop = h.indexOf("stop");
    int startS = h.indexOf("start (s)");
    int stopS = h.indexOf("stop (s)");
    if (behavior < 0) {
      throw new InputFormatException(file, "line " + head.line(), "no 'behavior' column; expected 'frame,behavior', 'behavior,start,stop' or BORIS's 'Behavior, Start (s), Stop (s)'");
    }
    boolean seconds = false;
    if (frame < 0 && (start < 0 || stop < 0)) {
      if (startS < 0 || stopS < 0) {
        throw new InputFormatException(file, "line " + head.line(), "expected a 'frame' column, or 'start' and 'stop' (frames), or 'Start (s)' and 'Stop (s)'");
      }
      if (!(fps > 0)) {
        throw new InputFormatException(file, null, "times are in seconds: the frame rate is needed (--fps)");
      }
      seconds = true;
      start = startS;
      stop = stopS;
    }
    List<Span> spans = new ArrayList<>();
    int extent = frames;
    for (CsvTable.Row r : t.rows().subList(1, t.rows().size())) {
      String b = r.cell(behavior).trim();
      if (b.isEmpty()) {
        throw new InputFormatException(file, "line " + r.line(), "empty behaviour");
      }
      int s;
      int e;
      if (frame >= 0) {
        s = integer(file, r, frame, "frame");
        e = s + 1;
      } else if (seconds) {
        s = (int) Math.round(number(file, r, start, "Start (s)") * fps);
        e = (int) Math.round(number(file, r, stop, "Stop (s)") * fps) + 1;
      } else {
        s = integer(file, r, start, "start");
        e = integer(file, r, stop, "stop") + 1;
      }
      if (s < 0 || e <= s) {
        throw new InputFormatException(file, "line " + r.line(), "a bout must have 0 ≤ start ≤ stop, got " + r.cells());
      }
      spans.add(new Span(b, s, e));
      extent = Math.max(extent, e);
    }
    Map<String, boolean[]> out = new LinkedHashMap<>();
    for (Span sp : spans) {
      boolean[] m = out.computeIfAbsent(sp.behavior(), k -> new boolean[0]);
      if (m.length < extent) {
        m = java.util.Arrays.copyOf(m, extent);
        out.put(sp.behavior(), m);
      }
      java.util.Arrays.fill(m, sp.start(), sp.end(), true);
    }
    return out;
  }

  private static int integer(Path file, CsvTable.Row r, int col, String what) throws InputFormatException {
    double v = number(file, r, col, what);
    if (v != Math.rint(v)) {
      throw new InputFormatException(file, "line " + r.line(), what + " must be a whole frame number, got '" + r.cell(col) + "'");
    }
    return (int) v;
  }

  private static double number(Path file, CsvTable.Row r, int col, String what) throws InputFormatException {
    try {
      return Double.parseDouble(r.cell(col).trim());
    } catch (NumberFormatException e) {
      throw new InputFormatException(file, "line " + r.line(), what + " must be a number, got '" + r.cell(col) + "'");
    }
  }
}

package org.labpose.multianimal.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Corrections of tracks by hand, kept as a list of edits beside the prediction CSV
 * ({@code <stem>_track_edits.json}) and replayed on the CSV to give the refined tracks
 * ({@code <stem>_refined.csv}): the CSV itself is never changed, every edit can be undone, and
 * the refined file always equals the CSV with the listed edits applied in order.
 *
 * <ul>
 *   <li>{@link Swap}: two individuals exchange all their values over frames {@code from..to}
 *       (inclusive; {@code to = -1}: to the end), e.g. "swap identities from here on".
 *   <li>{@link Delete}: an individual's values over {@code from..to} become empty (a false track).
 * </ul>
 */
public final class TrackEdits {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrackEdits() {}

  /** One correction. */
  public sealed interface Edit permits Swap, Delete {
    /** First frame (0-based). */
    int from();

    /** Last frame, inclusive; -1 for the last frame of the video. */
    int to();
  }

  /** Individuals {@code a} and {@code b} exchange their values over {@code from..to}. */
  public record Swap(String a, String b, int from, int to) implements Edit {}

  /** The values of {@code individual} over {@code from..to} are removed. */
  public record Delete(String individual, int from, int to) implements Edit {}

  /** A copy of {@code original} with the edits applied in order. */
  public static PoseTable apply(PoseTable original, List<Edit> edits) {
    PoseTable t = copy(original);
    List<String> inds = t.layout().individuals();
    List<String> parts = t.layout().bodyparts();
    for (Edit e : edits) {
      int from = Math.max(0, e.from());
      int to = e.to() < 0 ? t.frameCount() - 1 : Math.min(e.to(), t.frameCount() - 1);
      if (e instanceof Swap s) {
        check(inds, s.a());
        check(inds, s.b());
        for (int f = from; f <= to; f++) {
          for (String b : parts) {
            KeypointId ka = new KeypointId(s.a(), b);
            KeypointId kb = new KeypointId(s.b(), b);
            double ax = t.x(f, ka), ay = t.y(f, ka), ap = t.likelihood(f, ka);
            t.set(f, ka, t.x(f, kb), t.y(f, kb), t.likelihood(f, kb));
            t.set(f, kb, ax, ay, ap);
          }
        }
      } else if (e instanceof Delete d) {
        check(inds, d.individual());
        for (int f = from; f <= to; f++) {
          for (String b : parts) {
            t.set(f, new KeypointId(d.individual(), b), Double.NaN, Double.NaN, Double.NaN);
          }
        }
      }
    }
    return t;
  }

  private static void check(List<String> individuals, String name) {
    if (!individuals.contains(name)) {
      throw new IllegalArgumentException("no individual '" + name + "'; the tracks have " + individuals);
    }
  }

  private static PoseTable copy(PoseTable o) {
    PoseTable t = new PoseTable(o.scorer(), o.layout(), o.frameCount());
    for (KeypointId k : o.layout().keypoints()) {
      for (int f = 0; f < o.frameCount(); f++) {
        t.set(f, k, o.x(f, k), o.y(f, k), o.likelihood(f, k));
      }
    }
    return t;
  }

  /** Reads an edits file; an absent file has no edits. */
  public static List<Edit> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputFormatException(file, null, "not JSON (" + e.getMessage() + ")");
    }
    if (root == null || !root.path("edits").isArray()) {
      throw new InputFormatException(file, null, "expected {\"edits\": [...]}");
    }
    List<Edit> out = new ArrayList<>();
    int i = 0;
    for (JsonNode e : root.get("edits")) {
      try {
        out.add(parse(e));
      } catch (IllegalArgumentException bad) {
        throw new InputFormatException(file, "edit " + i, bad.getMessage());
      }
      i++;
    }
    return out;
  }

  /**
   * One edit from its JSON form ({@code {"op": "swap", "a": .., "b": .., "from": F, "to": T}} or
   * {@code {"op": "delete", "individual": .., "from": F, "to": T}}), as the edits file and the track
   * view's requests hold it.
   *
   * @throws IllegalArgumentException saying what is missing
   */
  public static Edit parse(JsonNode e) {
    if (!e.path("from").canConvertToInt() || !e.path("to").canConvertToInt()) {
      throw new IllegalArgumentException("needs whole-number 'from' and 'to' frames");
    }
    int from = e.get("from").asInt();
    int to = e.get("to").asInt();
    String op = e.path("op").asText("");
    return switch (op) {
      case "swap" -> {
        if (!e.path("a").isTextual() || !e.path("b").isTextual()) {
          throw new IllegalArgumentException("a swap needs individuals 'a' and 'b'");
        }
        yield new Swap(e.get("a").asText(), e.get("b").asText(), from, to);
      }
      case "delete" -> {
        if (!e.path("individual").isTextual()) {
          throw new IllegalArgumentException("a delete needs 'individual'");
        }
        yield new Delete(e.get("individual").asText(), from, to);
      }
      default -> throw new IllegalArgumentException("unknown op '" + op + "'; expected swap or delete");
    };
  }

  /** The JSON form of an edit (see {@link #parse}). */
  public static ObjectNode toJson(Edit e) {
    ObjectNode o = JSON.createObjectNode();
    if (e instanceof Swap s) {
      o.put("op", "swap").put("a", s.a()).put("b", s.b());
    } else if (e instanceof Delete d) {
      o.put("op", "delete").put("individual", d.individual());
    }
    return o.put("from", e.from()).put("to", e.to());
  }

  /** Writes an edits file atomically. */
  public static void write(Path file, List<Edit> edits) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("edits");
    for (Edit e : edits) {
      arr.add(toJson(e));
    }
    AtomicFiles.writeString(file, JSON.writeValueAsString(root));
  }

  /**
   * Where two tracks come close (their centroids within {@code distancePx}), the likely places of
   * identity swaps: one entry per run of close frames.
   *
   * @param first first frame of the run
   * @param last last frame of the run
   */
  public record Crossing(String a, String b, int first, int last) {}

  /** The crossings of every pair of individuals, sorted by first frame. */
  public static List<Crossing> crossings(PoseTable t, double distancePx) {
    List<String> inds = t.layout().individuals();
    List<String> parts = t.layout().bodyparts();
    int n = t.frameCount();
    double[][][] c = new double[inds.size()][n][];
    for (int i = 0; i < inds.size(); i++) {
      for (int f = 0; f < n; f++) {
        double sx = 0, sy = 0;
        int k = 0;
        for (String b : parts) {
          KeypointId id = new KeypointId(inds.get(i), b);
          if (!Double.isNaN(t.x(f, id)) && !Double.isNaN(t.y(f, id))) {
            sx += t.x(f, id);
            sy += t.y(f, id);
            k++;
          }
        }
        c[i][f] = k == 0 ? null : new double[] {sx / k, sy / k};
      }
    }
    List<Crossing> out = new ArrayList<>();
    for (int i = 0; i < inds.size(); i++) {
      for (int j = i + 1; j < inds.size(); j++) {
        int start = -1;
        for (int f = 0; f <= n; f++) {
          boolean close = f < n && c[i][f] != null && c[j][f] != null
              && Math.hypot(c[i][f][0] - c[j][f][0], c[i][f][1] - c[j][f][1]) < distancePx;
          if (close && start < 0) {
            start = f;
          } else if (!close && start >= 0) {
            out.add(new Crossing(inds.get(i), inds.get(j), start, f - 1));
            start = -1;
          }
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Crossing::first).thenComparing(Crossing::a).thenComparing(Crossing::b));
    return out;
  }
}

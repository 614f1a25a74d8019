package org.labpose.multianimal.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.InputFormatException;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;

/**
 * The animals found in each frame before tracking, one JSON object per line and frame:
 * {@code {"frame": 12, "animals": [[[x, y, p], ...per bodypart], ...], "unique": [[x, y, p], ...]}},
 * positions in px of the video (origin top-left), {@code null} for a bodypart not found; with an
 * identity head a fourth value, the individual (0-based) the detection was given. Written as
 * the analysis goes (so a killed analysis resumes after its last complete line) and read back to
 * redo the tracking.
 */
public final class AssembliesFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AssembliesFile() {}

  /** One line of the file. */
  public static String line(int frame, FrameAssembly fa) {
    ObjectNode o = JSON.createObjectNode();
    o.put("frame", frame);
    ArrayNode animals = o.putArray("animals");
    for (Animal a : fa.animals()) {
      ArrayNode an = animals.addArray();
      for (int b = 0; b < a.size(); b++) {
        ArrayNode kp = an.addArray();
        if (a.has(b)) {
          kp.add(round(a.x(b))).add(round(a.y(b))).add(round(a.confidence(b)));
          if (a.identity(b) >= 0) {
            kp.add((int) a.identity(b));
          }
        } else {
          kp.addNull().addNull().addNull();
        }
      }
    }
    ArrayNode unique = o.putArray("unique");
    for (double[] u : fa.unique()) {
      ArrayNode kp = unique.addArray();
      if (Double.isNaN(u[0])) {
        kp.addNull().addNull().addNull();
      } else {
        kp.add(round(u[0])).add(round(u[1])).add(round(u[2]));
      }
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** Appends one frame's line. */
  public static void append(Writer out, int frame, FrameAssembly fa) throws IOException {
    out.write(line(frame, fa));
    out.write('\n');
  }

  /** One frame read back. */
  public record Frame(int frame, FrameAssembly assembly) {}

  /**
   * Reads every line.
   *
   * @param bodyparts bodyparts per animal expected
   * @param unique unique bodyparts expected
   * @throws InputFormatException naming the line that is not what this file holds
   */
  public static List<Frame> read(Path file, int bodyparts, int unique) throws IOException {
    List<Frame> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String l;
      int line = 0;
      int last = -1;
      while ((l = r.readLine()) != null) {
        line++;
        if (l.isBlank()) {
          continue;
        }
        Frame f = parse(file, line, l, bodyparts, unique);
        if (f.frame() <= last) {
          throw new InputFormatException(file, "line " + line, "frame " + f.frame() + " after frame " + last + ": frames must increase");
        }
        last = f.frame();
        out.add(f);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputFormatException(file, "line " + (out.size() + 1), "not UTF-8 text");
    }
    return out;
  }

  /** Counts the complete lines of a partial file and cuts off a half-written last one; returns the next frame. */
  public static int completeFrames(Path file, int bodyparts, int unique) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputFormatException(file, null, "not UTF-8 text: the partial analysis is damaged (analyse again without --resume)");
    }
    List<String> keep = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < lines.size(); i++) {
      try {
        Frame f = parse(file, i + 1, lines.get(i), bodyparts, unique);
        if (f.frame() != next) {
          break;
        }
        keep.add(lines.get(i));
        next++;
      } catch (InputFormatException e) {
        break;
      }
    }
    org.labpose.core.io.AtomicFiles.writeString(file, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
    return next;
  }

  private static Frame parse(Path file, int line, String text, int bodyparts, int unique) throws InputFormatException {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputFormatException(file, "line " + line, "not a JSON object (" + e.getOriginalMessage() + ")");
    }
    if (o == null || !o.isObject() || !o.path("frame").canConvertToInt() || !o.path("animals").isArray()
        || !o.path("unique").isArray()) {
      throw new InputFormatException(file, "line " + line, "expected {\"frame\": N, \"animals\": [...], \"unique\": [...]}");
    }
    List<Animal> animals = new ArrayList<>();
    for (JsonNode an : o.get("animals")) {
      animals.add(new Animal(points(file, line, an, bodyparts, true), 0, 0));
    }
    double[][] u = points(file, line, o.get("unique"), unique, false);
    return new Frame(o.get("frame").asInt(), new FrameAssembly(animals, u));
  }

  private static double[][] points(Path file, int line, JsonNode arr, int n, boolean withIdentity) throws InputFormatException {
    if (!arr.isArray() || arr.size() != n) {
      throw new InputFormatException(file, "line " + line, "expected " + n + " bodyparts, found " + (arr.isArray() ? arr.size() : arr.getNodeType()));
    }
    double[][] out = new double[n][withIdentity ? 4 : 3];
    for (int b = 0; b < n; b++) {
      JsonNode kp = arr.get(b);
      if (!kp.isArray() || kp.size() < 3 || kp.size() > 4) {
        throw new InputFormatException(file, "line " + line, "bodypart " + b + ": expected [x, y, p] or [x, y, p, identity]");
      }
      for (int c = 0; c < 3; c++) {
        JsonNode v = kp.get(c);
        if (!v.isNull() && !v.isNumber()) {
          throw new InputFormatException(file, "line " + line, "bodypart " + b + ": expected numbers or null");
        }
        out[b][c] = v.isNull() ? Double.NaN : v.asDouble();
      }
      if (withIdentity) {
        out[b][3] = Double.isNaN(out[b][0]) ? Double.NaN : kp.size() == 4 ? kp.get(3).asInt(-1) : -1;
      }
    }
    return out;
  }
}

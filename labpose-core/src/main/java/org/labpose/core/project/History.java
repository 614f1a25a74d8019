package org.labpose.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.Checksums;
import org.labpose.core.io.InputFormatException;

/**
 * A project's provenance log, {@code labpose-history.jsonl}: one JSON object per line for every
 * command that wrote results, with the time (UTC), LabPose's version, the command line, the
 * working folder, and its input and output files with size and SHA-256 (paths relative to the
 * project where they lie inside it). A line is appended under a file lock, so concurrent commands
 * do not interleave; a line cut by a crash (no newline) is skipped when read and cut off by the
 * next append.
 */
public final class History {
  /** The log's file name in the project folder. */
  public static final String FILE = "labpose-history.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private History() {}

  /** A file as recorded: project-relative (or absolute) path, bytes, SHA-256 in hex; a folder records its files. */
  public record FileRecord(String path, long bytes, String sha256) {}

  /** One command's record. */
  public record Entry(String time, String version, List<String> command, String workingDirectory, List<FileRecord> inputs,
      List<FileRecord> outputs) {}

  /**
   * Appends an entry for a command that read {@code inputs} and wrote {@code outputs} (files, or
   * folders whose regular files are recorded one by one; missing paths are left out).
   */
  public static Entry append(Path projectRoot, String version, List<String> command, List<Path> inputs, List<Path> outputs)
      throws IOException {
    Entry e = new Entry(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString(), version, List.copyOf(command),
        Path.of("").toAbsolutePath().toString(), records(projectRoot, inputs), records(projectRoot, outputs));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", e.time());
    m.put("labpose_version", e.version());
    m.put("command", e.command());
    m.put("working_directory", e.workingDirectory());
    m.put("inputs", e.inputs());
    m.put("outputs", e.outputs());
    byte[] line = (JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    Path log = projectRoot.resolve(FILE);
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock = ch.lock()) {
      // at the end, under the lock; a line cut by a crash (never a whole entry) is cut off first
      long at = ch.size();
      while (at > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, at - 1);
        if (last.get(0) == '\n') {
          break;
        }
        at--;
      }
      if (at < ch.size()) {
        ch.truncate(at);
      }
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        at += ch.write(b, at);
      }
      ch.force(false);
    }
    return e;
  }

  /**
   * Reads the log (empty when there is none); lines cut by a crash are skipped.
   *
   * @throws InputFormatException naming the line that is whole but not an entry
   */
  public static List<Entry> read(Path projectRoot) throws IOException {
    Path log = projectRoot.resolve(FILE);
    List<Entry> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      boolean whole = i < lines.length - 1;
      if (l.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(l);
        List<String> cmd = new ArrayList<>();
        n.path("command").forEach(c -> cmd.add(c.asText()));
        out.add(new Entry(n.path("time").asText(), n.path("labpose_version").asText(), cmd, n.path("working_directory").asText(),
            files(n.path("inputs")), files(n.path("outputs"))));
      } catch (IOException | RuntimeException ex) {
        if (whole) {
          throw new InputFormatException(log, "line " + (i + 1), "not a history entry: " + ex.getMessage());
        }
      }
    }
    return out;
  }

  private static List<FileRecord> files(JsonNode a) {
    List<FileRecord> out = new ArrayList<>();
    a.forEach(f -> out.add(new FileRecord(f.path("path").asText(), f.path("bytes").asLong(), f.path("sha256").asText())));
    return out;
  }

  private static List<FileRecord> records(Path root, List<Path> paths) throws IOException {
    List<FileRecord> out = new ArrayList<>();
    Path r = root.toAbsolutePath().normalize();
    for (Path p : paths) {
      if (p == null) {
        continue;
      }
      Path a = p.toAbsolutePath().normalize();
      if (Files.isDirectory(a)) {
        try (var s = Files.walk(a)) {
          for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
            out.add(record(r, f));
          }
        }
      } else if (Files.isRegularFile(a)) {
        out.add(record(r, a));
      }
    }
    return out;
  }

  private static FileRecord record(Path root, Path f) throws IOException {
    String path = f.startsWith(root) ? root.relativize(f).toString().replace('\\', '/') : f.toString();
    return new FileRecord(path, Files.size(f), Checksums.sha256(f));
  }
}

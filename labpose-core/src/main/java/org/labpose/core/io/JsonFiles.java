package org.labpose.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads JSON files so that a malformed one is reported as an {@link InputFormatException} naming
 * the file, the line and column, and what the parser expected (never Jackson's own exception).
 */
public final class JsonFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest JSON file read, bytes: LabPose's JSON files are small. */
  public static final long MAX_BYTES = 64L << 20;

  private JsonFiles() {}

  /** Reads a JSON document; the file must hold an object. */
  public static JsonNode readObject(Path file) throws IOException {
    JsonNode n = readTree(file);
    if (!n.isObject()) {
      throw new InputFormatException(file, null, "expected a JSON object {...}, found " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return n;
  }

  /** Reads a JSON document of any kind. */
  public static JsonNode readTree(Path file) throws IOException {
    byte[] bytes = bytes(file);
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || n.isMissingNode()) {
        throw new InputFormatException(file, null, "empty file: expected JSON");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw wrap(file, e);
    }
  }

  /** Reads a JSON document into a type (unknown keys are errors unless the type says otherwise). */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    byte[] bytes = bytes(file);
    if (bytes.length == 0) {
      throw new InputFormatException(file, null, "empty file: expected JSON");
    }
    try {
      return JSON.readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw wrap(file, e);
    }
  }

  private static byte[] bytes(Path file) throws IOException {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InputFormatException(file, null, "too large for a LabPose JSON file (" + size + " bytes)");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputFormatException(file, null, "file not found");
    }
  }

  /** A parse error as the file, its line and column, and the parser's message without its source dump. */
  public static InputFormatException wrap(Path file, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where = loc == null || loc.getLineNr() < 0 ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().replace('\n', ' ');
    return new InputFormatException(file, where, "not valid JSON here: " + msg, e);
  }
}

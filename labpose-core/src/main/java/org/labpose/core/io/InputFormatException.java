package org.labpose.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bad user input: a file that cannot be read as what it claims to be, or that disagrees with the
 * project. The message names the file, the place in it (a line, a key, a frame) and what was
 * expected, so that the person who can fix the file knows where to look.
 */
public class InputFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String location;
  private final String problem;

  /**
   * @param file the offending file (never null)
   * @param location where in the file, e.g. {@code "line 5"} or {@code "key 'bodyparts'"}; null when
   *     the whole file is concerned
   * @param problem what was found and what was expected
   */
  public InputFormatException(Path file, String location, String problem) {
    super(format(file, location, problem));
    this.file = Objects.requireNonNull(file, "file");
    this.location = location;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Same as {@link #InputFormatException(Path, String, String)} with the underlying cause kept. */
  public InputFormatException(Path file, String location, String problem, Throwable cause) {
    this(file, location, problem);
    initCause(cause);
  }

  private static String format(Path file, String location, String problem) {
    return location == null ? file + ": " + problem : file + ": " + location + ": " + problem;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }

  /** Where in the file (line, key, frame), or null when the whole file is concerned. */
  public String location() {
    return location;
  }

  /** What was wrong and what was expected, without the file name. */
  public String problem() {
    return problem;
  }
}

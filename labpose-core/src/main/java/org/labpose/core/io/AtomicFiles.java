package org.labpose.core.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file replacement: the content goes to a temporary file in the target's folder, is forced
 * to disk, and then renamed over the target. A failure at any point leaves the old file as it was
 * and no temporary file behind.
 */
public final class AtomicFiles {

  /** Writes bytes to a stream; may throw I/O errors. */
  @FunctionalInterface
  public interface StreamBody {
    void write(OutputStream out) throws IOException;
  }

  /** Writes text to a writer; may throw I/O errors. */
  @FunctionalInterface
  public interface TextBody {
    void write(Writer out) throws IOException;
  }

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with what {@code body} writes (UTF-8 text). */
  public static void writeText(Path target, TextBody body) throws IOException {
    write(
        target,
        out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          body.write(w);
          w.flush();
        });
  }

  /** Atomically replaces {@code target} with the given text (UTF-8). */
  public static void writeString(Path target, String text) throws IOException {
    writeText(target, w -> w.write(text));
  }

  /** Atomically replaces {@code target} with what {@code body} writes. */
  public static void write(Path target, StreamBody body) throws IOException {
    writeVia(target, tmp -> {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        body.write(new NonClosing(out));
        out.flush();
      }
    });
  }

  /** Writes a whole file given its path (a library that opens the path itself, as an HDF5 writer). */
  @FunctionalInterface
  public interface PathBody {
    void write(Path tmp) throws IOException;
  }

  /**
   * Atomically replaces {@code target} with the file that {@code body} writes at a temporary path
   * beside it (for libraries that take a path, not a stream): forced to disk, then renamed over the
   * target; the temporary file is removed when the body fails.
   */
  public static void writeVia(Path target, PathBody body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      publishPermissions(tmp, abs);
      body.write(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Gives the new file the old file's permissions, or rw-r--r-- (temporary files start private). */
  private static void publishPermissions(Path tmp, Path target) throws IOException {
    if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = Files.exists(target)
        ? Files.getPosixFilePermissions(target)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }

  /** Keeps a body from closing the channel before it is forced to disk. */
  private static final class NonClosing extends OutputStream {
    private final OutputStream out;

    NonClosing(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Deletes a folder and everything below it (nothing when it does not exist); links are not followed. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

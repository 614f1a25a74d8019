package org.labpose.web.studio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The studio's server-side file browser, confined to allowed root folders: a path is only ever
 * resolved to its real location (symbolic links followed) and accepted when that lies inside a
 * root; {@code ..}, links that lead out and paths outside every root are refused alike, and
 * listings leave out entries whose real location is outside the roots. Hidden entries (names
 * starting with a dot) are not listed.
 */
public final class FileBrowser {
  /** A listed entry: its absolute path (as the page sends it back), whether it is a folder, its size in bytes. */
  public record Entry(String name, String path, boolean folder, long size) {}

  /** A folder's listing, with its parent inside the roots (null at a root). */
  public record Listing(String path, String parent, List<Entry> entries) {}

  private final List<Path> roots;

  /** @param roots allowed folders (must exist) */
  public FileBrowser(List<Path> roots) throws IOException {
    List<Path> r = new ArrayList<>();
    for (Path p : roots) {
      r.add(p.toRealPath());
    }
    this.roots = List.copyOf(r);
  }

  /** The allowed roots, real paths. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * The real path of {@code path} when it exists and lies inside a root.
   *
   * @throws NotAllowedException otherwise (the message does not say whether the path exists)
   */
  public Path resolve(String path) throws NotAllowedException {
    if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
      throw new NotAllowedException("no path given");
    }
    Path real;
    try {
      Path p = Path.of(path);
      if (!p.isAbsolute()) {
        throw new NotAllowedException(path + ": give an absolute path inside the studio's folders");
      }
      real = p.toRealPath();
    } catch (InvalidPathException | IOException e) {
      throw new NotAllowedException(path + ": not found in the studio's folders");
    }
    if (!inside(real)) {
      throw new NotAllowedException(path + ": not found in the studio's folders");
    }
    return real;
  }

  /**
   * Where a new file or folder named {@code name} would go inside folder {@code parent}, refused
   * when the folder is outside the roots or the name is not a plain file name.
   */
  public Path child(String parent, String name) throws NotAllowedException {
    Path dir = resolve(parent);
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
      throw new NotAllowedException("'" + name + "' is not a plain file name");
    }
    return dir.resolve(name);
  }

  /** True when a real path lies inside a root. */
  public boolean inside(Path real) {
    for (Path r : roots) {
      if (real.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  /** Lists a folder (null or empty: the roots themselves). */
  public Listing list(String path) throws NotAllowedException, IOException {
    if (path == null || path.isEmpty()) {
      List<Entry> es = new ArrayList<>();
      for (Path r : roots) {
        es.add(new Entry(r.toString(), r.toString(), true, 0));
      }
      return new Listing("", null, es);
    }
    Path dir = resolve(path);
    if (!Files.isDirectory(dir)) {
      throw new NotAllowedException(path + ": not a folder");
    }
    List<Entry> es = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
          continue;
        }
        Path real;
        try {
          real = p.toRealPath();
        } catch (IOException e) {
          continue; // a dangling link
        }
        if (!inside(real)) {
          continue;
        }
        boolean folder = Files.isDirectory(real);
        es.add(new Entry(n, dir.resolve(n).toString(), folder, folder ? 0 : Files.size(real)));
      }
    }
    es.sort(Comparator.comparing((Entry e) -> !e.folder()).thenComparing(Entry::name));
    Path parent = dir.getParent();
    boolean atRoot = roots.contains(dir);
    return new Listing(dir.toString(), atRoot || parent == null ? null : parent.toString(), es);
  }

  /** A path outside the allowed folders, or not there: the page gets 404 and this message. */
  public static final class NotAllowedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAllowedException(String message) {
      super(message);
    }
  }
}

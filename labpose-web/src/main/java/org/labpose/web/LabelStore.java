package org.labpose.web;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.io.dlc.MachineLabels;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;

/**
 * The labels of a project while it is being labelled: every {@code labeled-data/<folder>/} with its
 * images and points, kept in memory, each frame with a version number. Changes are written to
 * {@code CollectedData_<scorer>.csv} by a background saver within {@link #SAVE_DELAY_MS} ms
 * (temporary file, fsync, rename: a killed process leaves the old or the new file, never a torn
 * one). Coordinates are image pixels (origin top-left, x right, y down). Thread-safe.
 *
 * <p>An existing {@code .h5} label file is read when it is newer than the CSV. Since LabPose writes
 * only the CSV, the first save of a folder moves a stale {@code .h5} aside to {@code
 * CollectedData_<scorer>.h5.before-labpose} so that no tool reads outdated labels from it
 * (DeepLabCut recreates it with {@code deeplabcut.convertcsv2h5}).
 */
public final class LabelStore implements Closeable {
  /** Longest time between a change and its save, milliseconds. */
  public static final long SAVE_DELAY_MS = 250;

  /**
   * One frame's points and version.
   *
   * @param points human labels, null where missing
   * @param suggestions the model's predictions (x, y, likelihood) from the folder's machine labels,
   *     for keypoints without a human label (refinement); empty when there are none
   */
  public record FrameState(String image, long version, Map<KeypointId, double[]> points, Map<KeypointId, double[]> suggestions) {}

  /** The outcome of an update: applied (new version) or a conflict (the current state). */
  public record Update(boolean applied, FrameState state) {}

  /** A labeled-data folder: its images, how many have every point, how many have machine labels. */
  public record FolderInfo(String name, int images, int labelled, int suggested) {}

  private final Project project;
  private final KeypointLayout layout;
  private final String scorer;
  private final Map<String, Folder> folders = new TreeMap<>();
  private final ScheduledExecutorService saver;
  private final Consumer<String> problems;
  private final Object saveLock = new Object();

  private static final class Folder {
    final Path dir;
    final Map<String, double[]> points = new TreeMap<>(); // image name -> 2 values per slot
    final Map<String, Long> versions = new LinkedHashMap<>();
    final Map<String, int[]> sizes = new java.util.HashMap<>(); // image name -> width, height (px)
    final LinkedHashSet<String> inFile = new LinkedHashSet<>();
    final Map<String, double[]> suggestions = new TreeMap<>(); // image name -> x, y, likelihood per slot
    DlcLabelCsv.IndexStyle style = DlcLabelCsv.IndexStyle.SPLIT;
    boolean dirty;
    List<String> images;

    Folder(Path dir) {
      this.dir = dir;
    }
  }

  /**
   * Opens the project's labels and starts the background saver.
   *
   * @param problems receives messages about failed saves (they are retried)
   */
  public LabelStore(Project project, Consumer<String> problems) throws IOException {
    this.project = project;
    this.layout = project.keypointLayout();
    this.scorer = project.config().scorer();
    this.problems = problems;
    for (Path dir : project.labelFolders()) {
      Folder f = new Folder(dir);
      removeLeftovers(dir);
      f.images = listImages(dir);
      for (String img : f.images) {
        f.versions.put(img, 0L);
      }
      Path file = LabelFiles.find(dir, scorer);
      if (file != null) {
        LabelSet set = project.loadLabels(dir);
        if (file.toString().endsWith(".csv")) {
          f.style = DlcLabelCsv.parse(file).style();
        }
        for (LabeledFrame fr : set.frames()) {
          String img = fr.imageName();
          f.points.put(img, fr.coordinates());
          f.inFile.add(img);
          f.versions.putIfAbsent(img, 0L);
          if (!f.images.contains(img)) {
            f.images.add(img);
          }
        }
      }
      Path ml = machineLabels(dir, project.config().iteration());
      if (ml != null) {
        for (Map.Entry<String, double[]> e : MachineLabels.read(ml, layout).entrySet()) {
          String img = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
          if (f.images.contains(img)) {
            f.suggestions.put(img, e.getValue());
          }
        }
      }
      folders.put(dir.getFileName().toString(), f);
    }
    this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "labpose-label-saver");
      t.setDaemon(true);
      return t;
    });
    saver.scheduleWithFixedDelay(this::saveQuietly, SAVE_DELAY_MS, SAVE_DELAY_MS, TimeUnit.MILLISECONDS);
  }

  /** The machine labels of this iteration, else of the latest earlier one; null when none. */
  private static Path machineLabels(Path dir, int iteration) {
    for (int it = iteration; it >= 0; it--) {
      Path p = dir.resolve(MachineLabels.fileName(it));
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /** Deletes temporary files of saves that a killed process left behind (the label file is intact). */
  private static void removeLeftovers(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".CollectedData_*.tmp")) {
      for (Path p : s) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<String> listImages(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(p) && (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
          out.add(n);
        }
      }
    }
    out.sort(null);
    return out;
  }

  public Project project() {
    return project;
  }

  public KeypointLayout layout() {
    return layout;
  }

  /** The folders, by name. */
  public synchronized List<FolderInfo> folders() {
    List<FolderInfo> out = new ArrayList<>();
    for (Map.Entry<String, Folder> e : folders.entrySet()) {
      int full = 0;
      for (String img : e.getValue().images) {
        double[] xy = e.getValue().points.get(img);
        if (xy != null && count(xy) == layout.size()) {
          full++;
        }
      }
      out.add(new FolderInfo(e.getKey(), e.getValue().images.size(), full, e.getValue().suggestions.size()));
    }
    return out;
  }

  /** The images of a folder, sorted, or null when there is no such folder. */
  public synchronized List<String> images(String folder) {
    Folder f = folders.get(folder);
    return f == null ? null : List.copyOf(f.images);
  }

  /** True when the image has machine labels to refine. */
  public synchronized boolean suggested(String folder, String image) {
    return folders.get(folder).suggestions.containsKey(image);
  }

  /** Points placed on an image. */
  public synchronized int placed(String folder, String image) {
    double[] xy = folders.get(folder).points.get(image);
    return xy == null ? 0 : count(xy);
  }

  /**
   * The file of an image, when it is one of the folder's images, lies inside the project (symbolic
   * links leading out of it are refused) and starts as a PNG or JPEG file does; null otherwise.
   */
  public Path imageFile(String folder, String image) throws IOException {
    Folder f;
    synchronized (this) {
      f = folders.get(folder);
      if (f == null || !f.images.contains(image)) {
        return null;
      }
    }
    Path p = f.dir.resolve(image);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    Path real = p.toRealPath();
    if (!real.startsWith(project.root().toRealPath()) || imageType(real) == null) {
      return null;
    }
    return real;
  }

  /** "image/png" or "image/jpeg" from a file's first bytes, or null for anything else. */
  public static String imageType(Path file) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (var in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 8 && Arrays.equals(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
      return "image/png";
    }
    if (n >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    return null;
  }

  /** Width and height of an image in px from its header (cached), or null when it cannot be read. */
  private int[] imageSize(Folder f, String image) {
    return f.sizes.computeIfAbsent(image, img -> {
      try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(f.dir.resolve(img).toFile())) {
        if (in == null) {
          return null;
        }
        var readers = javax.imageio.ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
          return null;
        }
        javax.imageio.ImageReader r = readers.next();
        try {
          r.setInput(in, true, true);
          return new int[] {r.getWidth(0), r.getHeight(0)};
        } finally {
          r.dispose();
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
    });
  }

  /** A frame's state, or null when the folder or image is unknown. */
  public synchronized FrameState frame(String folder, String image) {
    Folder f = folders.get(folder);
    if (f == null || !f.images.contains(image)) {
      return null;
    }
    return state(f, image);
  }

  private FrameState state(Folder f, String image) {
    Map<KeypointId, double[]> pts = new LinkedHashMap<>();
    Map<KeypointId, double[]> sug = new LinkedHashMap<>();
    double[] xy = f.points.get(image);
    double[] ml = f.suggestions.get(image);
    for (int i = 0; i < layout.size(); i++) {
      boolean has = xy != null && !Double.isNaN(xy[2 * i]);
      pts.put(layout.keypoints().get(i), has ? new double[] {xy[2 * i], xy[2 * i + 1]} : null);
      if (!has && ml != null && !Double.isNaN(ml[3 * i]) && !Double.isNaN(ml[3 * i + 1])) {
        sug.put(layout.keypoints().get(i), new double[] {ml[3 * i], ml[3 * i + 1], ml[3 * i + 2]});
      }
    }
    return new FrameState(image, f.versions.getOrDefault(image, 0L), pts, sug);
  }

  /**
   * Replaces the points of a frame if its version is still {@code baseVersion}; otherwise returns
   * the current state as a conflict. Points not named keep their value; a null point is missing.
   *
   * @throws IllegalArgumentException for an unknown folder, image or keypoint, a point that is not
   *     two finite numbers, or a point outside the image (0 &le; x &le; width, 0 &le; y &le; height,
   *     px)
   */
  public synchronized Update update(String folder, String image, long baseVersion, Map<KeypointId, double[]> points) {
    Folder f = folders.get(folder);
    if (f == null || !f.images.contains(image)) {
      throw new IllegalArgumentException("no image " + folder + "/" + image);
    }
    long current = f.versions.getOrDefault(image, 0L);
    if (current != baseVersion) {
      return new Update(false, state(f, image));
    }
    int[] size = imageSize(f, image);
    double[] xy = f.points.get(image);
    if (xy == null) {
      xy = new double[2 * layout.size()];
      Arrays.fill(xy, Double.NaN);
    } else {
      xy = xy.clone();
    }
    for (Map.Entry<KeypointId, double[]> e : points.entrySet()) {
      if (!layout.contains(e.getKey())) {
        throw new IllegalArgumentException("no keypoint " + e.getKey() + " in this project");
      }
      int i = layout.keypoints().indexOf(e.getKey());
      double[] p = e.getValue();
      if (p == null) {
        xy[2 * i] = Double.NaN;
        xy[2 * i + 1] = Double.NaN;
      } else {
        if (p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
          throw new IllegalArgumentException("a point must be [x, y] with finite numbers: " + e.getKey());
        }
        if (size != null && (p[0] < 0 || p[1] < 0 || p[0] > size[0] || p[1] > size[1])) {
          throw new IllegalArgumentException("point " + e.getKey() + " (" + p[0] + ", " + p[1] + ") lies outside the "
              + size[0] + "x" + size[1] + " px image " + folder + "/" + image);
        }
        xy[2 * i] = p[0];
        xy[2 * i + 1] = p[1];
      }
    }
    f.points.put(image, xy);
    f.versions.put(image, current + 1);
    f.dirty = true;
    return new Update(true, state(f, image));
  }

  /** Writes every changed folder now. Saves are serialised, so a slower older snapshot never lands after a newer one. */
  public void save() throws IOException {
    synchronized (saveLock) {
      saveNow();
    }
  }

  private void saveNow() throws IOException {
    List<Map.Entry<String, Folder>> dirty = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<String, Folder> e : folders.entrySet()) {
        if (e.getValue().dirty) {
          dirty.add(e);
        }
      }
    }
    for (Map.Entry<String, Folder> e : dirty) {
      LabelSet snapshot;
      Folder f = e.getValue();
      synchronized (this) {
        List<LabeledFrame> frames = new ArrayList<>();
        for (Map.Entry<String, double[]> pe : f.points.entrySet()) {
          if (count(pe.getValue()) > 0 || f.inFile.contains(pe.getKey())) {
            f.inFile.add(pe.getKey()); // once written, a frame stays in the file (as a row of NaN when cleared)
            frames.add(new LabeledFrame(org.labpose.core.project.ProjectLayout.labeledImage(e.getKey(), pe.getKey()), layout, pe.getValue()));
          }
        }
        snapshot = new LabelSet(scorer, layout, frames);
        f.dirty = false;
      }
      try {
        // the .h5 that DeepLabCut made is kept once, then LabPose writes both files (DeepLabCut reads the .h5)
        Path h5 = f.dir.resolve("CollectedData_" + scorer + ".h5");
        Path before = f.dir.resolve("CollectedData_" + scorer + ".h5.before-labpose");
        if (Files.exists(h5) && !Files.exists(before)) {
          Files.copy(h5, before);
        }
        org.labpose.core.io.dlc.LabelFiles.write(snapshot, f.dir.resolve("CollectedData_" + scorer + ".csv"), f.style);
      } catch (IOException | RuntimeException ex) {
        synchronized (this) {
          f.dirty = true; // retried on the next round
        }
        throw ex;
      }
    }
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException | RuntimeException e) {
      problems.accept("could not save labels (will retry): " + e.getMessage());
    }
  }

  private static int count(double[] xy) {
    int n = 0;
    for (int i = 0; i < xy.length; i += 2) {
      n += Double.isNaN(xy[i]) ? 0 : 1;
    }
    return n;
  }

  /** Stops the saver after a last save. */
  @Override
  public void close() throws IOException {
    saver.shutdown();
    try {
      saver.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    save();
  }
}

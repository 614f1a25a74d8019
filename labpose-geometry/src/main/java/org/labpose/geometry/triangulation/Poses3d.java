package org.labpose.geometry.triangulation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;

/**
 * 3D poses from the 2D predictions of two or more calibrated cameras: for every frame and keypoint,
 * the views whose likelihood reaches the p-cutoff are triangulated ({@link Triangulator}). The
 * tables must have the same keypoints and, after each camera's frame offset, the same frames;
 * a mismatch is an error naming the files, never silently truncated. The result is written as
 * {@code <name>_3D.csv} in DeepLabCut 3D's layout (header rows scorer / [individuals /] bodyparts /
 * coords with x, y, z per keypoint, world units of the calibration, origin the first camera) plus
 * two columns per keypoint, {@code error} (mean reprojection error, px) and {@code ncams} (views used).
 */
public final class Poses3d {
  private Poses3d() {}

  /**
   * One camera's predictions: its calibration, its table and the file it came from (for messages), and which of
   * its frames is each frame of the 3D table: frame f + {@code offset}, or, when {@code frames} is given (from
   * timestamps, {@link Synchronisation}), frame {@code frames[f]} (−1: none).
   */
  public record View(CameraModel camera, PoseTable poses, Path file, int offset, int[] frames) {
    /** A view whose frames follow the 3D table's by a fixed offset. */
    public View(CameraModel camera, PoseTable poses, Path file, int offset) {
      this(camera, poses, file, offset, null);
    }

    /** This camera's frame for frame {@code f} of the 3D table, −1 when it has none. */
    public int frame(int f) {
      int vf = frames == null ? f + offset : f < frames.length ? frames[f] : -1;
      return vf >= 0 && vf < poses.frameCount() ? vf : -1;
    }
  }

  /**
   * A 3D table.
   *
   * @param xyz {@code [frame][keypoint]} = {x, y, z} (NaN where not triangulated)
   * @param error mean reprojection error per frame and keypoint, px
   * @param cameras views used per frame and keypoint
   */
  public record Table(String scorer, KeypointLayout layout, double[][][] xyz, double[][] error, int[][] cameras) {
    public int frames() {
      return xyz.length;
    }
  }

  /**
   * Triangulates every frame.
   *
   * @param offset per view, the frame of that camera's table where frame 0 of the 3D table lies
   * @throws InputFormatException when the tables' keypoints differ or their frame counts disagree
   */
  public static Table triangulate(List<View> views, double pcutoff, double threshold) throws InputFormatException {
    if (views.size() < 2) {
      throw new IllegalArgumentException("3D needs two or more cameras, got " + views.size());
    }
    KeypointLayout layout = views.get(0).poses().layout();
    for (View v : views) {
      if (!v.poses().layout().equals(layout)) {
        throw new InputFormatException(v.file(), "camera " + v.camera().name(), "keypoints " + v.poses().layout().keypoints() + " differ from "
            + layout.keypoints() + " of " + views.get(0).file().getFileName());
      }
    }
    int frames = frames(views);
    Triangulator t = new Triangulator(views.stream().map(View::camera).toList(), threshold);
    List<KeypointId> keys = layout.keypoints();
    double[][][] xyz = new double[frames][keys.size()][];
    double[][] err = new double[frames][keys.size()];
    int[][] used = new int[frames][keys.size()];
    double[][] px = new double[views.size()][];
    for (int f = 0; f < frames; f++) {
      for (int k = 0; k < keys.size(); k++) {
        for (int c = 0; c < views.size(); c++) {
          View v = views.get(c);
          int vf = v.frame(f);
          double p = vf < 0 ? Double.NaN : v.poses().likelihood(vf, keys.get(k));
          boolean ok = vf >= 0 && !Double.isNaN(v.poses().x(vf, keys.get(k))) && (Double.isNaN(p) || p >= pcutoff);
          px[c] = ok ? new double[] {v.poses().x(vf, keys.get(k)), v.poses().y(vf, keys.get(k))} : null;
        }
        Triangulator.Point p = t.triangulate(px);
        xyz[f][k] = p.xyz();
        err[f][k] = p.error();
        used[f][k] = p.views();
      }
    }
    return new Table(views.get(0).poses().scorer(), layout, xyz, err, used);
  }

  /**
   * Frames of the 3D table the views make: the first view's (after its offset) when views are matched by timestamps,
   * else the common count after each view's offset.
   *
   * @throws InputFormatException when views matched by offsets have different counts after them
   */
  public static int frames(List<View> views) throws InputFormatException {
    View v0 = views.get(0);
    int n0 = v0.frames() != null ? v0.frames().length : v0.poses().frameCount() - v0.offset();
    for (View v : views) {
      if (v.frames() != null) {
        if (v.frames().length != n0) {
          throw new InputFormatException(v.file(), "camera " + v.camera().name(), "its frame map covers " + v.frames().length
              + " frames of the 3D table, which has " + n0);
        }
        continue;
      }
      int n = v.poses().frameCount() - v.offset();
      if (n != n0) {
        throw new InputFormatException(v.file(), "camera " + v.camera().name(), n + " frames after its offset " + v.offset() + ", but "
            + v0.file().getFileName() + " (camera " + v0.camera().name() + ") has " + n0 + " after offset " + v0.offset()
            + ": give each camera's frame offset, or their timestamps, so that they start and end together");
      }
    }
    if (n0 < 0) {
      throw new InputFormatException(v0.file(), null, "an offset beyond the end of the frames");
    }
    return n0;
  }

  /**
   * The 3D points seen again by a camera: a 2D table in DeepLabCut's prediction layout, likelihood
   * 1 where a point was triangulated (compare it with that camera's predictions to see where the
   * views disagree).
   */
  public static PoseTable reproject(Table t, CameraModel camera) {
    Projection p = new Projection(camera);
    PoseTable out = new PoseTable(t.scorer(), t.layout(), t.frames());
    List<KeypointId> keys = t.layout().keypoints();
    for (int f = 0; f < t.frames(); f++) {
      for (int k = 0; k < keys.size(); k++) {
        double[] x = t.xyz()[f][k];
        if (!Double.isNaN(x[0])) {
          double[] px = p.project(x);
          if (!Double.isNaN(px[0])) {
            out.set(f, keys.get(k), px[0], px[1], 1.0);
          }
        }
      }
    }
    return out;
  }

  private static final List<String> COORDS = List.of("x", "y", "z", "error", "ncams");

  /** Writes a 3D table atomically (see the class comment for the layout). */
  public static void write(Table t, Path csv) throws IOException {
    List<KeypointId> keys = t.layout().keypoints();
    boolean multi = t.layout().isMultiAnimal();
    List<List<String>> header = new ArrayList<>();
    List<String> sc = new ArrayList<>(List.of("scorer"));
    List<String> in = new ArrayList<>(List.of("individuals"));
    List<String> bp = new ArrayList<>(List.of("bodyparts"));
    List<String> co = new ArrayList<>(List.of("coords"));
    for (KeypointId k : keys) {
      for (String c : COORDS) {
        sc.add(t.scorer());
        in.add(k.individual());
        bp.add(k.bodypart());
        co.add(c);
      }
    }
    header.add(sc);
    if (multi) {
      header.add(in);
    }
    header.add(bp);
    header.add(co);
    AtomicFiles.writeText(csv, w -> {
      for (List<String> row : header) {
        CsvTable.writeRow(w, row);
      }
      List<String> cells = new ArrayList<>();
      for (int f = 0; f < t.frames(); f++) {
        cells.clear();
        cells.add(Integer.toString(f));
        for (int k = 0; k < keys.size(); k++) {
          for (int j = 0; j < 3; j++) {
            cells.add(CsvTable.number(t.xyz()[f][k][j]));
          }
          cells.add(CsvTable.number(t.error()[f][k]));
          cells.add(Integer.toString(t.cameras()[f][k]));
        }
        CsvTable.writeRow(w, cells);
      }
    });
  }

  /**
   * Reads a 3D table written by {@link #write}.
   *
   * @throws InputFormatException naming the line and column that is not what was written
   */
  public static Table read(Path csv) throws IOException {
    try {
      return parse(csv, CsvTable.read(csv));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // a header row cut short, or keypoints named twice
      throw new InputFormatException(csv, "header", "not a 3D table as triangulate writes it (" + e.getMessage() + ")");
    }
  }

  private static Table parse(Path csv, CsvTable t) throws IOException {
    List<CsvTable.Row> rows = t.rows();
    if (rows.size() < 3 || !rows.get(0).cells().get(0).equals("scorer")) {
      throw new InputFormatException(csv, "line 1", "expected a 3D table with a 'scorer' header row");
    }
    boolean multi = rows.get(1).cells().get(0).equals("individuals");
    int h = multi ? 4 : 3;
    List<String> co = rows.get(h - 1).cells();
    List<String> bp = rows.get(h - 2).cells();
    List<String> in = multi ? rows.get(1).cells() : null;
    Map<KeypointId, Integer> first = new LinkedHashMap<>();
    for (int c = 1; c < co.size(); c += COORDS.size()) {
      for (int j = 0; j < COORDS.size(); j++) {
        if (c + j >= co.size() || !co.get(c + j).equals(COORDS.get(j))) {
          throw new InputFormatException(csv, "line " + h + ", column " + (c + j + 1), "expected coords x, y, z, error, ncams per keypoint");
        }
      }
      KeypointId k = multi ? new KeypointId(in.get(c), bp.get(c)) : KeypointId.of(bp.get(c));
      if (first.put(k, c) != null) {
        throw new InputFormatException(csv, "line " + (h - 1) + ", column " + (c + 1), "keypoint " + k + " appears twice");
      }
    }
    KeypointLayout layout = new KeypointLayout(new ArrayList<>(first.keySet()), multi);
    int n = rows.size() - h;
    double[][][] xyz = new double[n][layout.size()][3];
    double[][] err = new double[n][layout.size()];
    int[][] cams = new int[n][layout.size()];
    for (int r = 0; r < n; r++) {
      List<String> cells = rows.get(h + r).cells();
      int k = 0;
      for (int c : first.values()) {
        for (int j = 0; j < 3; j++) {
          xyz[r][k][j] = num(csv, rows.get(h + r), cells, c + j);
        }
        err[r][k] = num(csv, rows.get(h + r), cells, c + 3);
        double nc = num(csv, rows.get(h + r), cells, c + 4);
        cams[r][k] = Double.isNaN(nc) ? 0 : (int) nc;
        k++;
      }
    }
    return new Table(rows.get(0).cells().get(1), layout, xyz, err, cams);
  }

  private static double num(Path csv, CsvTable.Row row, List<String> cells, int c) throws InputFormatException {
    String s = c < cells.size() ? cells.get(c) : "";
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputFormatException(csv, "line " + row.line() + ", column " + (c + 1), "expected a number, found '" + s + "'");
    }
  }
}

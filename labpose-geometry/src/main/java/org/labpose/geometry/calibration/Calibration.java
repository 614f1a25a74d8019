package org.labpose.geometry.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.labpose.core.io.InputFormatException;
import org.labpose.geometry.Vec3;
import org.labpose.geometry.triangulation.Projection;

/**
 * Calibrates cameras from checkerboard images: per camera the intrinsics with OpenCV's calib3d
 * (pinhole, radial k1 k2 and tangential p1 p2 distortion; k3 too when asked, for wide lenses); an
 * image that fits far worse than the others is left out and the camera fitted again
 * ({@link #OUTLIER_FACTOR}). Then the rig: each camera placed relative to the first through the
 * frames it shares with a camera already placed (the board's pose in both, from solvePnP), and every
 * camera's pose and intrinsics and the board's pose in every frame refined together by
 * {@link BundleAdjustment} with a robust loss, so that a camera far from the first is placed through
 * the cameras between them and every shared view counts. Images of different cameras correspond by
 * their position in the lists (synchronised frames). The world is the first camera's frame, in the
 * square's unit. Errors are RMS reprojection errors in px.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * One image's fit: its file and RMS reprojection error (px), NaN when the board was not found;
   * {@code used} false for an image left out of the final fit as an outlier; the corners found and the
   * board's corners projected back by the final fit (px, {@link Board.Found#ids} order; null when
   * not found).
   */
  public record View(Path image, double rms, boolean found, boolean used, double[][] corners, double[][] reprojected) {
    View(Path image, double rms, boolean found, boolean used) {
      this(image, rms, found, used, null, null);
    }
  }

  /**
   * An image whose RMS reprojection error exceeds this many times the median of the camera's
   * images (and {@link #OUTLIER_MIN_PX}) is left out and the camera fitted again without it: a
   * blurred frame or a mis-ordered corner set would otherwise pull every parameter.
   */
  public static final double OUTLIER_FACTOR = 3;

  /** Smallest RMS error (px) that can make an image an outlier. */
  public static final double OUTLIER_MIN_PX = 0.5;

  /**
   * One camera's calibration.
   *
   * @param camera the model (pose relative to the first camera; intrinsics from the joint fit when there are several cameras)
   * @param rms RMS reprojection error of its own intrinsics fit over its images, px
   * @param views every image, found or not, with its error in the joint fit (its own fit for a single camera); an
   *     image is unused when its own camera's fit or the rig's fit left it out
   * @param jointRms RMS of this camera's images in the bundle adjustment of the rig, px (NaN for a single camera)
   * @param sharedViews images of this camera in which another camera saw the board too
   * @param coverage the share of the image the board's corners reached, over the images used: of a
   *     {@value #COVERAGE_COLS} × {@value #COVERAGE_ROWS} grid of cells, those with a corner (0 to 1); the lens
   *     is only known where the board went
   */
  public record Camera(CameraModel camera, double rms, List<View> views, double jointRms, int sharedViews, double coverage) {}

  /** Columns of the coverage grid. */
  public static final int COVERAGE_COLS = 8;

  /** Rows of the coverage grid. */
  public static final int COVERAGE_ROWS = 6;

  /** Below this coverage the command warns: the distortion near the image's edges is extrapolated. */
  public static final double COVERAGE_WARNING = 0.5;

  /**
   * The camera with every found image's corners and their reprojection by the final fit (the board's pose in the
   * rig's fit where that image was in it, else the pose that best fits the image alone under the final
   * intrinsics), and its coverage.
   */
  private static Camera withCorners(Board board, Camera cam, List<Optional<Board.Found>> found, BundleAdjustment.Result ba,
      int index) {
    CameraModel m = cam.camera();
    boolean[][] cells = new boolean[COVERAGE_ROWS][COVERAGE_COLS];
    List<View> views = new ArrayList<>();
    for (int i = 0; i < cam.views().size(); i++) {
      View v = cam.views().get(i);
      if (!v.found()) {
        views.add(v);
        continue;
      }
      Board.Found fv = found.get(i).orElseThrow();
      double[][] corners = fv.corners();
      double[][] obj = fv.object(board);
      double[][] pose;
      if (ba != null && ba.used()[index][i]) {
        pose = compose(new double[][] {m.rotation(), m.translation()}, ba.boardPoses()[i]);
      } else {
        pose = boardPose(board, m.withPose(new double[3], new double[3]), fv);
      }
      double[][] rb = Projection.rotation(pose[0]);
      Projection local = new Projection(m.withPose(new double[3], new double[3]));
      double[][] back = new double[obj.length][];
      for (int q = 0; q < obj.length; q++) {
        double[] w = Vec3.mul(rb, obj[q]);
        back[q] = local.project(new double[] {w[0] + pose[1][0], w[1] + pose[1][1], w[2] + pose[1][2]});
      }
      views.add(new View(v.image(), v.rms(), true, v.used(), corners, back));
      if (v.used()) {
        for (double[] xy : corners) {
          int cx = (int) Math.floor(xy[0] / m.width() * COVERAGE_COLS);
          int cy = (int) Math.floor(xy[1] / m.height() * COVERAGE_ROWS);
          if (cx >= 0 && cy >= 0 && cx < COVERAGE_COLS && cy < COVERAGE_ROWS) {
            cells[cy][cx] = true;
          }
        }
      }
    }
    int hit = 0;
    for (boolean[] row : cells) {
      for (boolean b : row) {
        hit += b ? 1 : 0;
      }
    }
    return new Camera(m, cam.rms(), views, cam.jointRms(), cam.sharedViews(), hit / (double) (COVERAGE_COLS * COVERAGE_ROWS));
  }

  /**
   * Calibrates the cameras.
   *
   * @param images per camera name, its images in frame order (the first camera is the world's origin)
   * @param estimateK3 estimate the third radial coefficient (wide lenses); otherwise it is 0
   * @throws InputFormatException naming the camera whose images show the board fewer than 3 times,
   *     or that shares fewer than {@link #MIN_SHARED} board views with every camera placed before it, or whose images differ in size
   */
  public static List<Camera> calibrate(Board board, Map<String, List<Path>> images, boolean estimateK3) throws IOException {
    return calibrate(board, images, estimateK3 ? Lens.PINHOLE_K3 : Lens.PINHOLE);
  }

  /** The lens model fitted. */
  public enum Lens {
    /** Pinhole with radial k1 k2 and tangential p1 p2 distortion. */
    PINHOLE,
    /** Pinhole with radial k1 k2 k3 and tangential p1 p2 distortion. */
    PINHOLE_K3,
    /** OpenCV's fisheye model (k1 to k4 on the ray's angle), for wide lenses ({@link CameraModel#fisheye}). */
    FISHEYE
  }

  /**
   * Calibrates the cameras with the given lens model (see {@link #calibrate(Board, Map, boolean)}).
   */
  public static List<Camera> calibrate(Board board, Map<String, List<Path>> images, Lens lens) throws IOException {
    Map<String, List<Optional<Board.Found>>> found = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : images.entrySet()) {
      List<Optional<Board.Found>> f = new ArrayList<>();
      for (Path p : e.getValue()) {
        f.add(board.find(p));
      }
      found.put(e.getKey(), f);
    }
    List<String> names = new ArrayList<>(images.keySet());
    List<Intrinsics> fits = new ArrayList<>();
    for (String name : names) {
      fits.add(intrinsics(name, board, images.get(name), found.get(name), lens));
    }
    int nc = names.size();
    if (nc == 1) {
      Intrinsics in = fits.get(0);
      return List.of(withCorners(board, new Camera(in.model(), in.rms(), in.views(), Double.NaN, 0, 0), found.get(names.get(0)), null, -1));
    }
    int nf = images.values().stream().mapToInt(List::size).max().orElse(0);
    // the corners of every image kept by its camera's fit, and the board's pose in that camera (solvePnP)
    Board.Found[][] corners = new Board.Found[nc][nf];
    double[][][][] inCamera = new double[nc][nf][][];
    for (int c = 0; c < nc; c++) {
      List<Optional<Board.Found>> f = found.get(names.get(c));
      for (int i = 0; i < f.size(); i++) {
        if (f.get(i).isPresent() && fits.get(c).views().get(i).used()) {
          corners[c][i] = f.get(i).get();
          inCamera[c][i] = boardPose(board, fits.get(c).model(), corners[c][i]);
        }
      }
    }
    List<CameraModel> initial = initialPoses(board, names, images, fits, corners, inCamera);
    // the board's pose in the world in each frame, from the first camera that saw it
    double[][][] boards = new double[nf][][];
    for (int i = 0; i < nf; i++) {
      for (int c = 0; c < nc && boards[i] == null; c++) {
        if (inCamera[c][i] != null) {
          boards[i] = compose(invert(new double[][] {initial.get(c).rotation(), initial.get(c).translation()}), inCamera[c][i]);
        }
      }
    }
    BundleAdjustment.Result ba = BundleAdjustment.adjust(board, initial, corners, boards, true, HUBER_PX);
    List<Camera> out = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      List<View> views = new ArrayList<>();
      double sum = 0;
      int n = 0;
      int shared = 0;
      for (int i = 0; i < fits.get(c).views().size(); i++) {
        View v = fits.get(c).views().get(i);
        if (v.used()) {
          // a view the rig's fit left out (it disagrees with the other cameras) is marked unused
          double r = ba.viewRms()[c][i];
          boolean inRig = ba.used()[c][i];
          views.add(new View(v.image(), r, true, inRig));
          if (!inRig) {
            continue;
          }
          sum += r * r;
          n++;
          int others = 0;
          for (int d = 0; d < nc; d++) {
            others += d != c && corners[d][i] != null ? 1 : 0;
          }
          shared += others > 0 ? 1 : 0;
        } else {
          views.add(v);
        }
      }
      double rms = Math.sqrt(sum / n);
      out.add(withCorners(board, new Camera(ba.cameras().get(c), fits.get(c).rms(), views, rms, shared, 0), found.get(names.get(c)), ba, c));
    }
    return out;
  }

  /** Huber's scale in the bundle adjustment, px: corners farther than this from their projection pull with a bounded force. */
  public static final double HUBER_PX = 1;

  /** Frames two cameras must share to link them when the rig is first put together. */
  public static final int MIN_SHARED = 3;

  /**
   * Every camera's first pose in the first camera's frame, from the board poses solvePnP found: a camera
   * not placed yet is placed from the placed camera it shares most frames with, by the shared frame
   * whose implied pose best fits the other shared frames.
   */
  private static List<CameraModel> initialPoses(Board board, List<String> names, Map<String, List<Path>> images, List<Intrinsics> fits, Board.Found[][] corners,
      double[][][][] inCamera) throws InputFormatException {
    int nc = names.size();
    double[][][] pose = new double[nc][][];
    pose[0] = new double[][] {new double[3], new double[3]};
    for (int placed = 1; placed < nc; placed++) {
      int bestC = -1;
      int bestK = -1;
      int bestShared = -1;
      for (int c = 0; c < nc; c++) {
        for (int k = 0; k < nc && pose[c] == null; k++) {
          if (pose[k] != null) {
            int s = shared(inCamera[c], inCamera[k]);
            if (s > bestShared) {
              bestShared = s;
              bestC = c;
              bestK = k;
            }
          }
        }
      }
      if (bestShared < MIN_SHARED) {
        int c = bestC;
        List<Path> files = images.get(names.get(c));
        throw new InputFormatException(files.isEmpty() ? Path.of(names.get(c)) : files.get(0), "camera " + names.get(c),
            "sees the board together with camera " + names.get(bestK) + " in " + bestShared + " frames, and with the other placed cameras in no more;"
                + " at least " + MIN_SHARED + " are needed to place it");
      }
      // candidates: camera c's pose implied by each shared frame; keep the one that reprojects the shared frames best
      double[][] best = null;
      double bestErr = Double.POSITIVE_INFINITY;
      CameraModel model = fits.get(bestC).model();
      for (int i = 0; i < inCamera[bestC].length; i++) {
        if (inCamera[bestC][i] == null || inCamera[bestK][i] == null) {
          continue;
        }
        // world -> k -> board -> c
        double[][] cand = compose(compose(inCamera[bestC][i], invert(inCamera[bestK][i])), pose[bestK]);
        Projection p = new Projection(model.withPose(cand[0], cand[1]));
        double err = 0;
        for (int j = 0; j < inCamera[bestC].length; j++) {
          if (inCamera[bestC][j] != null && inCamera[bestK][j] != null) {
            double[][] inWorld = compose(invert(pose[bestK]), inCamera[bestK][j]);
            double[][] rb = Projection.rotation(inWorld[0]);
            double[][] obj = corners[bestC][j].object(board);
            for (int q = 0; q < obj.length; q++) {
              double[] w = Vec3.mul(rb, obj[q]);
              double[] uv = p.project(new double[] {w[0] + inWorld[1][0], w[1] + inWorld[1][1], w[2] + inWorld[1][2]});
              err += Math.hypot(uv[0] - corners[bestC][j].corners()[q][0], uv[1] - corners[bestC][j].corners()[q][1]);
            }
          }
        }
        if (err < bestErr) {
          bestErr = err;
          best = cand;
        }
      }
      pose[bestC] = best;
    }
    List<CameraModel> out = new ArrayList<>();
    for (int c = 0; c < nc; c++) {
      out.add(fits.get(c).model().withPose(pose[c][0], pose[c][1]));
    }
    return out;
  }

  private static int shared(double[][][] a, double[][][] b) {
    int n = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      n += a[i] != null && b[i] != null ? 1 : 0;
    }
    return n;
  }

  /** The rigid transform a ∘ b (first b, then a), each {Rodrigues, translation}. */
  static double[][] compose(double[][] a, double[][] b) {
    double[][] ra = Projection.rotation(a[0]);
    double[][] r = Vec3.mul(ra, Projection.rotation(b[0]));
    double[] t = Vec3.mul(ra, b[1]);
    return new double[][] {Projection.rodrigues(r), {t[0] + a[1][0], t[1] + a[1][1], t[2] + a[1][2]}};
  }

  /** The inverse of a rigid transform {Rodrigues, translation}. */
  static double[][] invert(double[][] a) {
    double[][] r = Projection.rotation(a[0]);
    double[][] rt = {{r[0][0], r[1][0], r[2][0]}, {r[0][1], r[1][1], r[2][1]}, {r[0][2], r[1][2], r[2][2]}};
    double[] t = Vec3.mul(rt, a[1]);
    return new double[][] {Projection.rodrigues(rt), {-t[0], -t[1], -t[2]}};
  }

  /**
   * The board's pose in a camera's frame from its corners, {Rodrigues, translation}: the corners undone
   * through the camera's lens model onto the normalised image plane, then OpenCV's solvePnP there.
   */
  private static double[][] boardPose(Board board, CameraModel cam, Board.Found view) {
    Projection p = new Projection(cam);
    double[][] corners = view.corners();
    try (Mat obj = objectMat(view.object(board)); Mat img = new Mat(corners.length, 1, opencv_core.CV_64FC2); Mat r = new Mat(); Mat t = new Mat();
        Mat k = mat(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}); Mat d = new Mat()) {
      try (DoubleIndexer ix = img.createIndexer()) {
        for (int i = 0; i < corners.length; i++) {
          double[] n = p.undistort(corners[i][0], corners[i][1]);
          ix.put(i, 0, 0, n[0]);
          ix.put(i, 0, 1, n[1]);
        }
      }
      opencv_calib3d.solvePnP(obj, img, k, d, r, t);
      return new double[][] {vector(r, 3), vector(t, 3)};
    }
  }

  private record Intrinsics(CameraModel model, double rms, List<View> views) {}

  private static Intrinsics intrinsics(String name, Board board, List<Path> files, List<Optional<Board.Found>> found,
      Lens lens) throws IOException {
    List<Board.Found> corners = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int w = -1;
    int h = -1;
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i).isPresent()) {
        Board.Found f = found.get(i).get();
        if (w >= 0 && (f.width() != w || f.height() != h)) {
          throw new InputFormatException(files.get(i), "camera " + name, "is " + f.width() + "x" + f.height() + " but its other images " + w + "x" + h);
        }
        w = f.width();
        h = f.height();
        corners.add(f);
        index.add(i);
      }
    }
    if (corners.size() < 3) {
      throw new InputFormatException(files.isEmpty() ? Path.of(name) : files.get(0), "camera " + name,
          "the " + board.describe() + " was found in " + corners.size() + " of " + files.size() + " images; at least 3 are needed");
    }
    boolean[] used = new boolean[corners.size()];
    java.util.Arrays.fill(used, true);
    Fit fit = fit(board, corners, used, w, h, lens);
    // one round of outlier removal, by the per-image errors of the fit with every image
    double[] sorted = fit.viewRms().clone();
    java.util.Arrays.sort(sorted);
    double limit = Math.max(OUTLIER_FACTOR * sorted[sorted.length / 2], OUTLIER_MIN_PX);
    int kept = 0;
    for (int j = 0; j < used.length; j++) {
      used[j] = fit.viewRms()[j] <= limit;
      kept += used[j] ? 1 : 0;
    }
    if (kept < used.length && kept >= 3) {
      fit = fit(board, corners, used, w, h, lens);
    } else {
      java.util.Arrays.fill(used, true);
    }
    List<View> views = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < files.size(); i++) {
      if (j < index.size() && index.get(j) == i) {
        views.add(new View(files.get(i), fit.viewRms()[j], true, used[j]));
        j++;
      } else {
        views.add(new View(files.get(i), Double.NaN, false, false));
      }
    }
    return new Intrinsics(new CameraModel(name, w, h, fit.matrix(), fit.distortion(), new double[3], new double[3], lens == Lens.FISHEYE), fit.rms(),
        views);
  }

  /** A fit: intrinsics, RMS over the images used (px), and every found image's RMS under it (px). */
  private record Fit(double[][] matrix, double[] distortion, double rms, double[] viewRms) {}

  private static Fit fit(Board board, List<Board.Found> corners, boolean[] used, int w, int h, Lens lens) {
    if (lens == Lens.FISHEYE) {
      return fitFisheye(board, corners, used, w, h);
    }
    List<Board.Found> in = new ArrayList<>();
    for (int j = 0; j < corners.size(); j++) {
      if (used[j]) {
        in.add(corners.get(j));
      }
    }
    try (org.bytedeco.opencv.opencv_core.Point3fVectorVector obj = objectVectors(board, in);
        org.bytedeco.opencv.opencv_core.Point2fVectorVector img = imageVectors(in);
        Mat k = new Mat(); Mat d = new Mat(); MatVector rv = new MatVector(); MatVector tv = new MatVector(); Size size = new Size(w, h);
        TermCriteria crit = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-12)) {
      opencv_calib3d.calibrateCamera(obj, img, size, k, d, rv, tv, lens == Lens.PINHOLE_K3 ? 0 : opencv_calib3d.CALIB_FIX_K3, crit);
      double[] dist = vector(d, 5);
      CameraModel model = new CameraModel("fit", w, h, matrix(k), dist, new double[3], new double[3]);
      // every image's error under the intrinsics, with its board pose (the fit's for an image in it, else its own)
      double[] viewRms = new double[corners.size()];
      double sum = 0;
      int u = 0;
      for (int j = 0; j < corners.size(); j++) {
        double[][] pose;
        if (used[j]) {
          pose = new double[][] {vector(rv.get(u), 3), vector(tv.get(u), 3)};
          u++;
        } else {
          pose = boardPose(board, model, corners.get(j));
        }
        viewRms[j] = viewRms(board, model, pose, corners.get(j));
        if (used[j]) {
          sum += viewRms[j] * viewRms[j];
        }
      }
      return new Fit(model.matrix(), dist, Math.sqrt(sum / Math.max(1, in.size())), viewRms);
    }
  }

  /**
   * The fisheye intrinsics, fitted in Java by {@link BundleAdjustment} (OpenCV 4.13's fisheye calibration crashes
   * the JVM through JavaCV's bindings): the lens starts as an ideal equidistant one (no distortion, the principal
   * point at the image's centre) with the focal length, of those for 60° to 180° across, whose board poses
   * (solvePnP through that lens) reproject best; then focal lengths, principal point, k1 to k4 and every
   * board pose are refined together.
   */
  private static Fit fitFisheye(Board board, List<Board.Found> corners, boolean[] used, int w, int h) {
    CameraModel best = null;
    double bestErr = Double.POSITIVE_INFINITY;
    for (double half : new double[] {30, 45, 60, 75, 90}) {
      double f = (w / 2.0) / Math.toRadians(half);
      CameraModel m = new CameraModel("fit", w, h, new double[][] {{f, 0, (w - 1) / 2.0}, {0, f, (h - 1) / 2.0}, {0, 0, 1}}, new double[5],
          new double[3], new double[3], true);
      double err = 0;
      for (int j = 0; j < corners.size(); j++) {
        if (used[j]) {
          err += viewRms(board, m, boardPose(board, m, corners.get(j)), corners.get(j));
        }
      }
      if (err < bestErr) {
        bestErr = err;
        best = m;
      }
    }
    Board.Found[][] views = new Board.Found[1][corners.size()];
    double[][][] poses = new double[corners.size()][][];
    for (int j = 0; j < corners.size(); j++) {
      if (used[j]) {
        views[0][j] = corners.get(j);
        poses[j] = boardPose(board, best, corners.get(j));
      }
    }
    BundleAdjustment.Result r = BundleAdjustment.adjust(board, List.of(best), views, poses, true, HUBER_PX);
    CameraModel m = r.cameras().get(0);
    double[] viewRms = new double[corners.size()];
    double sum = 0;
    int n = 0;
    for (int j = 0; j < corners.size(); j++) {
      viewRms[j] = viewRms(board, m, used[j] ? r.boardPoses()[j] : boardPose(board, m, corners.get(j)), corners.get(j));
      if (used[j]) {
        sum += viewRms[j] * viewRms[j];
        n++;
      }
    }
    return new Fit(m.matrix(), m.distortion(), Math.sqrt(sum / Math.max(1, n)), viewRms);
  }

  /** RMS distance (px) between the corners found and the board's corners projected from its pose in the camera's frame. */
  private static double viewRms(Board board, CameraModel camera, double[][] pose, Board.Found view) {
    double[][] corners = view.corners();
    Projection p = new Projection(camera.withPose(new double[3], new double[3]));
    double[][] rb = Projection.rotation(pose[0]);
    double[][] obj = view.object(board);
    double sum = 0;
    for (int i = 0; i < corners.length; i++) {
      double[] w = Vec3.mul(rb, obj[i]);
      double[] uv = p.project(new double[] {w[0] + pose[1][0], w[1] + pose[1][1], w[2] + pose[1][2]});
      sum += Math.pow(uv[0] - corners[i][0], 2) + Math.pow(uv[1] - corners[i][1], 2);
    }
    return Math.sqrt(sum / corners.length);
  }

  private static Mat objectMat(double[][] p) {
    Mat m = new Mat(p.length, 1, opencv_core.CV_32FC3);
    try (FloatIndexer ix = m.createIndexer()) {
      for (int i = 0; i < p.length; i++) {
        ix.put(i, 0, 0, (float) p[i][0]);
        ix.put(i, 0, 1, (float) p[i][1]);
        ix.put(i, 0, 2, (float) p[i][2]);
      }
    }
    return m;
  }

  private static org.bytedeco.opencv.opencv_core.Point3fVectorVector objectVectors(Board board, List<Board.Found> views) {
    org.bytedeco.opencv.opencv_core.Point3fVectorVector out = new org.bytedeco.opencv.opencv_core.Point3fVectorVector(views.size());
    for (int j = 0; j < views.size(); j++) {
      double[][] p = views.get(j).object(board);
      org.bytedeco.opencv.opencv_core.Point3fVector v = new org.bytedeco.opencv.opencv_core.Point3fVector(p.length);
      for (int i = 0; i < p.length; i++) {
        v.put(i, new org.bytedeco.opencv.opencv_core.Point3f((float) p[i][0], (float) p[i][1], (float) p[i][2]));
      }
      out.put(j, v);
    }
    return out;
  }

  private static org.bytedeco.opencv.opencv_core.Point2fVectorVector imageVectors(List<Board.Found> views) {
    org.bytedeco.opencv.opencv_core.Point2fVectorVector out = new org.bytedeco.opencv.opencv_core.Point2fVectorVector(views.size());
    for (int j = 0; j < views.size(); j++) {
      double[][] c = views.get(j).corners();
      org.bytedeco.opencv.opencv_core.Point2fVector v = new org.bytedeco.opencv.opencv_core.Point2fVector(c.length);
      for (int i = 0; i < c.length; i++) {
        v.put(i, new org.bytedeco.opencv.opencv_core.Point2f((float) c[i][0], (float) c[i][1]));
      }
      out.put(j, v);
    }
    return out;
  }

  private static double[][] matrix(Mat m) {
    double[][] out = new double[3][3];
    try (DoubleIndexer ix = m.createIndexer()) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          out[r][c] = ix.get(r, c);
        }
      }
    }
    return out;
  }

  private static double[] vector(Mat m, int n) {
    double[] out = new double[n];
    try (Mat d = new Mat()) {
      m.convertTo(d, opencv_core.CV_64F);
      try (DoubleIndexer ix = d.createIndexer()) {
        long total = d.total();
        int cols = Math.max(1, d.cols());
        for (int i = 0; i < n && i < total; i++) {
          out[i] = ix.get(i / cols, i % cols);
        }
      }
    }
    return out;
  }

  private static Mat mat(double[][] a) {
    Mat m = new Mat(3, 3, opencv_core.CV_64F);
    try (DoubleIndexer ix = m.createIndexer()) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          ix.put(r, c, a[r][c]);
        }
      }
    }
    return m;
  }
}

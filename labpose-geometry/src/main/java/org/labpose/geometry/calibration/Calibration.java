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

/**
 * Calibrates cameras from checkerboard images with OpenCV's calib3d: per camera the intrinsics
 * (pinhole, radial k1 k2 and tangential p1 p2 distortion; k3 too when asked, for wide lenses), then
 * each other camera's pose relative to the first from the images where both see the board (OpenCV's
 * stereoCalibrate, which starts from the two cameras' intrinsics and refines them with the pose; the
 * pose is kept, each camera keeps the intrinsics of its own fit). Images of different cameras correspond by their
 * position in the lists (synchronised frames). An image that fits far worse than the others is
 * left out and the camera fitted again ({@link #OUTLIER_FACTOR}). Errors are RMS reprojection
 * errors in px.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * One image's fit: its file and RMS reprojection error (px), NaN when the board was not found;
   * {@code used} false for an image left out of the final fit as an outlier.
   */
  public record View(Path image, double rms, boolean found, boolean used) {}

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
   * @param camera the model (pose relative to the first camera)
   * @param rms RMS reprojection error over its images, px
   * @param views every image, found or not
   * @param stereoRms RMS of the joint fit with the first camera, px (NaN for the first)
   * @param sharedViews images in which both this and the first camera saw the board
   */
  public record Camera(CameraModel camera, double rms, List<View> views, double stereoRms, int sharedViews) {}

  /**
   * Calibrates the cameras.
   *
   * @param images per camera name, its images in frame order (the first camera is the world's origin)
   * @param estimateK3 estimate the third radial coefficient (wide lenses); otherwise it is 0
   * @throws InputFormatException naming the camera whose images show the board fewer than 3 times,
   *     or that shares fewer than 3 board views with the first, or whose images differ in size
   */
  public static List<Camera> calibrate(Checkerboard board, Map<String, List<Path>> images, boolean estimateK3) throws IOException {
    Map<String, List<Optional<Checkerboard.Found>>> found = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : images.entrySet()) {
      List<Optional<Checkerboard.Found>> f = new ArrayList<>();
      for (Path p : e.getValue()) {
        f.add(board.find(p));
      }
      found.put(e.getKey(), f);
    }
    List<Camera> out = new ArrayList<>();
    CameraModel first = null;
    String firstName = null;
    for (Map.Entry<String, List<Optional<Checkerboard.Found>>> e : found.entrySet()) {
      String name = e.getKey();
      List<Path> files = images.get(name);
      Intrinsics in = intrinsics(name, board, files, e.getValue(), estimateK3);
      if (first == null) {
        first = in.model();
        firstName = name;
        out.add(new Camera(in.model(), in.rms(), in.views(), Double.NaN, in.views().size()));
        continue;
      }
      // the pose relative to the first camera, from the frames both saw
      List<double[][]> a = new ArrayList<>();
      List<double[][]> b = new ArrayList<>();
      List<Optional<Checkerboard.Found>> f0 = found.get(firstName);
      List<View> v0 = out.get(0).views();
      for (int i = 0; i < Math.min(f0.size(), e.getValue().size()); i++) {
        if (f0.get(i).isPresent() && e.getValue().get(i).isPresent() && v0.get(i).used() && in.views().get(i).used()) {
          a.add(f0.get(i).get().corners());
          b.add(e.getValue().get(i).get().corners());
        }
      }
      if (a.size() < 3) {
        throw new InputFormatException(files.isEmpty() ? Path.of(name) : files.get(0), "camera " + name,
            "sees the board together with camera " + firstName + " in " + a.size() + " frames; at least 3 are needed");
      }
      double[] r = new double[3];
      double[] t = new double[3];
      double rms = stereo(board, first, in.model(), a, b, r, t);
      out.add(new Camera(in.model().withPose(r, t), in.rms(), in.views(), rms, a.size()));
    }
    return out;
  }

  private record Intrinsics(CameraModel model, double rms, List<View> views) {}

  private static Intrinsics intrinsics(String name, Checkerboard board, List<Path> files, List<Optional<Checkerboard.Found>> found,
      boolean estimateK3) throws IOException {
    List<double[][]> corners = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    int w = -1;
    int h = -1;
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i).isPresent()) {
        Checkerboard.Found f = found.get(i).get();
        if (w >= 0 && (f.width() != w || f.height() != h)) {
          throw new InputFormatException(files.get(i), "camera " + name, "is " + f.width() + "x" + f.height() + " but its other images " + w + "x" + h);
        }
        w = f.width();
        h = f.height();
        corners.add(f.corners());
        index.add(i);
      }
    }
    if (corners.size() < 3) {
      throw new InputFormatException(files.isEmpty() ? Path.of(name) : files.get(0), "camera " + name,
          "the " + board.cols() + "x" + board.rows() + " board was found in " + corners.size() + " of " + files.size() + " images; at least 3 are needed");
    }
    boolean[] used = new boolean[corners.size()];
    java.util.Arrays.fill(used, true);
    Fit fit = fit(board, corners, used, w, h, estimateK3);
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
      fit = fit(board, corners, used, w, h, estimateK3);
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
    return new Intrinsics(new CameraModel(name, w, h, fit.matrix(), fit.distortion(), new double[3], new double[3]), fit.rms(), views);
  }

  /** A fit: intrinsics, RMS over the images used (px), and every found image's RMS under it (px). */
  private record Fit(double[][] matrix, double[] distortion, double rms, double[] viewRms) {}

  private static Fit fit(Checkerboard board, List<double[][]> corners, boolean[] used, int w, int h, boolean estimateK3) {
    List<double[][]> in = new ArrayList<>();
    for (int j = 0; j < corners.size(); j++) {
      if (used[j]) {
        in.add(corners.get(j));
      }
    }
    try (org.bytedeco.opencv.opencv_core.Point3fVectorVector obj = objectVectors(board, in.size());
        org.bytedeco.opencv.opencv_core.Point2fVectorVector img = imageVectors(in);
        Mat k = new Mat(); Mat d = new Mat(); MatVector rv = new MatVector(); MatVector tv = new MatVector(); Size size = new Size(w, h);
        TermCriteria crit = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-12)) {
      int flags = estimateK3 ? 0 : opencv_calib3d.CALIB_FIX_K3;
      double rms = opencv_calib3d.calibrateCamera(obj, img, size, k, d, rv, tv, flags, crit);
      double[] viewRms = new double[corners.size()];
      int u = 0;
      for (int j = 0; j < corners.size(); j++) {
        if (used[j]) {
          viewRms[j] = viewRms(board, corners.get(j), rv.get(u), tv.get(u), k, d);
          u++;
        } else {
          // an image left out: its error under the intrinsics, with its own board pose
          try (Mat obj1 = objectMat(board); Mat img1 = new Mat(corners.get(j).length, 1, opencv_core.CV_32FC2); Mat r1 = new Mat(); Mat t1 = new Mat()) {
            try (FloatIndexer ix = img1.createIndexer()) {
              for (int i = 0; i < corners.get(j).length; i++) {
                ix.put(i, 0, 0, (float) corners.get(j)[i][0]);
                ix.put(i, 0, 1, (float) corners.get(j)[i][1]);
              }
            }
            opencv_calib3d.solvePnP(obj1, img1, k, d, r1, t1);
            viewRms[j] = viewRms(board, corners.get(j), r1, t1, k, d);
          }
        }
      }
      return new Fit(matrix(k), vector(d, 5), rms, viewRms);
    }
  }

  private static double stereo(Checkerboard board, CameraModel c0, CameraModel c1, List<double[][]> a, List<double[][]> b, double[] rOut,
      double[] tOut) {
    try (org.bytedeco.opencv.opencv_core.Point3fVectorVector obj = objectVectors(board, a.size());
        org.bytedeco.opencv.opencv_core.Point2fVectorVector i0 = imageVectors(a);
        org.bytedeco.opencv.opencv_core.Point2fVectorVector i1 = imageVectors(b);
        Mat k0 = mat(c0.matrix()); Mat d0 = row(c0.distortion()); Mat k1 = mat(c1.matrix()); Mat d1 = row(c1.distortion());
        Mat r = new Mat(); Mat t = new Mat(); Mat e = new Mat(); Mat f = new Mat(); Mat rvec = new Mat(); Size size = new Size(c0.width(), c0.height());
        TermCriteria crit = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-12)) {
      double rms = opencv_calib3d.stereoCalibrate(obj, i0, i1, k0, d0, k1, d1, size, r, t, e, f, opencv_calib3d.CALIB_USE_INTRINSIC_GUESS, crit);
      opencv_calib3d.Rodrigues(r, rvec);
      double[] rv = vector(rvec, 3);
      double[] tv = vector(t, 3);
      System.arraycopy(rv, 0, rOut, 0, 3);
      System.arraycopy(tv, 0, tOut, 0, 3);
      return rms;
    }
  }

  private static double viewRms(Checkerboard board, double[][] corners, Mat rvec, Mat tvec, Mat k, Mat d) {
    try (Mat obj = objectMat(board); Mat proj = new Mat()) {
      opencv_calib3d.projectPoints(obj, rvec, tvec, k, d, proj);
      double sum = 0;
      try (FloatIndexer ix = proj.createIndexer()) {
        for (int i = 0; i < corners.length; i++) {
          double dx = ix.get(i, 0, 0) - corners[i][0];
          double dy = ix.get(i, 0, 1) - corners[i][1];
          sum += dx * dx + dy * dy;
        }
      }
      return Math.sqrt(sum / corners.length);
    }
  }

  private static Mat objectMat(Checkerboard board) {
    double[][] p = board.objectPoints();
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

  private static org.bytedeco.opencv.opencv_core.Point3fVectorVector objectVectors(Checkerboard board, int n) {
    double[][] p = board.objectPoints();
    org.bytedeco.opencv.opencv_core.Point3fVectorVector out = new org.bytedeco.opencv.opencv_core.Point3fVectorVector(n);
    for (int j = 0; j < n; j++) {
      org.bytedeco.opencv.opencv_core.Point3fVector v = new org.bytedeco.opencv.opencv_core.Point3fVector(p.length);
      for (int i = 0; i < p.length; i++) {
        v.put(i, new org.bytedeco.opencv.opencv_core.Point3f((float) p[i][0], (float) p[i][1], (float) p[i][2]));
      }
      out.put(j, v);
    }
    return out;
  }

  private static org.bytedeco.opencv.opencv_core.Point2fVectorVector imageVectors(List<double[][]> views) {
    org.bytedeco.opencv.opencv_core.Point2fVectorVector out = new org.bytedeco.opencv.opencv_core.Point2fVectorVector(views.size());
    for (int j = 0; j < views.size(); j++) {
      double[][] c = views.get(j);
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

  private static Mat row(double[] a) {
    Mat m = new Mat(1, a.length, opencv_core.CV_64F);
    try (DoubleIndexer ix = m.createIndexer()) {
      for (int i = 0; i < a.length; i++) {
        ix.put(0, i, a[i]);
      }
    }
    return m;
  }
}

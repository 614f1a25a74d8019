package org.labpose.geometry.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.labpose.core.io.AtomicFiles;

/**
 * Pictures of a calibration, to see how good it is: per camera and image the corners found (green
 * circles) and the board's corners projected back by the fit (red crosses), the image's RMS error in its
 * corner (and "not used" where the fit left it out); and per camera a coverage picture, every corner of
 * the images used on a blank frame with the {@link Calibration#COVERAGE_COLS} × {@link
 * Calibration#COVERAGE_ROWS} grid, the cells the board never reached shaded.
 *
 * <p>Writes {@code DIR/CAM/IMAGE.png} and {@code DIR/CAM_coverage.png} (PNG, each written atomically).
 */
public final class CalibrationReport {
  private CalibrationReport() {}

  /** @return files written */
  public static int write(List<Calibration.Camera> cameras, Path dir) throws IOException {
    int n = 0;
    for (Calibration.Camera c : cameras) {
      String name = c.camera().name();
      Path sub = dir.resolve(name);
      Files.createDirectories(sub);
      for (Calibration.View v : c.views()) {
        if (!v.found()) {
          continue;
        }
        try (Mat img = opencv_imgcodecs.imread(v.image().toString(), opencv_imgcodecs.IMREAD_COLOR)) {
          if (img == null || img.empty()) {
            continue;
          }
          draw(img, v.corners(), v.reprojected());
          String label = String.format(Locale.ROOT, "%s  RMS %.3f px%s", v.image().getFileName(), v.rms(), v.used() ? "" : "  not used");
          text(img, label, v.used() ? new Scalar(40, 200, 40, 0) : new Scalar(40, 40, 230, 0));
          String stem = v.image().getFileName().toString().replaceFirst("\\.[^.]+$", "");
          save(img, sub.resolve(stem + ".png"));
          n++;
        }
      }
      try (Mat cov = new Mat(c.camera().height(), c.camera().width(), opencv_core.CV_8UC3, new Scalar(235, 235, 235, 0))) {
        int w = c.camera().width();
        int h = c.camera().height();
        boolean[][] hit = new boolean[Calibration.COVERAGE_ROWS][Calibration.COVERAGE_COLS];
        for (Calibration.View v : c.views()) {
          if (v.found() && v.used()) {
            for (double[] xy : v.corners()) {
              int cx = (int) Math.floor(xy[0] / w * Calibration.COVERAGE_COLS);
              int cy = (int) Math.floor(xy[1] / h * Calibration.COVERAGE_ROWS);
              if (cx >= 0 && cy >= 0 && cx < Calibration.COVERAGE_COLS && cy < Calibration.COVERAGE_ROWS) {
                hit[cy][cx] = true;
              }
            }
          }
        }
        for (int r = 0; r < Calibration.COVERAGE_ROWS; r++) {
          for (int col = 0; col < Calibration.COVERAGE_COLS; col++) {
            try (Point a = new Point(col * w / Calibration.COVERAGE_COLS, r * h / Calibration.COVERAGE_ROWS);
                Point b = new Point((col + 1) * w / Calibration.COVERAGE_COLS - 1, (r + 1) * h / Calibration.COVERAGE_ROWS - 1)) {
              if (!hit[r][col]) {
                opencv_imgproc.rectangle(cov, a, b, new Scalar(170, 170, 230, 0), opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
              }
              opencv_imgproc.rectangle(cov, a, b, new Scalar(200, 200, 200, 0), 1, opencv_imgproc.LINE_8, 0);
            }
          }
        }
        for (Calibration.View v : c.views()) {
          if (v.found() && v.used()) {
            for (double[] xy : v.corners()) {
              try (Point p = new Point((int) Math.round(xy[0]), (int) Math.round(xy[1]))) {
                opencv_imgproc.circle(cov, p, 2, new Scalar(60, 140, 30, 0), opencv_imgproc.FILLED, opencv_imgproc.LINE_AA, 0);
              }
            }
          }
        }
        text(cov, String.format(Locale.ROOT, "%s: the board reached %.0f %% of the image", name, 100 * c.coverage()), new Scalar(30, 30, 30, 0));
        save(cov, dir.resolve(name + "_coverage.png"));
        n++;
      }
    }
    return n;
  }

  private static void draw(Mat img, double[][] found, double[][] back) {
    Scalar green = new Scalar(40, 200, 40, 0);
    Scalar red = new Scalar(30, 30, 230, 0);
    for (int i = 0; i < found.length; i++) {
      try (Point p = new Point((int) Math.round(found[i][0]), (int) Math.round(found[i][1]))) {
        opencv_imgproc.circle(img, p, 5, green, 1, opencv_imgproc.LINE_AA, 0);
      }
      if (back != null && Double.isFinite(back[i][0])) {
        try (Point q = new Point((int) Math.round(back[i][0]), (int) Math.round(back[i][1]))) {
          opencv_imgproc.drawMarker(img, q, red, opencv_imgproc.MARKER_CROSS, 8, 1, opencv_imgproc.LINE_AA);
        }
      }
    }
  }

  private static void text(Mat img, String s, Scalar colour) {
    try (Point at = new Point(8, 20)) {
      opencv_imgproc.putText(img, s, at, opencv_imgproc.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, opencv_imgproc.LINE_AA, false);
    }
  }

  private static void save(Mat img, Path file) throws IOException {
    org.bytedeco.javacpp.BytePointer buf = new org.bytedeco.javacpp.BytePointer();
    try {
      if (!opencv_imgcodecs.imencode(".png", img, buf)) {
        throw new IOException(file + ": PNG encoding failed");
      }
      byte[] bytes = new byte[(int) buf.limit()];
      buf.get(bytes);
      AtomicFiles.write(file, out -> out.write(bytes));
    } finally {
      buf.deallocate();
    }
  }
}

package org.labpose.geometry.calibration;

import java.util.Optional;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;

/**
 * A printed checkerboard: {@code cols} × {@code rows} inner corners (where four squares meet), the
 * square's side in the user's unit (mm, say). Its corners lie in the board's plane z = 0, the first
 * at the origin, x along a row, y along a column, in square units.
 */
public record Checkerboard(int cols, int rows, double square) implements Board {
  public Checkerboard {
    if (cols < 2 || rows < 2 || cols > 100 || rows > 100) {
      throw new IllegalArgumentException("a board has 2 to 100 inner corners each way, got " + cols + "x" + rows);
    }
    if (!(square > 0)) {
      throw new IllegalArgumentException("the square's side must be positive, got " + square);
    }
  }

  /**
   * Parses {@code COLSxROWS} (inner corners, e.g. {@code 9x6}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Checkerboard parse(String size, double square) {
    String[] p = size.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (p.length == 2) {
        return new Checkerboard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), square);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("board '" + size + "': expected inner corners as COLSxROWS, e.g. 9x6");
  }

  /** Number of corners. */
  public int corners() {
    return cols * rows;
  }

  /** The corners on the board, {x, y, 0} in square units, row by row. */
  public double[][] objectPoints() {
    double[][] p = new double[corners()][];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        p[r * cols + c] = new double[] {c * square, r * square, 0};
      }
    }
    return p;
  }

  @Override
  public int minCorners() {
    return corners();
  }

  @Override
  public String describe() {
    return cols + "x" + rows + " board";
  }

  /**
   * Black and white squares spanning −1 .. cols along x and −1 .. rows along y (square units of the corners'
   * frame), a one-square white margin around them, NaN beyond.
   */
  @Override
  public double shade(double x, double y) {
    double bx = x / square;
    double by = y / square;
    if (!(bx >= -2 && bx < cols + 1 && by >= -2 && by < rows + 1)) {
      return Double.NaN;
    }
    boolean inSquares = bx >= -1 && bx < cols && by >= -1 && by < rows;
    boolean black = inSquares && ((int) Math.floor(bx + 1) + (int) Math.floor(by + 1)) % 2 == 0;
    return black ? 0 : 1;
  }

  /** As {@link #find(Path)}, on an 8-bit grey image. */
  public Optional<Found> find(Mat grey) {
    try (Mat corners = new Mat(); Size pattern = new Size(cols, rows)) {
      boolean ok = opencv_calib3d.findChessboardCorners(grey, pattern, corners,
          opencv_calib3d.CALIB_CB_ADAPTIVE_THRESH | opencv_calib3d.CALIB_CB_NORMALIZE_IMAGE);
      if (!ok || corners.rows() != corners()) {
        return Optional.empty();
      }
      try (Size win = new Size(5, 5); Size zero = new Size(-1, -1);
          TermCriteria crit = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 30, 0.001)) {
        opencv_imgproc.cornerSubPix(grey, corners, win, zero, crit);
      }
      double[][] xy = new double[corners()][2];
      try (org.bytedeco.javacpp.indexer.FloatIndexer ix = corners.createIndexer()) {
        for (int i = 0; i < xy.length; i++) {
          xy[i][0] = ix.get(i, 0, 0);
          xy[i][1] = ix.get(i, 0, 1);
        }
      }
      int[] ids = new int[xy.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = i;
      }
      return Optional.of(new Found(grey.cols(), grey.rows(), xy, ids));
    }
  }
}

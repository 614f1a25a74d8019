package org.labpose.geometry.calibration;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CharucoDetector;
import org.bytedeco.opencv.opencv_objdetect.Dictionary;

/**
 * A ChArUco board (OpenCV's, as anipose and DeepLabCut use): a checkerboard of {@code cols} × {@code
 * rows} squares whose white squares hold ArUco markers, so that each inner corner is known by the
 * markers around it and a board seen in part still gives its corners. Corners: the {@code (cols − 1) ×
 * (rows − 1)} inner corners, row by row, the board's top-left outer corner at the origin, x along a
 * row, y down a column, in the square's unit. Detection: OpenCV's CharucoDetector (markers, then the
 * corners between them, refined to sub-pixel); a view needs {@link #MIN_CORNERS} corners, not all on
 * one line.
 *
 * @param cols squares along x
 * @param rows squares along y
 * @param square the square's side, in the user's unit (e.g. mm)
 * @param marker the marker's side, same unit
 * @param dictionary OpenCV's marker dictionary, e.g. {@code 4x4_50} (anipose: marker bits × dictionary size)
 */
public record CharucoBoard(int cols, int rows, double square, double marker, String dictionary) implements Board {
  /** Fewest corners in a view. */
  public static final int MIN_CORNERS = 6;

  private static final Map<String, Integer> DICTIONARIES = Map.ofEntries(
      Map.entry("4x4_50", opencv_objdetect.DICT_4X4_50), Map.entry("4x4_100", opencv_objdetect.DICT_4X4_100),
      Map.entry("4x4_250", opencv_objdetect.DICT_4X4_250), Map.entry("4x4_1000", opencv_objdetect.DICT_4X4_1000),
      Map.entry("5x5_50", opencv_objdetect.DICT_5X5_50), Map.entry("5x5_100", opencv_objdetect.DICT_5X5_100),
      Map.entry("5x5_250", opencv_objdetect.DICT_5X5_250), Map.entry("5x5_1000", opencv_objdetect.DICT_5X5_1000),
      Map.entry("6x6_50", opencv_objdetect.DICT_6X6_50), Map.entry("6x6_100", opencv_objdetect.DICT_6X6_100),
      Map.entry("6x6_250", opencv_objdetect.DICT_6X6_250), Map.entry("6x6_1000", opencv_objdetect.DICT_6X6_1000),
      Map.entry("7x7_50", opencv_objdetect.DICT_7X7_50), Map.entry("7x7_100", opencv_objdetect.DICT_7X7_100),
      Map.entry("7x7_250", opencv_objdetect.DICT_7X7_250), Map.entry("7x7_1000", opencv_objdetect.DICT_7X7_1000));

  /** Pixels per unit of the texture {@link #shade} samples. */
  private static final double TEXTURE_SCALE = 8;

  public CharucoBoard {
    if (cols < 3 || rows < 3 || cols > 100 || rows > 100) {
      throw new IllegalArgumentException("a ChArUco board has 3 to 100 squares each way, got " + cols + "x" + rows);
    }
    if (!(square > 0) || !(marker > 0) || marker >= square) {
      throw new IllegalArgumentException("the marker (" + marker + ") must be smaller than the square (" + square + "), both positive");
    }
    dictionary = dictionary.toLowerCase(Locale.ROOT);
    if (!DICTIONARIES.containsKey(dictionary)) {
      throw new IllegalArgumentException("dictionary '" + dictionary + "': expected one of " + new java.util.TreeSet<>(DICTIONARIES.keySet()));
    }
  }

  /** Parses {@code COLSxROWS} (squares, e.g. {@code 7x5}). */
  public static CharucoBoard parse(String size, double square, double marker, String dictionary) {
    String[] p = size.toLowerCase(Locale.ROOT).split("x");
    try {
      if (p.length == 2) {
        return new CharucoBoard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), square, marker, dictionary);
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("ChArUco board '" + size + "': expected squares as COLSxROWS, e.g. 7x5");
  }

  private org.bytedeco.opencv.opencv_objdetect.CharucoBoard opencv() {
    // the board keeps its own copy of the dictionary
    try (Dictionary d = opencv_objdetect.getPredefinedDictionary(DICTIONARIES.get(dictionary)); Size size = new Size(cols, rows)) {
      return new org.bytedeco.opencv.opencv_objdetect.CharucoBoard(size, (float) square, (float) marker, d);
    }
  }

  @Override
  public double[][] objectPoints() {
    double[][] out = new double[(cols - 1) * (rows - 1)][];
    for (int r = 0; r < rows - 1; r++) {
      for (int c = 0; c < cols - 1; c++) {
        out[r * (cols - 1) + c] = new double[] {(c + 1) * square, (r + 1) * square, 0};
      }
    }
    return out;
  }

  @Override
  public int minCorners() {
    return MIN_CORNERS;
  }

  @Override
  public String describe() {
    return cols + "x" + rows + " ChArUco board (" + dictionary + ")";
  }

  @Override
  public Optional<Found> find(Mat grey) {
    try (org.bytedeco.opencv.opencv_objdetect.CharucoBoard b = opencv(); CharucoDetector det = new CharucoDetector(b);
        Mat corners = new Mat(); Mat ids = new Mat()) {
      det.detectBoard(grey, corners, ids);
      int n = corners.rows();
      if (n < MIN_CORNERS || ids.rows() != n || b.checkCharucoCornersCollinear(ids)) {
        return Optional.empty();
      }
      double[][] xy = new double[n][2];
      int[] id = new int[n];
      try (FloatIndexer cx = corners.createIndexer(); IntIndexer ix = ids.createIndexer()) {
        for (int i = 0; i < n; i++) {
          xy[i][0] = cx.get(i, 0, 0);
          xy[i][1] = cx.get(i, 0, 1);
          id[i] = ix.get(i, 0);
        }
      }
      return Optional.of(new Found(grey.cols(), grey.rows(), xy, id));
    }
  }

  /** Textures of the boards drawn so far (a handful per run). */
  private static final Map<CharucoBoard, byte[]> TEXTURES = new java.util.concurrent.ConcurrentHashMap<>();

  /** The board as OpenCV draws it ({@link #TEXTURE_SCALE} px per unit, no margin), a one-square white margin around it. */
  @Override
  public double shade(double x, double y) {
    if (!(x >= -square && y >= -square && x < (cols + 1) * square && y < (rows + 1) * square)) {
      return Double.NaN;
    }
    if (x < 0 || y < 0 || x >= cols * square || y >= rows * square) {
      return 1;
    }
    int w = (int) Math.round(cols * square * TEXTURE_SCALE);
    int h = (int) Math.round(rows * square * TEXTURE_SCALE);
    byte[] t = TEXTURES.computeIfAbsent(this, k -> texture(w, h));
    int u = Math.min(w - 1, (int) (x * TEXTURE_SCALE));
    int v = Math.min(h - 1, (int) (y * TEXTURE_SCALE));
    return (t[v * w + u] & 255) / 255.0;
  }

  private byte[] texture(int w, int h) {
    byte[] t = new byte[w * h];
    {
      try (org.bytedeco.opencv.opencv_objdetect.CharucoBoard b = opencv(); Mat img = new Mat(); Size size = new Size(w, h)) {
        b.generateImage(size, img, 0, 1);
        try (UByteIndexer ix = img.createIndexer()) {
          for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
              t[v * w + u] = (byte) ix.get(v, u);
            }
          }
        }
      }
    }
    return t;
  }
}

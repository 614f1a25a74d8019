package org.labpose.geometry.calibration;

import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.labpose.core.io.InputFormatException;

/**
 * A printed calibration board: its corners' positions on the board (the board's plane z = 0, in the
 * unit of its square's side, e.g. mm) and a detector that finds them in an image. A {@link
 * Checkerboard} is found whole or not at all; a {@link CharucoBoard} may be found in part (its markers
 * name each corner), so a view lists which corners it found.
 */
public interface Board {
  /** Every corner on the board, {x, y, 0} in the square's unit. */
  double[][] objectPoints();

  /** The square's side, in the user's unit. */
  double square();

  /** Fewest corners a view must have to be used. */
  int minCorners();

  /** The board in words, for messages ("9x6 checkerboard"). */
  String describe();

  /**
   * The board's printed shade at a point of its plane (square units, as {@link #objectPoints}): 0 black to 1
   * white, NaN off the board. For synthetic images of the board.
   */
  double shade(double x, double y);

  /**
   * Corners found in one image: px, origin the centre of the top-left pixel; {@code ids[i]} is the index in
   * {@link #objectPoints} of {@code corners[i]}.
   */
  record Found(int width, int height, double[][] corners, int[] ids) {
    /** The board positions of the corners found, in their order. */
    public double[][] object(Board board) {
      double[][] all = board.objectPoints();
      double[][] out = new double[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        out[i] = all[ids[i]];
      }
      return out;
    }
  }

  /** Finds the board in an 8-bit grey image, or empty when too little of it is seen. */
  Optional<Found> find(Mat grey);

  /**
   * Finds the board in an image file.
   *
   * @throws InputFormatException when the file is not a readable image
   */
  default Optional<Found> find(Path image) throws InputFormatException {
    try (Mat grey = opencv_imgcodecs.imread(image.toString(), opencv_imgcodecs.IMREAD_GRAYSCALE)) {
      if (grey == null || grey.empty()) {
        throw new InputFormatException(image, null, "not a readable image");
      }
      return find(grey);
    }
  }
}

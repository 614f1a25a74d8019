package org.labpose.geometry.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.labpose.geometry.calibration.Board;
import org.labpose.geometry.calibration.CameraModel;

/** Synthetic calibration images for tests: every camera's view of every board pose, as PNG files. */
public final class RenderedBoards {
  private RenderedBoards() {}

  /** Writes {@code <camera>_<pose>.png} into {@code dir}; per camera name, its images in pose order. */
  public static Map<String, List<Path>> write(Path dir, List<CameraModel> cameras, Board board, List<BoardImages.Pose> poses) {
    Map<String, List<Path>> images = new LinkedHashMap<>();
    for (CameraModel c : cameras) {
      double[] rays = BoardImages.rays(c);
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < poses.size(); i++) {
        Path f = dir.resolve(c.name() + String.format("_%02d.png", i));
        try (Mat m = new Mat(c.height(), c.width(), opencv_core.CV_8UC1)) {
          m.data().put(BoardImages.render(c, rays, board, poses.get(i)));
          opencv_imgcodecs.imwrite(f.toString(), m);
        }
        files.add(f);
      }
      images.put(c.name(), files);
    }
    return images;
  }
}

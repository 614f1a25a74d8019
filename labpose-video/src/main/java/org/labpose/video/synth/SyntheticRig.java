package org.labpose.video.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.calibration.Checkerboard;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.synth.BoardImages;
import org.labpose.geometry.synth.Mouse3d;
import org.labpose.geometry.synth.RigScene;
import org.labpose.geometry.triangulation.Poses3d;
import org.labpose.geometry.triangulation.Projection;
import org.labpose.geometry.triangulation.Rig;

/**
 * Synthetic recordings from several calibrated cameras, with exact ground truth: a {@link Mouse3d}
 * walking, pausing, rearing and stepping in a square arena, seen by {@code cameras} virtual cameras with
 * lens distortion on an arc around it ({@link Rig#arc}); and, for the same cameras, checkerboard
 * videos to calibrate them from. The same config gives the same bytes.
 *
 * <p>Writes, in the output folder: {@code NAME_camK.mp4} per camera; {@code NAME_camK_groundtruth.csv}
 * (the true 2D points, DeepLabCut's prediction layout, likelihood 1, also where a part is hidden);
 * {@code NAME_3D_groundtruth.csv} (the true 3D points, {@link Poses3d}'s layout, in the world: mm, z up,
 * the floor z = 0, origin the arena's centre); {@code calibration_truth.toml} (the true cameras in that
 * world, anipose's format); and {@code calibration/camK.mp4}, the board ({@link #BOARD}) shown in
 * {@link #SHARED_BOARD_POSES} poses in the middle and {@link #NEAR_BOARD_POSES} close to each camera, the
 * same frames in every camera's video.
 */
public final class SyntheticRig {
  private SyntheticRig() {}

  /** The calibration board: 9 × 6 inner corners, 25 mm squares. */
  public static final Checkerboard BOARD = new Checkerboard(9, 6, 25);

  /** Board poses that every camera sees. */
  public static final int SHARED_BOARD_POSES = 20;

  /** Board poses close to each camera. */
  public static final int NEAR_BOARD_POSES = 8;

  /** The scorer written in ground-truth files. */
  public static final String SCORER = "groundtruth";

  /**
   * @param cameras cameras, 2 to 8
   * @param frames frames of the recording
   * @param width image width, px
   * @param height image height, px
   * @param fps frames per second
   * @param seed the random seed of the motion
   * @param arena the arena's side, mm
   */
  public record Config(int cameras, int frames, int width, int height, double fps, long seed, double arena) {
    public Config {
      if (cameras < 2 || cameras > 8) {
        throw new IllegalArgumentException("--cameras: 2 to 8, got " + cameras);
      }
      if (frames < 1 || width < 64 || height < 64 || width % 2 != 0 || height % 2 != 0 || !(fps > 0) || !(arena > 0)) {
        throw new IllegalArgumentException("frames >= 1, an even size of at least 64 x 64 px, fps and arena > 0");
      }
    }
  }

  /** The files written. */
  public record Output(List<CameraModel> cameras, Map<String, Path> videos, Map<String, Path> truth2d, Path truth3d, Path calibration,
      Map<String, Path> boardVideos) {}

  /**
   * The rig: cameras 35° apart on an arc (at most 100° from the first to the last) 600 mm from the arena's centre,
   * 450 mm up, looking at the centre; focal length 1.35 × the image width (2 % more per camera), a mild barrel
   * distortion.
   */
  public static List<CameraModel> cameras(Config cfg) {
    double span = Math.toRadians(Math.min(100, 35 * (cfg.cameras() - 1)));
    return Rig.arc(cfg.cameras(), span, 600, 450, cfg.width(), cfg.height(), 1.35 * cfg.width());
  }

  /** Progress callback: frames done of all frames to render (recording and board videos, every camera). */
  @FunctionalInterface
  public interface Progress {
    void frame(int done, int total);
  }

  /** Renders everything into {@code dir} (created if needed). */
  public static Output generate(Config cfg, Path dir, String name, Progress progress) throws IOException {
    Files.createDirectories(dir.resolve("calibration"));
    List<CameraModel> cams = cameras(cfg);
    List<BoardImages.Pose> boards = boardPoses(cams);
    int total = cams.size() * (cfg.frames() + boards.size());
    int done = 0;
    KeypointLayout layout = KeypointLayout.singleAnimal(Mouse3d.BODYPARTS);
    Map<String, Path> videos = new LinkedHashMap<>();
    Map<String, Path> truth2d = new LinkedHashMap<>();
    Map<String, Path> boardVideos = new LinkedHashMap<>();
    int nk = Mouse3d.BODYPARTS.size();
    double[][][] xyz = new double[cfg.frames()][][];
    List<PoseTable> tables = new ArrayList<>();
    List<RigScene> scenes = new ArrayList<>();
    List<VideoWriterHolder> writers = new ArrayList<>();
    try {
      for (CameraModel c : cams) {
        Path mp4 = dir.resolve(name + "_" + c.name() + ".mp4");
        videos.put(c.name(), mp4);
        scenes.add(new RigScene(c, cfg.arena()));
        tables.add(new PoseTable(SCORER, layout, cfg.frames()));
        writers.add(new VideoWriterHolder(new org.labpose.video.io.VideoWriter(mp4, cfg.width(), cfg.height(), cfg.fps(),
            12 * cfg.width() * cfg.height())));
      }
      Mouse3d mouse = new Mouse3d(cfg.seed() * 7919 + 17, cfg.arena(), cfg.fps());
      for (int f = 0; f < cfg.frames(); f++) {
        Mouse3d.Pose pose = mouse.pose();
        xyz[f] = pose.keypoints();
        for (int c = 0; c < cams.size(); c++) {
          Projection p = new Projection(cams.get(c));
          for (int k = 0; k < nk; k++) {
            double[] uv = p.project(pose.keypoints()[k]);
            tables.get(c).set(f, new KeypointId(KeypointId.SINGLE_ANIMAL, Mouse3d.BODYPARTS.get(k)), uv[0], uv[1], 1.0);
          }
          writers.get(c).writer.write(scenes.get(c).render(pose.shapes()));
          done++;
          if (progress != null) {
            progress.frame(done, total);
          }
        }
        mouse.step();
      }
      for (VideoWriterHolder w : writers) {
        w.close();
      }
    } catch (IOException | RuntimeException e) {
      for (VideoWriterHolder w : writers) {
        w.abort();
      }
      throw e;
    }
    for (int c = 0; c < cams.size(); c++) {
      Path csv = dir.resolve(name + "_" + cams.get(c).name() + "_groundtruth.csv");
      DlcPredictionCsv.write(tables.get(c), csv);
      truth2d.put(cams.get(c).name(), csv);
    }
    double[][] error = new double[cfg.frames()][nk];
    int[][] used = new int[cfg.frames()][nk];
    for (int[] row : used) {
      java.util.Arrays.fill(row, cams.size());
    }
    Path truth3d = dir.resolve(name + "_3D_groundtruth.csv");
    Poses3d.write(new Poses3d.Table(SCORER, layout, xyz, error, used), truth3d);
    Path toml = dir.resolve("calibration_truth.toml");
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams, false, Double.NaN), toml);
    // the board videos, one camera after the other
    for (CameraModel c : cams) {
      Path mp4 = dir.resolve("calibration").resolve(c.name() + ".mp4");
      double[] rays = BoardImages.rays(c);
      try (org.labpose.video.io.VideoWriter w = new org.labpose.video.io.VideoWriter(mp4, cfg.width(), cfg.height(), cfg.fps(),
          24 * cfg.width() * cfg.height())) {
        for (BoardImages.Pose b : boards) {
          byte[] grey = BoardImages.render(c, rays, BOARD, b);
          byte[] rgb = new byte[3 * grey.length];
          for (int i = 0; i < grey.length; i++) {
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = grey[i];
            rgb[3 * i + 2] = grey[i];
          }
          w.write(new RgbImage(cfg.width(), cfg.height(), rgb));
          done++;
          if (progress != null) {
            progress.frame(done, total);
          }
        }
      }
      boardVideos.put(c.name(), mp4);
    }
    return new Output(cams, videos, truth2d, truth3d, toml, boardVideos);
  }

  /**
   * The board's poses: {@link #SHARED_BOARD_POSES} around the arena's centre, 60 mm up, facing the middle of the
   * arc of cameras, then {@link #NEAR_BOARD_POSES} halfway to each camera, facing it.
   */
  public static List<BoardImages.Pose> boardPoses(List<CameraModel> cams) {
    double[] mean = new double[3];
    List<double[]> centres = new ArrayList<>();
    for (CameraModel c : cams) {
      double[] p = c.centre();
      centres.add(p);
      for (int i = 0; i < 3; i++) {
        mean[i] += p[i] / cams.size();
      }
    }
    List<BoardImages.Pose> out = new ArrayList<>(BoardImages.poses(BOARD, SHARED_BOARD_POSES, 40, 60, 0.5, unit(mean), 3));
    for (int i = 0; i < centres.size(); i++) {
      double[] p = centres.get(i);
      out.addAll(BoardImages.poses(BOARD, NEAR_BOARD_POSES, new double[] {p[0] * 0.4, p[1] * 0.4, p[2] * 0.4}, 25, 0.4, unit(p), 11 + i));
    }
    return out;
  }

  private static double[] unit(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  /** A writer closed once. */
  private static final class VideoWriterHolder {
    final org.labpose.video.io.VideoWriter writer;
    boolean closed;

    VideoWriterHolder(org.labpose.video.io.VideoWriter writer) {
      this.writer = writer;
    }

    void close() throws IOException {
      if (!closed) {
        closed = true;
        writer.close();
      }
    }

    void abort() {
      if (!closed) {
        closed = true;
        writer.abort();
        try {
          writer.close();
        } catch (IOException e) {
          // already failing: the first error is the one reported
        }
      }
    }
  }
}

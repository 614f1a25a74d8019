package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.labpose.geometry.calibration.Calibration;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.calibration.Board;
import org.labpose.geometry.calibration.CharucoBoard;
import org.labpose.geometry.calibration.Checkerboard;
import org.labpose.geometry.io.AniposeCalibration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose calibrate}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {"Calibrate cameras from checkerboard or ChArUco board images: per camera the intrinsics (pinhole, radial and tangential distortion),"
        + " then every camera's pose and intrinsics refined together by bundle adjustment over the frames the cameras share (images correspond by their order; the first camera is the origin). Writes anipose's"
        + " calibration.toml (positions in the square's unit) and prints the RMS reprojection error per camera and per image.",
        "Images of a camera: a folder (its images by name), a file pattern (left*.jpg), or a video, of which --frames frames are"
            + " taken at the same indices for every camera (synchronised videos)."})
final class CalibrateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAM=IMAGES", description = "A camera's name and its images (folder or pattern).")
  List<String> cameras;
  @Option(names = "--board", description = "A checkerboard's inner corners COLSxROWS, e.g. 9x6.") String board;
  @Option(names = "--charuco", description = "A ChArUco board's squares COLSxROWS, e.g. 7x5 (corners found in part count too).") String charuco;
  @Option(names = "--marker", description = "With --charuco: the marker's side, in the unit of --square.") double marker;
  @Option(names = "--dict", description = "With --charuco: the markers' dictionary, e.g. 4x4_50 (default: ${DEFAULT-VALUE}).") String dict = "4x4_50";
  @Option(names = "--square", required = true, description = "The square's side, in the unit the positions take (e.g. 25 for mm).")
  double square;
  @Option(names = "--k3", description = "Also estimate the third radial coefficient (wider lenses).") boolean k3;
  @Option(names = "--fisheye", description = "Fit OpenCV's fisheye model (k1 to k4 on the ray's angle) for very wide lenses;"
      + " written as anipose's fisheye cameras.") boolean fisheye;
  @Option(names = "--out", description = "The calibration file (default: ${DEFAULT-VALUE}).") Path out = Path.of("calibration.toml");
  @Option(names = "--report", description = "Also draw every image's found (green) and reprojected (red) corners, and each"
      + " camera's coverage, into this folder.") Path report;
  @Option(names = "--frames", description = "Frames taken from each video, evenly spread (default: ${DEFAULT-VALUE}).") int frames = 60;

  @Override
  public Integer call() throws Exception {
    if ((board == null) == (charuco == null)) {
      throw new UserError("give the board: --board COLSxROWS (a checkerboard's inner corners) or --charuco COLSxROWS --marker SIDE (squares)");
    }
    Board b;
    try {
      b = board != null ? Checkerboard.parse(board, square) : CharucoBoard.parse(charuco, square, marker, dict);
    } catch (IllegalArgumentException e) {
      throw new UserError((board != null ? "--board/--square: " : "--charuco/--square/--marker/--dict: ") + e.getMessage());
    }
    if (k3 && fisheye) {
      throw new UserError("--k3 and --fisheye: choose one lens model");
    }
    if (frames < 3) {
      throw new UserError("--frames " + frames + ": at least 3");
    }
    Map<String, List<Path>> images = new LinkedHashMap<>();
    Path tmp = java.nio.file.Files.createTempDirectory("labpose-calibrate");
    try {
      return run(b, images, tmp);
    } finally {
      org.labpose.core.io.AtomicFiles.deleteTree(tmp);
    }
  }

  private Integer run(Board b, Map<String, List<Path>> images, Path tmp) throws Exception {
    for (String c : cameras) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new UserError("'" + c + "': expected CAM=IMAGES, e.g. left=calib/left*.jpg");
      }
      String name = c.substring(0, eq);
      if (images.containsKey(name)) {
        throw new UserError("camera '" + name + "' given twice");
      }
      String src = c.substring(eq + 1);
      images.put(name, isVideo(src) ? videoFrames(Path.of(src), tmp.resolve(name)) : expand(src));
    }
    List<Calibration.Camera> cams = Calibration.calibrate(b, images,
        fisheye ? Calibration.Lens.FISHEYE : k3 ? Calibration.Lens.PINHOLE_K3 : Calibration.Lens.PINHOLE);
    PrintWriter o = Out.out(spec);
    double worst = 0;
    for (Calibration.Camera c : cams) {
      CameraModel m = c.camera();
      long found = c.views().stream().filter(Calibration.View::found).count();
      o.printf(Locale.ROOT, "%s: board in %d of %d images, %dx%d px, f = (%.2f, %.2f) px, c = (%.2f, %.2f) px, %s %s, RMS %.3f px (its own fit)%n",
          m.name(), found, c.views().size(), m.width(), m.height(), m.fx(), m.fy(), m.cx(), m.cy(),
          m.fisheye() ? "fisheye k1-k4" : "distortion", fmt(m.fisheye() ? Arrays.copyOf(m.distortion(), 4) : m.distortion()), c.rms());
      double[] rms = c.views().stream().filter(Calibration.View::found).mapToDouble(Calibration.View::rms).sorted().toArray();
      double median = rms[rms.length / 2];
      for (Calibration.View v : c.views()) {
        if (!v.found()) {
          o.printf("  %s: board not found%n", v.image().getFileName());
        } else if (v.rms() > Math.max(2 * median, 0.5)) {
          o.printf(Locale.ROOT, "  %s: RMS %.3f px, over twice the median %.3f: check this image (blur, a bent board)%n", v.image().getFileName(),
              v.rms(), median);
        }
      }
      if (c.coverage() < Calibration.COVERAGE_WARNING) {
        o.printf(Locale.ROOT, "  warning: the board reached only %.0f %% of the image (cells of an %dx%d grid): show it near the edges and"
            + " corners too, or the lens distortion there is a guess%n", 100 * c.coverage(), Calibration.COVERAGE_COLS, Calibration.COVERAGE_ROWS);
      } else {
        o.printf(Locale.ROOT, "  the board reached %.0f %% of the image%n", 100 * c.coverage());
      }
      if (!Double.isNaN(c.jointRms())) {
        double[] t = m.translation();
        o.printf(Locale.ROOT, "  rig fit (bundle adjustment; %d frames shared with other cameras): RMS %.3f px", c.sharedViews(), c.jointRms());
        if (c != cams.get(0)) {
          o.printf(Locale.ROOT, ", %.2f units from %s, translation %s, rotation %s rad", Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]),
              cams.get(0).camera().name(), fmt(t), fmt(m.rotation()));
        }
        o.println();
        worst = Math.max(worst, c.jointRms());
      }
      worst = Math.max(worst, c.rms());
    }
    AniposeCalibration.write(new AniposeCalibration.Calibration(cams.stream().map(Calibration.Camera::camera).toList(), false, worst), out);
    o.println("wrote " + out);
    if (report != null) {
      int n = org.labpose.geometry.calibration.CalibrationReport.write(cams, report);
      o.println("report: " + n + " pictures in " + report);
    }
    return 0;
  }

  private static boolean isVideo(String s) {
    return s.toLowerCase(Locale.ROOT).matches(".*\\.(mp4|avi|mov|mkv|mpg|mpeg|wmv|m4v)") && Files.isRegularFile(Path.of(s));
  }

  /** {@link #frames} frames of a video, evenly spread, as PNG files named by their frame index. */
  private List<Path> videoFrames(Path video, Path dir) throws Exception {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    try (org.labpose.video.io.VideoFrameSource src = new org.labpose.video.io.VideoFrameSource(video)) {
      int n = src.frameCount();
      int take = Math.min(frames, n);
      for (int i = 0; i < take; i++) {
        int f = (int) ((long) i * n / take);
        Path png = dir.resolve(String.format("frame%06d.png", f));
        org.labpose.video.io.Images.writePng(src.read(f), png);
        out.add(png);
      }
    }
    return out;
  }

  private static String fmt(double[] v) {
    return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.4g", x)).toList().toString();
  }

  /** A folder's images by name, or the files matching a pattern in its folder, by name. */
  private static List<Path> expand(String spec) throws Exception {
    Path p = Path.of(spec);
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.list(p)) {
        s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|tiff?)")).sorted().forEach(out::add);
      }
    } else {
      Path dir = p.toAbsolutePath().getParent();
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
      if (dir != null && Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(f -> m.matches(f.getFileName())).sorted().forEach(out::add);
        }
      }
    }
    if (out.isEmpty()) {
      throw new UserError("'" + spec + "': no images (a folder of images or a pattern such as calib/left*.jpg)");
    }
    return out;
  }
}

package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.project.ProjectLayout;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.triangulation.PoseOptimizer;
import org.labpose.geometry.triangulation.Poses3d;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose triangulate}. */
@Command(name = "triangulate", mixinStandardHelpOptions = true,
    description = "3D poses from two or more cameras' 2D predictions and their calibration (anipose's calibration.toml): per frame"
        + " and keypoint the views above the p-cutoff triangulated, a wrong view dropped by RANSAC; writes NAME_3D.csv (x, y, z in the"
        + " calibration's units, reprojection error in px, cameras used) and each camera's reprojected points.")
final class TriangulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "CAM=PREDICTIONS.csv|VIDEO", description = "Each camera's name (as in the calibration) and its"
      + " 2D predictions; with --config3d, the videos (their predictions beside them), grouped into recordings by the cameras' names.")
  List<String> views;
  @Option(names = "--calibration", description = "anipose's calibration.toml (labpose calibrate writes it).") Path calibration;
  @Option(names = "--config3d", description = "A 3D project's config3d.yaml (create-3d-project): calibration, cameras, settings.") Path config3d;
  @Option(names = "--out", description = "The 3D table, e.g. mouse1_3D.csv (with --config3d: <recording>_3D.csv beside the first camera's video).")
  Path out;
  @Option(names = "--pcutoff", description = "Views below this likelihood are left out (default: ${DEFAULT-VALUE}).") double pcutoff = 0.6;
  @Option(names = "--threshold", description = "Reprojection error (px) within which a view agrees (default: ${DEFAULT-VALUE}).") double threshold = 15;
  @Option(names = "--offset", description = "CAM=N: that camera's frame N is the first frame of the others (synchronisation).")
  Map<String, Integer> offsets = new LinkedHashMap<>();
  @Option(names = "--timestamps", description = "CAM=FILE: each camera's frame times (one per line, the same unit for all, e.g. s);"
      + " given for every camera, they align the cameras by time instead of --offset (a dropped frame is missing, and counted).")
  Map<String, Path> timestamps = new LinkedHashMap<>();
  @Option(names = "--labeled-video", description = "Also write NAME_3D_labeled.mp4: each camera's view with the reprojected points beside the 3D skeleton.")
  boolean labeledVideo;
  @Option(names = "--floor", split = ",", description = "With --labeled-video: bodyparts that touch the floor (e.g. paws); the 3D"
      + " panel then shows the animal upright on the floor they fit (see measures-3d), not in the first camera's frame.")
  List<String> floor = new ArrayList<>();
  @Option(names = "--video", description = "CAM=VIDEO: that camera's video for --labeled-video (default: black frames).")
  Map<String, Path> videos = new LinkedHashMap<>();
  @Option(names = "--fps", description = "Frame rate of the labeled video when no video gives one (default: ${DEFAULT-VALUE}).") double fps = 30;
  @Option(names = "--skeleton", split = ",", description = "Skeleton edges for the labeled video, as a-b pairs (e.g. snout-neck,neck-tail).")
  List<String> skeleton = new ArrayList<>();

  @Option(names = "--optimise", description = "Refine the linear points over time, as anipose: reprojection error, an acceleration"
      + " penalty (--smooth) and, with --skeleton, constant bone lengths (--bone-weight); fills short gaps (written with ncams 0).")
  boolean optimise;
  @Option(names = "--smooth", description = "With --optimise: weight of the acceleration, px per (unit/frame²) (default: ${DEFAULT-VALUE}).")
  double smooth = org.labpose.geometry.triangulation.PoseOptimizer.DEFAULTS.smooth();
  @Option(names = "--bone-weight", description = "With --optimise: weight of the bone lengths (the --skeleton edges), px per unit"
      + " (default: ${DEFAULT-VALUE}; 0 for none).")
  double boneWeight = org.labpose.geometry.triangulation.PoseOptimizer.DEFAULTS.bones();

  @Option(names = "--keep-identities", description = "Several animals: trust that every camera names them alike (by default each"
      + " window of --identity-window frames matches the other cameras' animals to the first camera's by epipolar consistency).")
  boolean keepIdentities;
  @Option(names = "--identity-window", description = "Frames per window of the identity matching (default: ${DEFAULT-VALUE}).")
  int identityWindow = 30;

  @Override
  public Integer call() throws Exception {
    List<org.labpose.core.model.Skeleton.Pair> edges = new ArrayList<>();
    for (String e : skeleton) {
      String[] ab = e.split("-");
      if (ab.length != 2) {
        throw new UserError("--skeleton " + e + ": expected bodypart-bodypart");
      }
      edges.add(new org.labpose.core.model.Skeleton.Pair(ab[0], ab[1]));
    }
    if (config3d != null) {
      if (calibration != null || out != null) {
        throw new UserError("--config3d names the calibration and the outputs: give neither --calibration nor --out");
      }
      org.labpose.geometry.project.Project3d p3 = org.labpose.geometry.project.Project3d.read(config3d);
      if (edges.isEmpty()) {
        p3.skeleton().forEach(e -> edges.add(new org.labpose.core.model.Skeleton.Pair(e.get(0), e.get(1))));
      }
      Map<String, CameraModel> cameras = cameras(p3.calibration());
      for (var set : p3.videoSets(views.stream().map(Path::of).toList()).entrySet()) {
        Map<String, Path> csvs = new LinkedHashMap<>();
        for (String cam : p3.cameras()) {
          Path video = set.getValue().get(cam);
          csvs.put(cam, ProjectLayout.findPredictions(video, false)
              .orElseThrow(() -> new UserError(video + ": no predictions beside it (run labpose analyze on it first)")));
        }
        Out.out(spec).println("recording " + set.getKey() + ":");
        Path first = set.getValue().get(p3.cameras().get(0)).toAbsolutePath();
        triangulate(cameras, p3.calibration(), csvs, set.getValue(), first.resolveSibling(set.getKey() + "_3D.csv"), p3.pcutoff(),
            p3.threshold(), edges);
      }
      return 0;
    }
    if (calibration == null || out == null) {
      throw new UserError("give --calibration and --out (or --config3d)");
    }
    if (views.size() < 2) {
      throw new UserError("give two or more CAM=PREDICTIONS.csv");
    }
    Map<String, Path> csvs = new LinkedHashMap<>();
    for (String v : views) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new UserError("'" + v + "': expected CAM=PREDICTIONS.csv");
      }
      csvs.put(v.substring(0, eq), Path.of(v.substring(eq + 1)));
    }
    triangulate(cameras(calibration), calibration, csvs, videos, out, pcutoff, threshold, edges);
    return 0;
  }

  private static Map<String, CameraModel> cameras(Path calibrationFile) throws java.io.IOException {
    Map<String, CameraModel> byName = new LinkedHashMap<>();
    AniposeCalibration.read(calibrationFile).cameras().forEach(c -> byName.put(c.name(), c));
    return byName;
  }

  /** One recording: each camera's predictions (and video, for the labeled video) to a 3D table, reprojections and video. */
  private void triangulate(Map<String, CameraModel> byName, Path calibrationFile, Map<String, Path> csvs, Map<String, Path> videoFiles, Path table,
      double cutoff, double agree, List<org.labpose.core.model.Skeleton.Pair> edges) throws Exception {
    List<Poses3d.View> vs = new ArrayList<>();
    for (Map.Entry<String, Path> e : csvs.entrySet()) {
      CameraModel c = byName.get(e.getKey());
      if (c == null) {
        throw new UserError("camera '" + e.getKey() + "' is not in " + calibrationFile + " (it has " + byName.keySet() + ")");
      }
      vs.add(new Poses3d.View(c, DlcPredictionCsv.read(e.getValue()), e.getValue(), offsets.getOrDefault(e.getKey(), 0)));
    }
    for (String o : offsets.keySet()) {
      if (vs.stream().noneMatch(v -> v.camera().name().equals(o))) {
        throw new UserError("--offset " + o + ": no such camera among the views");
      }
    }
    var o = Out.out(spec);
    if (!timestamps.isEmpty()) {
      vs = synchronise(vs, o);
    }
    if (vs.get(0).poses().layout().individuals().size() > 1 && !keepIdentities) {
      if (identityWindow < 1) {
        throw new UserError("--identity-window " + identityWindow + ": at least 1 frame");
      }
      org.labpose.geometry.triangulation.CrossViewIdentities.Result m =
          org.labpose.geometry.triangulation.CrossViewIdentities.match(vs, cutoff, identityWindow);
      for (int c = 1; c < vs.size(); c++) {
        o.printf(Locale.ROOT, "  %s: animals renamed to %s's in %d of %d windows of %d frames%n", vs.get(c).camera().name(),
            vs.get(0).camera().name(), m.relabelled(c), m.pairings()[c].length, identityWindow);
      }
      vs = m.views();
    }
    Poses3d.Table t = Poses3d.triangulate(vs, cutoff, agree);
    if (optimise) {
      List<int[]> bones;
      try {
        bones = PoseOptimizer.bones(t.layout(), edges);
      } catch (IllegalArgumentException e) {
        throw new UserError("--skeleton " + e.getMessage());
      }
      PoseOptimizer.Settings d = PoseOptimizer.DEFAULTS;
      PoseOptimizer.Settings settings;
      try {
        settings = new PoseOptimizer.Settings(smooth, boneWeight, d.huberPx(), d.chunk(), d.margin(), d.iterations());
      } catch (IllegalArgumentException e) {
        throw new UserError("--smooth/--bone-weight: " + e.getMessage());
      }
      t = PoseOptimizer.optimise(t, vs, cutoff, agree, bones, settings);
    }
    Poses3d.write(t, table);
    String stem = table.getFileName().toString().replaceFirst("\\.csv$", "");
    int points = 0;
    double err = 0;
    for (int f = 0; f < t.frames(); f++) {
      for (int k = 0; k < t.layout().size(); k++) {
        if (!Double.isNaN(t.xyz()[f][k][0])) {
          points++;
          err += t.error()[f][k];
        }
      }
    }
    o.printf(Locale.ROOT, "%d frames, %d of %d points triangulated, mean reprojection error %.2f px -> %s%n", t.frames(), points,
        t.frames() * t.layout().size(), points == 0 ? Double.NaN : err / points, table);
    List<org.labpose.video.draw.Labeled3dVideo.Tile> tiles = new ArrayList<>();
    double rate = fps;
    for (Poses3d.View v : vs) {
      org.labpose.core.model.PoseTable reprojected = Poses3d.reproject(t, v.camera());
      Path r = table.resolveSibling(stem + "_" + v.camera().name() + "_reprojected.csv");
      DlcPredictionCsv.write(reprojected, r);
      o.println("  " + v.camera().name() + ": reprojected points -> " + r);
      Path video = videoFiles.get(v.camera().name());
      if (labeledVideo && video != null && tiles.isEmpty()) {
        double vr = org.labpose.video.io.VideoProbe.probe(video).fps();
        rate = vr > 0 ? vr : fps;
      }
      tiles.add(new org.labpose.video.draw.Labeled3dVideo.Tile(v.camera().name(), video, v.offset(), v.camera().width(), v.camera().height(),
          reprojected, v.frames()));
    }
    if (labeledVideo) {
      Path video = table.resolveSibling(stem + "_labeled.mp4");
      double[][][] shown = t.xyz();
      if (!floor.isEmpty()) {
        try {
          var plane = org.labpose.geometry.measures.Measures3d.floor(t, floor);
          shown = org.labpose.geometry.measures.Measures3d.align(t, org.labpose.geometry.measures.Measures3d.floorFrame(plane)).xyz();
        } catch (IllegalArgumentException e) {
          throw new UserError("--floor " + String.join(",", floor) + ": " + e.getMessage());
        }
      }
      int n = org.labpose.video.draw.Labeled3dVideo.render(tiles, t.layout(), shown, edges, rate, 480, video);
      o.println("  3D labeled video, " + n + " frames -> " + video);
    }
  }

  /** The views aligned to the first camera's timestamps; per camera, the first camera's frames it has no frame for. */
  private List<Poses3d.View> synchronise(List<Poses3d.View> vs, java.io.PrintWriter o) throws Exception {
    if (!offsets.isEmpty()) {
      throw new UserError("--timestamps and --offset: give one or the other (timestamps find the offsets themselves)");
    }
    for (String cam : timestamps.keySet()) {
      if (vs.stream().noneMatch(v -> v.camera().name().equals(cam))) {
        throw new UserError("--timestamps " + cam + ": no such camera among the views");
      }
    }
    List<Poses3d.View> out = new ArrayList<>();
    double[] ref = null;
    String refName = vs.get(0).camera().name();
    for (Poses3d.View v : vs) {
      Path file = timestamps.get(v.camera().name());
      if (file == null) {
        throw new UserError("--timestamps: none for camera " + v.camera().name() + "; give every camera's");
      }
      double[] times = org.labpose.geometry.triangulation.Synchronisation.read(file, v.poses().frameCount());
      if (ref == null) {
        ref = times;
        out.add(v);
        continue;
      }
      var a = org.labpose.geometry.triangulation.Synchronisation.align(ref, times);
      o.printf(Locale.ROOT, "  %s: %d of %s's %d frames have no %s frame within %s (its median frame interval's half)%n", v.camera().name(),
          a.unmatched(), refName, ref.length, v.camera().name(), org.labpose.core.io.CsvTable.number(a.tolerance()));
      out.add(new Poses3d.View(v.camera(), v.poses(), v.file(), 0, a.frames()));
    }
    return out;
  }
}

package org.labpose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.geometry.measures.Measures3d;
import org.labpose.geometry.triangulation.Poses3d;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose measures-3d}. */
@Command(name = "measures-3d", mixinStandardHelpOptions = true,
    description = "Measures of a 3D table (triangulate writes it): per keypoint path length, mean and top speed, median and top height"
        + " above a floor plane fitted to the --floor bodyparts' lowest points, and rearing time (--rearing bodypart above"
        + " --rearing-height). Lengths in the calibration's units, times in s. Writes <stem>_measures.csv.")
final class Measures3dCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "A 3D table (NAME_3D.csv).") Path table;
  @Option(names = "--fps", required = true, description = "Frames per second.") double fps;
  @Option(names = "--floor", required = true, split = ",", description = "Bodyparts that touch the floor (e.g. paws).") List<String> floor;
  @Option(names = "--rearing", description = "Bodypart whose height measures rearing (e.g. snout).") String rearing;
  @Option(names = "--rearing-height", description = "Height above the floor from which it counts as rearing (default: ${DEFAULT-VALUE}).")
  double rearingHeight = 50;
  @Option(names = "--top-view", description = "Also write <stem>_topview.csv, every keypoint dropped onto the floor as this camera"
      + " sees it (px), and <stem>_topview_heights.csv, its height above the floor: labpose assay runs on them with zones drawn"
      + " on that camera's image, and measures rearing as height.", paramLabel = "CAM") String topView;
  @Option(names = "--calibration", description = "With --top-view: the calibration file the table was triangulated with.") Path calibration;
  @Option(names = "--align", description = "Also write <stem>_floor.csv: the table in a frame on the floor (origin the floor point below the"
      + " first camera, z up = height above the floor, x along the first camera's image x); and <stem>_floor_xy.csv, its x and y as a"
      + " 2D table seen from straight above, with <stem>_floor_xy_heights.csv.") boolean align;
  @Option(names = "--angle", split = ";", description = "A joint angle A,B,C: the angle at B between B-A and B-C, in 3D, degrees;"
      + " several separated by ';'. Written per frame to <stem>_angles.csv.") List<String> angles = new ArrayList<>();
  @Option(names = "--unit", description = "The calibration's length unit, the unit of calibrate's --square (default: ${DEFAULT-VALUE}).")
  String unit = "mm";

  @Override
  public Integer call() throws Exception {
    if (!(fps > 0)) {
      throw new UserError("--fps " + fps + ": must be positive");
    }
    Poses3d.Table t = Poses3d.read(table);
    for (String b : floor) {
      if (!t.layout().bodyparts().contains(b) && !t.layout().uniqueBodyparts().contains(b)) {
        throw new UserError("--floor " + b + ": not a bodypart of " + table + " (" + t.layout().bodyparts() + ")");
      }
    }
    if (rearing != null && !t.layout().bodyparts().contains(rearing)) {
      throw new UserError("--rearing " + rearing + ": not a bodypart of " + table);
    }
    Measures3d.Plane plane;
    try {
      plane = Measures3d.floor(t, floor);
    } catch (IllegalArgumentException e) {
      throw new UserError(table + ": " + e.getMessage());
    }
    Measures3d.Summary s = Measures3d.summarise(t, fps, plane, rearing, rearingHeight);
    Path out = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.csv$", "") + "_measures.csv");
    AtomicFiles.writeText(out, w -> {
      CsvTable.writeRow(w, List.of("individual", "bodypart", "frames", "path_length", "mean_speed_per_s", "max_speed_per_s", "median_height",
          "max_height"));
      for (Measures3d.Keypoint k : s.keypoints()) {
        List<String> row = new ArrayList<>(List.of(k.keypoint().individual() == null ? "" : k.keypoint().individual(), k.keypoint().bodypart(),
            Integer.toString(k.frames())));
        for (double v : new double[] {k.pathLength(), k.meanSpeed(), k.maxSpeed(), k.medianHeight(), k.maxHeight()}) {
          row.add(CsvTable.number(v));
        }
        CsvTable.writeRow(w, row);
      }
    });
    var o = Out.out(spec);
    double[] n = plane.normal();
    o.printf(Locale.ROOT, "floor: normal (%.3f, %.3f, %.3f), %.2f from the origin%n", n[0], n[1], n[2], Math.abs(plane.offset()));
    for (Measures3d.Keypoint k : s.keypoints()) {
      o.printf(Locale.ROOT, "  %-20s path %.1f, mean speed %.1f/s, median height %.1f, top %.1f%n", k.keypoint(), k.pathLength(), k.meanSpeed(),
          k.medianHeight(), k.maxHeight());
    }
    if (rearing != null) {
      o.printf(Locale.ROOT, "rearing (%s above %.1f): %.2f s%n", rearing, rearingHeight, s.rearingSeconds());
    }
    o.println("wrote " + out);
    if (align) {
      Path aligned = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.csv$", "") + "_floor.csv");
      Poses3d.Table ft = Measures3d.align(t, Measures3d.floorFrame(plane));
      Poses3d.write(ft, aligned);
      o.println("wrote " + aligned + " (origin on the floor below the first camera, z = height above the floor)");
      Measures3d.TopView over = Measures3d.overhead(ft);
      Path xyCsv = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.csv$", "") + "_floor_xy.csv");
      org.labpose.core.io.HeightCsv.write(new org.labpose.core.io.HeightCsv.Table(t.layout().keypoints(), unit, over.heights()),
          org.labpose.core.io.HeightCsv.beside(xyCsv));
      org.labpose.core.io.dlc.DlcPredictionCsv.write(over.floorPoints(), xyCsv);
      o.println("wrote " + xyCsv + " (x, y on the floor in " + unit + ", seen from straight above; gait and assay read it) and its heights");
    }
    if (!angles.isEmpty()) {
      writeAngles(t, o);
    }
    if (topView != null) {
      if (calibration == null) {
        throw new UserError("--top-view " + topView + ": give --calibration (the file the table was triangulated with)");
      }
      var cams = org.labpose.geometry.io.AniposeCalibration.read(calibration).cameras();
      var cam = cams.stream().filter(c -> c.name().equals(topView)).findFirst()
          .orElseThrow(() -> new UserError("--top-view " + topView + ": no such camera in " + calibration + " (it has "
              + cams.stream().map(org.labpose.geometry.calibration.CameraModel::name).toList() + ")"));
      Measures3d.TopView v = Measures3d.topView(t, plane, cam);
      String stem = table.getFileName().toString().replaceFirst("\\.csv$", "") + "_topview";
      Path csv = table.resolveSibling(stem + ".csv");
      org.labpose.core.io.HeightCsv.write(new org.labpose.core.io.HeightCsv.Table(t.layout().keypoints(), unit, v.heights()),
          org.labpose.core.io.HeightCsv.beside(csv));
      org.labpose.core.io.dlc.DlcPredictionCsv.write(v.floorPoints(), csv);
      o.println("wrote " + csv + " (the floor under every keypoint, as " + topView + " sees it) and " + org.labpose.core.io.HeightCsv.beside(csv));
    }
    return 0;
  }

  /** Every --angle for every individual, per frame, and each one's median and range printed. */
  private void writeAngles(Poses3d.Table t, java.io.PrintWriter o) throws java.io.IOException {
    List<String> inds = t.layout().isMultiAnimal() ? t.layout().individuals() : List.of(org.labpose.core.model.KeypointId.SINGLE_ANIMAL);
    List<String> names = new ArrayList<>();
    List<double[]> series = new ArrayList<>();
    for (String spec3 : angles) {
      String[] abc = spec3.split(",");
      if (abc.length != 3) {
        throw new UserError("--angle " + spec3 + ": expected three bodyparts A,B,C (the angle at B)");
      }
      for (String ind : inds) {
        try {
          series.add(Measures3d.angle(t, ind, abc[0].trim(), abc[1].trim(), abc[2].trim()));
        } catch (IllegalArgumentException e) {
          throw new UserError("--angle " + spec3 + ": " + e.getMessage());
        }
        names.add((ind.isEmpty() ? "" : ind + "_") + abc[0].trim() + "_" + abc[1].trim() + "_" + abc[2].trim() + "_deg");
      }
    }
    Path out = table.resolveSibling(table.getFileName().toString().replaceFirst("\\.csv$", "") + "_angles.csv");
    AtomicFiles.writeText(out, w -> {
      List<String> header = new ArrayList<>(List.of("frame"));
      header.addAll(names);
      CsvTable.writeRow(w, header);
      for (int f = 0; f < t.frames(); f++) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(f)));
        for (double[] a : series) {
          row.add(Double.isNaN(a[f]) ? "" : CsvTable.number(a[f]));
        }
        CsvTable.writeRow(w, row);
      }
    });
    for (int i = 0; i < names.size(); i++) {
      double[] v = java.util.Arrays.stream(series.get(i)).filter(x -> !Double.isNaN(x)).sorted().toArray();
      if (v.length > 0) {
        o.printf(Locale.ROOT, "  angle %s: median %.1f°, %.1f° to %.1f°%n", names.get(i), v[v.length / 2], v[0], v[v.length - 1]);
      }
    }
    o.println("wrote " + out);
  }
}

package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.gait.Gait;
import org.labpose.analysis.gait.GaitConfig;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose gait}. */
@Command(name = "gait", mixinStandardHelpOptions = true,
    description = {"Gait from paw tracks (treadmill or walkway, bottom or side view): stance/swing, strides, stride length and duration, "
        + "cadence, stance and swing durations, duty factor, base of support, left/right symmetry indices.",
        "Writes <video>_strides.csv (one row per stride) and gait_summary.csv (one row per video) into --out."})
final class GaitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Videos (their newest predictions are used) or prediction CSVs.") List<Path> inputs;
  @Option(names = "--paws", split = ",", description = "Paw bodyparts by role, e.g. LF=fl,RF=fr,LH=hl,RH=hr (default: found by name).") Map<String, String> paws;
  @Option(names = "--px-per-cm", description = "Calibration; lengths are in px without it.") Double pxPerCm;
  @Option(names = "--belt-speed", description = "Treadmill belt speed, cm/s (px/s uncalibrated); 0 on a walkway (default: ${DEFAULT-VALUE}).") double belt = 0;
  @Option(names = "--direction", description = "Walking direction in the image: +x, -x, +y or -y (default: from the body axis or motion).") String direction;
  @Option(names = "--fps", description = "Frames per second, when no video gives it.") Double fps;
  @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: the config's pcutoff).") Double pcutoff;
  @Option(names = "--filtered", description = "Use *_filtered.csv predictions.") boolean filtered;
  @Option(names = "--out", description = "Output folder (default: <project>/gait).") Path out;
  @Option(names = "--lift-height", description = "Predictions with a heights file beside them (measures-3d --align): a paw higher than"
      + " this above the floor is in swing, in the heights' unit (default: ${DEFAULT-VALUE}).") double liftHeight = 2;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    Calibration cal = pxPerCm != null ? Calibration.scale(pxPerCm) : Calibration.pixels();
    Map<String, String> roles = paws != null ? paws : GaitConfig.pawsByName(p.keypointLayout().bodyparts());
    GaitConfig cfg = GaitConfig.of(roles).withBeltSpeed(belt).withPcutoff(pcutoff != null ? pcutoff : p.config().pcutoff());
    if (direction != null) {
      cfg = cfg.withDirection(GaitConfig.axis(direction));
    }
    Map<String, Gait.Result> results = new LinkedHashMap<>();
    java.util.List<Path> read = new java.util.ArrayList<>();
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      read.add(csv);
      PoseTable t = ProjectLayout.readPredictions(csv);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      double rate = Out.frameRate(p, in, csv, name, fps);
      try {
        org.labpose.core.io.HeightCsv.Table heights = org.labpose.core.io.HeightCsv.readBeside(csv);
        if (heights != null) {
          Out.out(spec).printf(Locale.ROOT, "%s: heights from %s: a paw above %s %s is in swing%n", name,
              org.labpose.core.io.HeightCsv.beside(csv).getFileName(),
              org.labpose.core.io.CsvTable.number(liftHeight), heights.unit());
        }
        results.put(name, Gait.analyze(t, heights, liftHeight, rate, cal, cfg));
      } catch (IllegalArgumentException e) {
        throw new UserError(csv + ": " + e.getMessage());
      }
    }
    Path dir = out != null ? out : p.layout().gait();
    Files.createDirectories(dir);
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    for (Map.Entry<String, Gait.Result> e : results.entrySet()) {
      Gait.writeStrides(e.getValue(), dir.resolve(e.getKey() + "_strides.csv"));
      summaries.put(e.getKey(), e.getValue().summary());
      Map<String, Double> s = e.getValue().summary();
      List<String> parts = new ArrayList<>();
      for (String role : Gait.ROLES) {
        if (s.containsKey(role + "_strides")) {
          parts.add(String.format(Locale.ROOT, "%s %.0f strides, %.3f s, duty %.2f", role, s.get(role + "_strides"), s.get(role + "_stride_s"),
              s.get(role + "_duty_factor")));
        }
      }
      Out.out(spec).println(e.getKey() + ": " + String.join("; ", parts));
    }
    AssayFiles.writeSummary(dir.resolve("gait_summary.csv"), summaries, Map.of());
    Out.out(spec).println("wrote " + dir.resolve("gait_summary.csv") + " and " + results.size() + " *_strides.csv");
    java.util.List<Path> written = new java.util.ArrayList<>(java.util.List.of(dir.resolve("gait_summary.csv")));
    results.keySet().forEach(k -> written.add(dir.resolve(k + "_strides.csv")));
    Out.record(spec, p, read, written);
    return 0;
  }

}

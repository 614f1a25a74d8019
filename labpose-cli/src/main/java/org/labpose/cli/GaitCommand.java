package org.labpose.cli;

import org.labpose.core.project.ProjectLayout;
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
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    Calibration cal;
    GaitConfig cfg;
    try {
      cal = pxPerCm != null ? Calibration.scale(pxPerCm) : Calibration.pixels();
      Map<String, String> roles = paws != null ? paws : findPaws(p.keypointLayout().bodyparts());
      cfg = GaitConfig.of(roles).withBeltSpeed(belt).withPcutoff(pcutoff != null ? pcutoff : p.config().pcutoff());
      if (direction != null) {
        cfg = cfg.withDirection(switch (direction) {
          case "+x", "x" -> new double[] {1, 0};
          case "-x" -> new double[] {-1, 0};
          case "+y", "y" -> new double[] {0, 1};
          case "-y" -> new double[] {0, -1};
          default -> throw new IllegalArgumentException("--direction must be +x, -x, +y or -y, got '" + direction + "'");
        });
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    Map<String, Gait.Result> results = new LinkedHashMap<>();
    for (Path in : inputs) {
      Path csv = Out.predictionsFor(in, filtered);
      PoseTable t = ProjectLayout.readPredictions(csv);
      String name = ProjectLayout.videoStemOfPredictions(csv);
      double rate = Out.frameRate(p, in, csv, name, fps);
      try {
        results.put(name, Gait.analyze(t, rate, cal, cfg));
      } catch (IllegalArgumentException e) {
        throw new UserError(csv + ": " + e.getMessage());
      }
    }
    Path dir = out != null ? out : p.root().resolve("gait");
    Files.createDirectories(dir);
    Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
    for (Map.Entry<String, Gait.Result> e : results.entrySet()) {
      String u = e.getValue().unit();
      AtomicFiles.writeText(dir.resolve(e.getKey() + "_strides.csv"), w -> {
        CsvTable.writeRow(w, List.of("paw", "stride", "start_frame", "end_frame", "stride_s", "stance_s", "swing_s", "duty_factor",
            "stride_length_" + u, "matched_right_stride", "si_stride_s", "si_stride_length", "si_duty_factor"));
        for (Gait.Stride s : e.getValue().strides()) {
          CsvTable.writeRow(w, List.of(s.paw(), Integer.toString(s.index()), Integer.toString(s.start()), Integer.toString(s.end()),
              CsvTable.number(s.strideS()), CsvTable.number(s.stanceS()), CsvTable.number(s.swingS()), CsvTable.number(s.dutyFactor()),
              CsvTable.number(s.strideLength()), s.matchedStride() < 0 ? "" : Integer.toString(s.matchedStride()),
              CsvTable.number(s.siStride()), CsvTable.number(s.siLength()), CsvTable.number(s.siDuty())));
        }
      });
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
    return 0;
  }

  /** Paws found by name: left/right with fore/front/hind/back/rear, or LF, FL, RH, HR and the like. */
  static Map<String, String> findPaws(List<String> bodyparts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String b : bodyparts) {
      String n = b.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      boolean left = n.contains("left") || n.matches("l[fh]|[fh]l|l(fore|front|hind|back|rear).*|(fore|front|hind|back|rear)l.*");
      boolean right = n.contains("right") || n.matches("r[fh]|[fh]r|r(fore|front|hind|back|rear).*|(fore|front|hind|back|rear)r.*");
      boolean fore = n.contains("fore") || n.contains("front") || n.matches("[lr]f|f[lr]");
      boolean hind = n.contains("hind") || n.contains("back") || n.contains("rear") || n.matches("[lr]h|h[lr]");
      if (left == right || fore == hind) {
        continue;
      }
      out.putIfAbsent((left ? "L" : "R") + (fore ? "F" : "H"), b);
    }
    if (!((out.containsKey("LF") && out.containsKey("RF")) || (out.containsKey("LH") && out.containsKey("RH")))) {
      throw new IllegalArgumentException("no left/right pair of paws found by name among " + bodyparts + "; name them with --paws LF=...,RF=...,LH=...,RH=...");
    }
    return out;
  }
}

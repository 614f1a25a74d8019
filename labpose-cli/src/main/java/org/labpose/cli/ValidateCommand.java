package org.labpose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.analysis.stats.Annotations;
import org.labpose.analysis.stats.BinaryAgreement;
import org.labpose.analysis.stats.KeypointAgreement;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose validate}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Agreement of two label sets (human vs human, human vs model) per bodypart: mean error, RMSE, PCK, tracking rate, "
        + "ICC(2,1) and ICC(2,k) of x and y, Bland–Altman bias and limits of agreement with a paired t-test.",
        "With --behavior: agreement of two behaviour annotations per behaviour: Cohen's kappa, sensitivity, specificity, precision, F1.",
        "A is the reference. Label files (CollectedData_*.csv/.h5) are matched by image; prediction CSVs by frame index."})
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Reference: a label file, a prediction CSV, or (with --behavior) an annotation CSV.") Path a;
  @Parameters(index = "1", description = "The set compared with the reference, of the same kind.") Path b;
  @Option(names = "--behavior", description = "Compare behaviour annotations (frame,behavior | behavior,start,stop | BORIS Start (s)/Stop (s)).") boolean behavior;
  @Option(names = "--pck", description = "PCK threshold, px (default: ${DEFAULT-VALUE}).") double pck = 5;
  @Option(names = "--tolerance", description = "Tracking-rate tolerance, px (default: ${DEFAULT-VALUE}).") double tolerance = 10;
  @Option(names = "--pcutoff", description = "For prediction CSVs: likelihood under which a point is missing (default: ${DEFAULT-VALUE}).") double pcutoff = 0.6;
  @Option(names = "--fps", description = "Frame rate, for annotations in seconds (BORIS).") Double fps;
  @Option(names = "--frames", description = "Frames in the video, for annotations (default: the last annotated frame + 1).") int frames;
  @Option(names = "--out", description = "Also write the table as CSV here.") Path out;

  @Override
  public Integer call() throws Exception {
    List<List<String>> table = behavior ? behaviours() : keypoints();
    print(Out.out(spec), table);
    if (out != null) {
      AtomicFiles.writeText(out, w -> {
        for (List<String> row : table) {
          CsvTable.writeRow(w, row);
        }
      });
      Out.out(spec).println("wrote " + out);
    }
    return 0;
  }

  private List<List<String>> behaviours() throws IOException {
    double rate = fps != null ? fps : Double.NaN;
    Map<String, boolean[]> ref = Annotations.read(a, rate, frames);
    Map<String, boolean[]> got = Annotations.read(b, rate, frames);
    int n = frames;
    for (boolean[] v : ref.values()) {
      n = Math.max(n, v.length);
    }
    for (boolean[] v : got.values()) {
      n = Math.max(n, v.length);
    }
    LinkedHashSet<String> names = new LinkedHashSet<>(ref.keySet());
    names.addAll(got.keySet());
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("behavior", "frames", "frames_ref", "frames_other", "kappa", "sensitivity", "specificity", "precision", "f1"));
    for (String name : names) {
      boolean[] r = java.util.Arrays.copyOf(ref.getOrDefault(name, new boolean[0]), n);
      boolean[] g = java.util.Arrays.copyOf(got.getOrDefault(name, new boolean[0]), n);
      BinaryAgreement ag = BinaryAgreement.of(r, g);
      t.add(List.of(name, Integer.toString(n), Integer.toString(ag.truePositives() + ag.falseNegatives()),
          Integer.toString(ag.truePositives() + ag.falsePositives()), f(ag.kappa()), f(ag.sensitivity()), f(ag.specificity()),
          f(ag.precision()), f(ag.f1())));
    }
    return t;
  }

  private List<List<String>> keypoints() throws IOException {
    boolean pa = isPredictions(a);
    boolean pb = isPredictions(b);
    if (pa != pb) {
      throw new UserError("give two label files or two prediction CSVs: " + a.getFileName() + " is " + (pa ? "predictions" : "labels")
          + ", " + b.getFileName() + " is " + (pb ? "predictions" : "labels"));
    }
    Map<KeypointId, double[][]> ta;
    Map<KeypointId, double[][]> tb;
    if (pa) {
      PoseTable x = DlcPredictionCsv.read(a);
      PoseTable y = DlcPredictionCsv.read(b);
      if (x.frameCount() != y.frameCount()) {
        Out.err(spec).printf("labpose: warning: %s has %d frames, %s %d; comparing the first %d%n", a.getFileName(), x.frameCount(),
            b.getFileName(), y.frameCount(), Math.min(x.frameCount(), y.frameCount()));
      }
      int n = Math.min(x.frameCount(), y.frameCount());
      ta = tracks(x, n);
      tb = tracks(y, n);
    } else {
      LabelSet x = LabelFiles.read(a);
      LabelSet y = LabelFiles.read(b);
      Map<String, LabeledFrame> byImage = new LinkedHashMap<>();
      for (LabeledFrame fr : y.frames()) {
        byImage.put(key(fr), fr);
      }
      List<LabeledFrame[]> pairs = new ArrayList<>();
      for (LabeledFrame fr : x.frames()) {
        LabeledFrame other = byImage.get(key(fr));
        if (other != null) {
          pairs.add(new LabeledFrame[] {fr, other});
        }
      }
      if (pairs.isEmpty()) {
        throw new UserError(a + " and " + b + " share no labelled image");
      }
      if (pairs.size() < x.size() || pairs.size() < y.size()) {
        Out.err(spec).printf("labpose: warning: %d images in both; %d only in %s, %d only in %s%n", pairs.size(),
            x.size() - pairs.size(), a.getFileName(), y.size() - pairs.size(), b.getFileName());
      }
      ta = new LinkedHashMap<>();
      tb = new LinkedHashMap<>();
      for (KeypointId k : x.layout().keypoints()) {
        if (!y.layout().contains(k)) {
          continue;
        }
        double[][] va = new double[2][pairs.size()];
        double[][] vb = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
          va[0][i] = pairs.get(i)[0].x(k);
          va[1][i] = pairs.get(i)[0].y(k);
          vb[0][i] = pairs.get(i)[1].x(k);
          vb[1][i] = pairs.get(i)[1].y(k);
        }
        ta.put(k, va);
        tb.put(k, vb);
      }
    }
    ta.keySet().retainAll(tb.keySet());
    if (ta.isEmpty()) {
      throw new UserError(a + " and " + b + " share no bodypart");
    }
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("bodypart", "frames", "paired", "mean_error_px", "rmse_px", "pck", "tracking_rate", "icc21_x", "icc2k_x", "icc21_y", "icc2k_y",
        "bias_x_px", "loa_x_low", "loa_x_high", "p_bias_x", "bias_y_px", "loa_y_low", "loa_y_high", "p_bias_y"));
    for (Map.Entry<KeypointId, double[][]> e : ta.entrySet()) {
      double[][] va = e.getValue();
      double[][] vb = tb.get(e.getKey());
      KeypointAgreement k = KeypointAgreement.of(va[0], va[1], vb[0], vb[1], pck, tolerance);
      t.add(List.of(e.getKey().toString(), Integer.toString(k.frames()), Integer.toString(k.paired()), f(k.meanError()), f(k.rmse()),
          f(k.pck()), f(k.trackingRate()), f(k.iccX() == null ? Double.NaN : k.iccX().icc21()), f(k.iccX() == null ? Double.NaN : k.iccX().icc2k()),
          f(k.iccY() == null ? Double.NaN : k.iccY().icc21()), f(k.iccY() == null ? Double.NaN : k.iccY().icc2k()),
          f(k.blandAltmanX().bias()), f(k.blandAltmanX().lower()), f(k.blandAltmanX().upper()), f(k.blandAltmanX().pairedTP()),
          f(k.blandAltmanY().bias()), f(k.blandAltmanY().lower()), f(k.blandAltmanY().upper()), f(k.blandAltmanY().pairedTP())));
    }
    return t;
  }

  private Map<KeypointId, double[][]> tracks(PoseTable t, int n) {
    Map<KeypointId, double[][]> m = new LinkedHashMap<>();
    for (KeypointId k : t.layout().keypoints()) {
      double[] x = java.util.Arrays.copyOf(t.xSeries(k), n);
      double[] y = java.util.Arrays.copyOf(t.ySeries(k), n);
      double[] p = t.likelihoodSeries(k);
      for (int f = 0; f < n; f++) {
        if (!(p[f] >= pcutoff) && !Double.isNaN(p[f])) {
          x[f] = Double.NaN;
          y[f] = Double.NaN;
        }
      }
      m.put(k, new double[][] {x, y});
    }
    return m;
  }

  /** An image's key for matching: its last two path components (video folder and file). */
  private static String key(LabeledFrame f) {
    String[] parts = f.imagePath().replace('\\', '/').split("/");
    return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : parts[parts.length - 1];
  }

  /** A prediction CSV has a 'coords' row with likelihood and integer frame indices. */
  private static boolean isPredictions(Path file) throws IOException {
    if (!file.toString().endsWith(".csv")) {
      return false;
    }
    CsvTable t = CsvTable.read(file);
    for (CsvTable.Row r : t.rows()) {
      if (r.cell(0).equals("coords")) {
        return r.cells().contains("likelihood");
      }
    }
    return false;
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v + 0.0).replace("-0.0000", "0.0000");
  }

  private static void print(PrintWriter o, List<List<String>> t) {
    int cols = t.get(0).size();
    int[] w = new int[cols];
    for (List<String> r : t) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    for (List<String> r : t) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        String s = r.get(c);
        sb.append(c == 0 ? String.format("%-" + w[c] + "s", s) : String.format("  %" + w[c] + "s", s));
      }
      o.println(sb.toString().stripTrailing());
    }
  }
}

package org.labpose.analysis.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.SettingException;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.dlc.LabelFiles;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;

/**
 * Agreement of two sets of the same kind, the first being the reference: keypoints (two label
 * files matched by image, or two prediction CSVs matched by frame index) per bodypart, or behaviour
 * annotations per behaviour. The entry point of {@code labpose validate}.
 */
public final class Agreement {
  private Agreement() {}

  /**
   * Settings of a keypoint comparison.
   *
   * @param pckPx PCK threshold, px
   * @param tolerancePx tracking-rate tolerance, px
   * @param pcutoff for predictions: likelihood under which a point is missing ({@link Confidence})
   */
  public record Settings(double pckPx, double tolerancePx, double pcutoff) {
    public Settings {
      if (!(pckPx > 0) || !(tolerancePx > 0)) {
        throw new SettingException("pckPx, tolerancePx", "must be positive pixels, got " + pckPx + " and " + tolerancePx);
      }
      Confidence.checkPcutoff(pcutoff);
    }

    /** PCK 5 px, tolerance 10 px, the default p-cutoff. */
    public static Settings defaults() {
      return new Settings(5, 10, Confidence.DEFAULT_PCUTOFF);
    }
  }

  /**
   * A table (header first, one row per bodypart or behaviour; lengths in px, empty cells where a
   * value is undefined) and warnings about what was left out of it.
   */
  public record Report(List<List<String>> table, List<String> warnings) {}

  /** What a keypoint file holds. */
  public enum Kind { LABELS, PREDICTIONS }

  /**
   * Tells a label file from a prediction CSV: a CSV whose {@code coords} row names a likelihood
   * holds predictions; an {@code .h5} or a CSV with x, y only holds labels.
   *
   * @throws InputFormatException for an empty file or a CSV with no {@code coords} row
   */
  public static Kind kind(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "file not found");
    }
    if (Files.size(file) == 0) {
      throw new InputFormatException(file, null, "empty file; expected a label file (CollectedData_*.csv or .h5) or a prediction CSV");
    }
    if (!file.getFileName().toString().endsWith(".csv")) {
      return Kind.LABELS;
    }
    CsvTable t = CsvTable.read(file);
    for (CsvTable.Row r : t.rows()) {
      if (!r.cells().isEmpty() && r.cell(0).equals("coords")) {
        return r.cells().contains("likelihood") ? Kind.PREDICTIONS : Kind.LABELS;
      }
    }
    throw new InputFormatException(file, null, "no 'coords' header row; expected a DeepLabCut-layout label file or prediction CSV");
  }

  /** Compares keypoints of {@code a} (the reference) and {@code b}, both labels or both predictions. */
  public static Report keypoints(Path a, Path b, Settings s) throws IOException {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka != kb) {
      throw new InputFormatException(b, null, "holds " + name(kb) + " but the reference " + a.getFileName() + " holds " + name(ka)
          + "; compare two label files or two prediction CSVs");
    }
    List<String> warnings = new ArrayList<>();
    Map<KeypointId, double[][]> ta;
    Map<KeypointId, double[][]> tb;
    if (ka == Kind.PREDICTIONS) {
      PoseTable x = DlcPredictionCsv.read(a);
      PoseTable y = DlcPredictionCsv.read(b);
      int n = Math.min(x.frameCount(), y.frameCount());
      if (x.frameCount() != y.frameCount()) {
        warnings.add(a.getFileName() + " has " + x.frameCount() + " frames, " + b.getFileName() + " " + y.frameCount() + "; comparing the first " + n);
      }
      ta = tracks(x, n, s.pcutoff());
      tb = tracks(y, n, s.pcutoff());
    } else {
      LabelSet x = LabelFiles.read(a);
      LabelSet y = LabelFiles.read(b);
      Map<String, LabeledFrame> byImage = new LinkedHashMap<>();
      for (LabeledFrame fr : y.frames()) {
        byImage.put(imageKey(fr), fr);
      }
      List<LabeledFrame[]> pairs = new ArrayList<>();
      for (LabeledFrame fr : x.frames()) {
        LabeledFrame other = byImage.get(imageKey(fr));
        if (other != null) {
          pairs.add(new LabeledFrame[] {fr, other});
        }
      }
      if (pairs.isEmpty()) {
        throw new InputFormatException(b, null, "shares no labelled image with " + a + " (images are matched by folder and file name)");
      }
      if (pairs.size() < x.size() || pairs.size() < y.size()) {
        warnings.add(pairs.size() + " images in both; " + (x.size() - pairs.size()) + " only in " + a.getFileName() + ", "
            + (y.size() - pairs.size()) + " only in " + b.getFileName());
      }
      ta = new LinkedHashMap<>();
      tb = new LinkedHashMap<>();
      for (KeypointId k : x.layout().keypoints()) {
        double[][] va = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
          va[0][i] = pairs.get(i)[0].x(k);
          va[1][i] = pairs.get(i)[0].y(k);
        }
        ta.put(k, va);
      }
      for (KeypointId k : y.layout().keypoints()) {
        double[][] vb = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
          vb[0][i] = pairs.get(i)[1].x(k);
          vb[1][i] = pairs.get(i)[1].y(k);
        }
        tb.put(k, vb);
      }
    }
    List<KeypointId> onlyA = ta.keySet().stream().filter(k -> !tb.containsKey(k)).toList();
    List<KeypointId> onlyB = tb.keySet().stream().filter(k -> !ta.containsKey(k)).toList();
    if (!onlyA.isEmpty()) {
      warnings.add("bodyparts only in " + a.getFileName() + ", left out: " + onlyA);
    }
    if (!onlyB.isEmpty()) {
      warnings.add("bodyparts only in " + b.getFileName() + ", left out: " + onlyB);
    }
    ta.keySet().retainAll(tb.keySet());
    if (ta.isEmpty()) {
      throw new InputFormatException(b, null, "shares no bodypart with " + a + " (" + a.getFileName() + ": " + onlyA + ", "
          + b.getFileName() + ": " + onlyB + ")");
    }
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("bodypart", "frames", "paired", "mean_error_px", "rmse_px", "pck", "tracking_rate", "icc21_x", "icc2k_x", "icc21_y", "icc2k_y",
        "bias_x_px", "loa_x_low", "loa_x_high", "p_bias_x", "bias_y_px", "loa_y_low", "loa_y_high", "p_bias_y"));
    for (Map.Entry<KeypointId, double[][]> e : ta.entrySet()) {
      double[][] va = e.getValue();
      double[][] vb = tb.get(e.getKey());
      KeypointAgreement k = KeypointAgreement.of(va[0], va[1], vb[0], vb[1], s.pckPx(), s.tolerancePx());
      t.add(List.of(e.getKey().toString(), Integer.toString(k.frames()), Integer.toString(k.paired()), f(k.meanError()), f(k.rmse()),
          f(k.pck()), f(k.trackingRate()), f(k.iccX() == null ? Double.NaN : k.iccX().icc21()), f(k.iccX() == null ? Double.NaN : k.iccX().icc2k()),
          f(k.iccY() == null ? Double.NaN : k.iccY().icc21()), f(k.iccY() == null ? Double.NaN : k.iccY().icc2k()),
          f(k.blandAltmanX().bias()), f(k.blandAltmanX().lower()), f(k.blandAltmanX().upper()), f(k.blandAltmanX().pairedTP()),
          f(k.blandAltmanY().bias()), f(k.blandAltmanY().lower()), f(k.blandAltmanY().upper()), f(k.blandAltmanY().pairedTP())));
    }
    return new Report(t, warnings);
  }

  /**
   * Compares behaviour annotations (see {@link Annotations#read}) of {@code a} (the reference) and
   * {@code b} per behaviour: Cohen's kappa, sensitivity, specificity, precision, F1.
   *
   * @param fps frame rate for annotations in seconds (BORIS), NaN when the files use frames
   * @param frames frames in the video (0: the last annotated frame + 1)
   */
  public static Report behaviours(Path a, Path b, double fps, int frames) throws IOException {
    Map<String, boolean[]> ref = Annotations.read(a, fps, frames);
    Map<String, boolean[]> got = Annotations.read(b, fps, frames);
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
      boolean[] r = Arrays.copyOf(ref.getOrDefault(name, new boolean[0]), n);
      boolean[] g = Arrays.copyOf(got.getOrDefault(name, new boolean[0]), n);
      BinaryAgreement ag = BinaryAgreement.of(r, g);
      t.add(List.of(name, Integer.toString(n), Integer.toString(ag.truePositives() + ag.falseNegatives()),
          Integer.toString(ag.truePositives() + ag.falsePositives()), f(ag.kappa()), f(ag.sensitivity()), f(ag.specificity()),
          f(ag.precision()), f(ag.f1())));
    }
    return new Report(t, List.of());
  }

  private static String name(Kind k) {
    return k == Kind.LABELS ? "labels" : "predictions";
  }

  private static Map<KeypointId, double[][]> tracks(PoseTable t, int n, double pcutoff) {
    Map<KeypointId, double[][]> m = new LinkedHashMap<>();
    for (KeypointId k : t.layout().keypoints()) {
      double[][] xy = Confidence.presentSeries(t, k, pcutoff);
      m.put(k, new double[][] {Arrays.copyOf(xy[0], n), Arrays.copyOf(xy[1], n)});
    }
    return m;
  }

  /** An image's key for matching: its last two path components (video folder and file). */
  private static String imageKey(LabeledFrame f) {
    String[] parts = f.imagePath().replace('\\', '/').split("/");
    return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : parts[parts.length - 1];
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v + 0.0).replace("-0.0000", "0.0000");
  }
}

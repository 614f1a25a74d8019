package org.labpose.multianimal.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectLayout;

/** Compares two multi-animal prediction CSVs (reference first) as {@code labpose validate --tracks} does. */
public final class TrackComparison {
  private TrackComparison() {}

  /**
   * The agreement and a printable table (one row per reference individual, then all).
   *
   * @param thresholdPx a tracked animal corresponds to a reference one within this mean keypoint distance
   * @param pcutoff keypoints below this likelihood count as absent
   */
  public record Report(TrackingAgreement agreement, List<List<String>> table) {}

  /** Reads both files and compares them over every frame. */
  public static Report compare(Path reference, Path test, double thresholdPx, double pcutoff) throws IOException {
    return compare(reference, test, thresholdPx, pcutoff, 0, -1);
  }

  /** Reads both files and compares frames {@code first..last} (inclusive; {@code last = -1}: to the end). */
  public static Report compare(Path reference, Path test, double thresholdPx, double pcutoff, int first, int last) throws IOException {
    PoseTable ref = ProjectLayout.readPredictions(reference);
    PoseTable got = ProjectLayout.readPredictions(test);
    if (!ref.layout().isMultiAnimal()) {
      throw new InputFormatException(reference, "header", "not a multi-animal file (no individuals row): --tracks compares tracks of several animals");
    }
    if (!got.layout().isMultiAnimal()) {
      throw new InputFormatException(test, "header", "not a multi-animal file (no individuals row): --tracks compares tracks of several animals");
    }
    if (ref.frameCount() != got.frameCount()) {
      throw new InputFormatException(test, "row " + Math.min(ref.frameCount(), got.frameCount()),
          "has " + got.frameCount() + " frames but the reference " + reference.getFileName() + " has " + ref.frameCount());
    }
    List<String> bodyparts = TrackSet.sharedBodyparts(ref, got);
    if (bodyparts.isEmpty()) {
      throw new InputFormatException(test, "header", "shares no bodypart with the reference " + ref.layout().bodyparts());
    }
    int end = last < 0 ? ref.frameCount() - 1 : last;
    if (first < 0 || end < first || end >= ref.frameCount()) {
      throw new org.labpose.core.SettingException("frames", "expected FIRST-LAST within the " + ref.frameCount() + " frames, got " + first + "-" + last);
    }
    TrackingAgreement a = TrackingAgreement.compute(TrackSet.of(ref, bodyparts, pcutoff).frames(first, end),
        TrackSet.of(got, bodyparts, pcutoff).frames(first, end), thresholdPx);
    List<List<String>> t = new ArrayList<>();
    t.add(List.of("individual", "track", "frames", "id recall", "switches", "fragmentations", "misses"));
    for (TrackingAgreement.Individual i : a.perIndividual()) {
      t.add(List.of(i.name(), i.matchedTrack() == null ? "-" : i.matchedTrack(), Integer.toString(i.frames()), f(i.idRecall()),
          Integer.toString(i.switches()), Integer.toString(i.fragmentations()), Integer.toString(i.misses())));
    }
    t.add(List.of("all", String.format(Locale.ROOT, "MOTA %.4f", a.mota()), Integer.toString(a.referenceDetections()),
        String.format(Locale.ROOT, "IDF1 %.4f", a.idf1()), Integer.toString(a.switches()), Integer.toString(a.fragmentations()),
        Integer.toString(a.misses())));
    t.add(List.of("per 1000 frames", "", Integer.toString(end - first + 1), "",
        f(a.switchesPerThousandFrames(end - first + 1)), "", ""));
    t.add(List.of("pose error (px)", f(a.meanErrorPx()), "", "", "", "", ""));
    return new Report(a, t);
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }
}

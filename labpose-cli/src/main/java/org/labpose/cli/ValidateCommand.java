package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.analysis.stats.Agreement;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.model.Confidence;
import org.labpose.multianimal.metrics.TrackComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose validate}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Agreement of two label sets (human vs human, human vs model) per bodypart: mean error, RMSE, PCK, tracking rate, "
        + "ICC(2,1) and ICC(2,k) of x and y, Bland–Altman bias and limits of agreement with a paired t-test.",
        "With --behavior: agreement of two behaviour annotations per behaviour: Cohen's kappa, sensitivity, specificity, precision, F1.",
        "With --tracks: tracking agreement of two multi-animal prediction CSVs: MOTA, IDF1, identity switches and fragmentations, "
            + "per individual (a tracked animal corresponds to a reference one within --distance px).",
        "A is the reference. Label files (CollectedData_*.csv/.h5) are matched by image; prediction CSVs by frame index."})
final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Reference: a label file, a prediction CSV, or (with --behavior) an annotation CSV.") Path a;
  @Parameters(index = "1", description = "The set compared with the reference, of the same kind.") Path b;
  @Option(names = "--behavior", description = "Compare behaviour annotations (frame,behavior | behavior,start,stop | BORIS Start (s)/Stop (s)).") boolean behavior;
  @Option(names = "--tracks", description = "Compare the tracks of two multi-animal prediction CSVs.") boolean tracks;
  @Option(names = "--range", description = "With --tracks: compare frames FIRST-LAST only (default: all).") String frameRange;
  @Option(names = "--distance", description = "With --tracks: mean keypoint distance, px, within which a tracked animal is the reference one (default: ${DEFAULT-VALUE}).") double distance = 20;
  @Option(names = "--pck", description = "PCK threshold, px (default: ${DEFAULT-VALUE}).") double pck = 5;
  @Option(names = "--tolerance", description = "Tracking-rate tolerance, px (default: ${DEFAULT-VALUE}).") double tolerance = 10;
  @Option(names = "--pcutoff", description = "For prediction CSVs: likelihood under which a point is missing (default: ${DEFAULT-VALUE}).") double pcutoff = Confidence.DEFAULT_PCUTOFF;
  @Option(names = "--fps", description = "Frame rate, for annotations in seconds (BORIS).") Double fps;
  @Option(names = "--frames", description = "Frames in the video, for annotations (default: the last annotated frame + 1).") int frames;
  @Option(names = "--out", description = "Also write the table as CSV here.") Path out;

  @Override
  public Integer call() throws Exception {
    if (tracks) {
      FrameRange range = FrameRange.parse("--range", frameRange, "1000-1499");
      TrackComparison.Report tr = TrackComparison.compare(a, b, distance, pcutoff, range.first(), range.last());
      emit(tr.table());
      return 0;
    }
    Agreement.Settings settings = new Agreement.Settings(pck, tolerance, pcutoff);
    Agreement.Report r = behavior ? Agreement.behaviours(a, b, fps != null ? fps : Double.NaN, frames) : Agreement.keypoints(a, b, settings);
    Out.warnings(spec, r.warnings());
    emit(r.table());
    return 0;
  }

  private void emit(List<List<String>> table) throws java.io.IOException {
    print(Out.out(spec), table);
    if (out != null) {
      AtomicFiles.writeText(out, w -> {
        for (List<String> row : table) {
          CsvTable.writeRow(w, row);
        }
      });
      Out.out(spec).println("wrote " + out);
    }
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

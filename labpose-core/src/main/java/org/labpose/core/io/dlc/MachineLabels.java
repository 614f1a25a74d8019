package org.labpose.core.io.dlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;

/**
 * A model's predictions on frames extracted for refinement ({@code
 * labeled-data/<video>/machinelabels-iter<N>.csv}, DeepLabCut's machine labels): the label-file
 * layout (scorer, [individuals,] bodyparts, coords header rows; an index of {@code labeled-data},
 * video folder and image name) with x, y and likelihood per keypoint. Pixels, origin top-left.
 */
public final class MachineLabels {
  private MachineLabels() {}

  /** The file name for an iteration. */
  public static String fileName(int iteration) {
    return "machinelabels-iter" + iteration + ".csv";
  }

  /**
   * Writes machine labels atomically.
   *
   * @param frames project-relative image path ({@code labeled-data/<video>/<img>.png}) → x, y,
   *     likelihood per keypoint slot in layout order (NaN for none)
   */
  public static void write(Path file, String scorer, KeypointLayout layout, Map<String, double[]> frames) throws IOException {
    Map<String, double[]> sorted = new TreeMap<>(frames);
    AtomicFiles.writeText(file, w -> {
      List<String> sc = new ArrayList<>(List.of("scorer", "", ""));
      List<String> ind = new ArrayList<>(List.of("individuals", "", ""));
      List<String> bp = new ArrayList<>(List.of("bodyparts", "", ""));
      List<String> co = new ArrayList<>(List.of("coords", "", ""));
      for (KeypointId k : layout.keypoints()) {
        for (String c : List.of("x", "y", "likelihood")) {
          sc.add(scorer);
          ind.add(k.individual());
          bp.add(k.bodypart());
          co.add(c);
        }
      }
      CsvTable.writeRow(w, sc);
      if (layout.isMultiAnimal()) {
        CsvTable.writeRow(w, ind);
      }
      CsvTable.writeRow(w, bp);
      CsvTable.writeRow(w, co);
      for (Map.Entry<String, double[]> e : sorted.entrySet()) {
        String[] parts = e.getKey().replace('\\', '/').split("/");
        if (parts.length != 3) {
          throw new IllegalArgumentException("expected labeled-data/<video>/<image>, got " + e.getKey());
        }
        List<String> row = new ArrayList<>(List.of(parts));
        if (e.getValue().length != 3 * layout.size()) {
          throw new IllegalArgumentException("expected " + 3 * layout.size() + " values for " + e.getKey());
        }
        for (double v : e.getValue()) {
          row.add(CsvTable.number(v));
        }
        CsvTable.writeRow(w, row);
      }
    });
  }

  /**
   * Reads machine labels written by {@link #write} for a project of the given layout.
   *
   * @return image path → x, y, likelihood per slot; empty when the file does not exist
   */
  public static Map<String, double[]> read(Path file, KeypointLayout layout) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    CsvTable t = CsvTable.read(file);
    int head = layout.isMultiAnimal() ? 4 : 3;
    if (t.rows().size() < head) {
      throw new InputFormatException(file, null, "expected " + head + " header rows (scorer, " + (layout.isMultiAnimal() ? "individuals, " : "") + "bodyparts, coords)");
    }
    CsvTable.Row bp = t.rows().get(head - 2);
    CsvTable.Row ind = layout.isMultiAnimal() ? t.rows().get(1) : null;
    CsvTable.Row co = t.rows().get(head - 1);
    if (!co.cell(0).equals("coords")) {
      throw new InputFormatException(file, "line " + co.line(), "expected the 'coords' header row");
    }
    for (int i = 0; i < layout.size(); i++) {
      KeypointId k = layout.keypoints().get(i);
      int c = 3 + 3 * i;
      boolean ok = bp.cell(c).equals(k.bodypart()) && co.cell(c).equals("x") && co.cell(c + 2).equals("likelihood")
          && (ind == null || ind.cell(c).equals(k.individual()));
      if (!ok) {
        throw new InputFormatException(file, "column " + (c + 1), "expected " + k + " x, y, likelihood as in the project's config");
      }
    }
    for (CsvTable.Row r : t.rows().subList(head, t.rows().size())) {
      double[] v = new double[3 * layout.size()];
      for (int i = 0; i < v.length; i++) {
        String s = r.cell(3 + i);
        try {
          v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new InputFormatException(file, "line " + r.line(), "'" + s + "' is not a number");
        }
      }
      out.put(r.cell(0) + "/" + r.cell(1) + "/" + r.cell(2), v);
    }
    return out;
  }
}

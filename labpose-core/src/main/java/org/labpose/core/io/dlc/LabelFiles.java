package org.labpose.core.io.dlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.LabelSet;

/**
 * Finds and reads the label file of a labeled-data folder, whatever its format: {@code
 * CollectedData_<scorer>.csv} or {@code .h5}. When both exist the newer one is read (a labeler that
 * saved the CSV after DeepLabCut wrote the H5 must not lose its work); on equal times the H5, which
 * DeepLabCut treats as the source of truth.
 */
public final class LabelFiles {
  private LabelFiles() {}

  /**
   * The label file of a folder: {@code CollectedData_<scorer>.csv|.h5}; when the scorer's file is
   * absent, the only {@code CollectedData_*} file of the folder. Null when there is none.
   */
  public static Path find(Path folder, String scorer) throws IOException {
    Path csv = folder.resolve("CollectedData_" + scorer + ".csv");
    Path h5 = folder.resolve("CollectedData_" + scorer + ".h5");
    if (!Files.exists(csv) && !Files.exists(h5)) {
      List<Path> any;
      try (Stream<Path> s = Files.list(folder)) {
        any = s.filter(p -> p.getFileName().toString().startsWith("CollectedData_"))
            .filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".h5"))
            .sorted()
            .toList();
      }
      if (any.isEmpty()) {
        return null;
      }
      String stem = stem(any.get(0));
      if (any.stream().anyMatch(p -> !stem(p).equals(stem))) {
        throw new InputFormatException(folder, null, "several label files and none for scorer '" + scorer + "': " + any.stream().map(p -> p.getFileName().toString()).toList());
      }
      csv = folder.resolve(stem + ".csv");
      h5 = folder.resolve(stem + ".h5");
    }
    if (Files.exists(csv) && Files.exists(h5)) {
      FileTime tc = Files.getLastModifiedTime(csv);
      FileTime th = Files.getLastModifiedTime(h5);
      return tc.compareTo(th) > 0 ? csv : h5;
    }
    return Files.exists(csv) ? csv : h5;
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  /**
   * Writes labels as DeepLabCut keeps them: {@code CollectedData_<scorer>.csv}, then the {@code .h5}
   * beside it, each atomically (DeepLabCut trains from the {@code .h5}; the CSV is written first,
   * so that after a crash between the two the newer file, which {@link #find} reads, is the CSV).
   */
  public static void write(LabelSet labels, Path csv, DlcLabelCsv.IndexStyle style) throws IOException {
    DlcLabelCsv.write(labels, csv, style);
    DlcH5.writeLabels(labels, DlcH5.besideCsv(csv), style);
  }

  /** Reads a label file by its extension ({@code .csv} or {@code .h5}). */
  public static LabelSet read(Path file) throws IOException {
    String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".csv")) {
      return DlcLabelCsv.read(file);
    }
    if (n.endsWith(".h5") || n.endsWith(".hdf5")) {
      return DlcLabelH5.read(file);
    }
    throw new InputFormatException(file, null, "expected a DeepLabCut label file (.csv or .h5)");
  }
}

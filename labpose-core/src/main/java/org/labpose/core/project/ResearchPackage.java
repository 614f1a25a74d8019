package org.labpose.core.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.Checksums;
import org.labpose.core.io.InputFormatException;

/**
 * A research package: one zip that others can check and re-run, as FAIR sharing asks. It holds the
 * project's config, labels and images, training splits, evaluation results, analysis reports,
 * predictions (beside the videos), the provenance log ({@link History}), optionally the videos and
 * the trained models (each model folder's {@code pose_cfg.json}, training log and newest
 * snapshot), an {@code environment.json} (versions, machine), a {@code README.md} listing the
 * command lines that made the results, and {@code MANIFEST.sha256} with the SHA-256 of every other
 * file ({@code sha256sum -c} reads it). Entries lie under {@code <task>-package/}.
 */
public final class ResearchPackage {
  /** The checksum list's name. */
  public static final String MANIFEST = "MANIFEST.sha256";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final long MAX_ENTRY = 8L << 30;

  private ResearchPackage() {}

  /**
   * @param videos include the videos themselves (large)
   * @param models include trained models (needed to re-run the evaluation)
   * @param environment what the caller knows of the software and machine (written as JSON)
   */
  public record Options(boolean videos, boolean models, Map<String, Object> environment) {}

  /** What was written. */
  public record Written(Path zip, int files, long bytes) {}

  /** Writes the package atomically. */
  public static Written write(Project p, Options o, Path zip) throws IOException {
    Path root = p.root().toAbsolutePath().normalize();
    TreeMap<String, Path> files = new TreeMap<>();
    add(files, root, root.resolve("config.yaml"));
    add(files, root, root.resolve(History.FILE));
    for (String dir : List.of(ProjectLayout.LABELED_DATA, ProjectLayout.TRAINING_DATASETS, ProjectLayout.EVALUATION_RESULTS, "assay", "gait", "motifs")) {
      walk(files, root, root.resolve(dir), n -> !n.contains(ProjectLayout.LABELED_SUFFIX + "/") && !n.endsWith(".before-labpose")
          && !n.endsWith(".partial") && !n.endsWith(".tmp"));
    }
    walk(files, root, root.resolve(ProjectLayout.VIDEOS), n -> o.videos() || n.endsWith(".csv") || n.endsWith(".h5") || n.endsWith(".json")
        || n.endsWith(".jsonl") || n.endsWith(".nwb"));
    if (o.models()) {
      Path models = root.resolve(ProjectLayout.MODELS);
      if (Files.isDirectory(models)) {
        try (Stream<Path> s = Files.walk(models)) {
          for (Path train : s.filter(d -> d.getFileName().toString().equals("train") && Files.isDirectory(d)).sorted().toList()) {
            Path modelDir = train.getParent();
            try (Stream<Path> m = Files.list(modelDir)) {
              for (Path f : m.filter(Files::isRegularFile).sorted().toList()) {
                add(files, root, f);
              }
            }
            Path newest = null;
            int best = -1;
            try (Stream<Path> t = Files.list(train)) {
              for (Path f : t.filter(Files::isRegularFile).sorted().toList()) {
                String n = f.getFileName().toString();
                java.util.regex.Matcher mt = java.util.regex.Pattern.compile("snapshot-(\\d+)\\.params").matcher(n);
                if (mt.matches()) {
                  int it = Integer.parseInt(mt.group(1));
                  if (it > best) {
                    best = it;
                    newest = f;
                  }
                } else {
                  add(files, root, f);
                }
              }
            }
            add(files, root, newest);
          }
        }
      }
    }
    String top = p.config().task().replaceAll("[^A-Za-z0-9_.-]", "_") + "-package/";
    byte[] env = JSON.writeValueAsBytes(o.environment());
    byte[] readme = readme(p, History.read(root), o).getBytes(StandardCharsets.UTF_8);
    int[] count = {0};
    long[] bytes = {0};
    AtomicFiles.write(zip, out -> {
      ZipOutputStream z = new ZipOutputStream(out);
      StringBuilder manifest = new StringBuilder();
      for (Map.Entry<String, Path> e : files.entrySet()) {
        manifest.append(Checksums.sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
        z.putNextEntry(new ZipEntry(top + e.getKey()));
        Files.copy(e.getValue(), z);
        z.closeEntry();
        count[0]++;
        bytes[0] += Files.size(e.getValue());
      }
      for (Map.Entry<String, byte[]> e : Map.of("environment.json", env, "README.md", readme).entrySet().stream()
          .sorted(Map.Entry.comparingByKey()).toList()) {
        manifest.append(sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
        z.putNextEntry(new ZipEntry(top + e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
        count[0]++;
      }
      z.putNextEntry(new ZipEntry(top + MANIFEST));
      z.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.finish();
    });
    return new Written(zip, count[0], bytes[0]);
  }

  private interface NameFilter {
    boolean keep(String relative);
  }

  private static void walk(Map<String, Path> files, Path root, Path dir, NameFilter keep) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/');
        if (keep.keep(rel)) {
          add(files, root, f);
        }
      }
    }
  }

  private static void add(Map<String, Path> files, Path root, Path f) {
    if (f != null && Files.isRegularFile(f)) {
      files.put(root.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'), f);
    }
  }

  private static String readme(Project p, List<History.Entry> history, Options o) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(p.config().task()).append(": research package\n\n");
    sb.append("Made by LabPose from the project ").append(p.config().task()).append(" (scorer ").append(p.config().scorer()).append(").\n\n");
    sb.append("## Check it\n\n```bash\nlabpose verify-package THIS.zip    # checksums, then the evaluation of each packaged model re-run\n")
        .append("sha256sum -c MANIFEST.sha256        # the checksums alone, in the unzipped folder\n```\n\n");
    sb.append("## What is inside\n\n- `config.yaml`: the project (DeepLabCut's layout; LabPose and DeepLabCut open it)\n")
        .append("- `labeled-data/`: labelled frames and their labels (`CollectedData_*.csv` and `.h5`)\n")
        .append("- `training-datasets/`: the training sets and their train/test splits\n")
        .append("- `evaluation-results/`: train and test errors of each evaluated model\n")
        .append(o.models() ? "- `labpose-models/`: trained models (configuration, training log, newest snapshot)\n" : "")
        .append("- `videos/`: predictions beside each video (CSV, `.h5`, `_meta.json`)").append(o.videos() ? " and the videos\n" : "; the videos are not included\n")
        .append("- `labpose-history.jsonl`: every command that wrote results, with its inputs' and outputs' SHA-256\n")
        .append("- `environment.json`: LabPose's version and commit, Java, PyTorch, FFmpeg, operating system and machine\n\n");
    sb.append("## How each result was made\n\nRun in the project folder, in this order (from `labpose-history.jsonl`):\n\n");
    if (history.isEmpty()) {
      sb.append("(no commands were recorded: the project predates LabPose's provenance log)\n");
    } else {
      sb.append("```bash\n");
      for (History.Entry e : history) {
        sb.append("# ").append(e.time()).append(", LabPose ").append(e.version()).append(", ").append(e.outputs().size()).append(" files written\n");
        List<String> quoted = new ArrayList<>();
        for (String a : e.command()) {
          quoted.add(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        sb.append(String.join(" ", quoted)).append('\n');
      }
      sb.append("```\n");
    }
    return sb.toString();
  }

  /**
   * The package's checksums checked: every file listed is present with its SHA-256, no file is
   * unlisted, no entry escapes the package's folder.
   *
   * @param problems one line per file that fails
   */
  public record Check(String top, int files, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks a package and extracts it into {@code into} (an empty folder), where its project can be
   * opened (at {@code into/<top>}).
   *
   * @throws InputFormatException when the file is not a zip or has no manifest
   */
  public static Check verify(Path zip, Path into) throws IOException {
    Map<String, String> listed = new LinkedHashMap<>();
    Map<String, String> found = new TreeMap<>();
    String top = null;
    List<String> problems = new ArrayList<>();
    Path base = into.toAbsolutePath().normalize();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        String name = e.getName();
        if (name.endsWith("/")) {
          continue;
        }
        int slash = name.indexOf('/');
        String t = slash < 0 ? "" : name.substring(0, slash + 1);
        if (top == null) {
          top = t;
        }
        Path target = base.resolve(name).normalize();
        if (!t.equals(top) || t.isEmpty() || !target.startsWith(base.resolve(t).normalize())) {
          problems.add(name + ": outside the package's folder");
          continue;
        }
        Files.createDirectories(target.getParent());
        MessageDigest md = sha256();
        try (InputStream in = z.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
          byte[] buf = new byte[1 << 16];
          long total = 0;
          for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_ENTRY) {
              throw new InputFormatException(zip, name, "larger than " + MAX_ENTRY + " bytes");
            }
            md.update(buf, 0, n);
            out.write(buf, 0, n);
          }
        }
        String rel = name.substring(t.length());
        if (rel.equals(MANIFEST)) {
          for (String line : Files.readAllLines(target, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
              continue;
            }
            if (line.length() < 67 || line.charAt(64) != ' ' || line.charAt(65) != ' ') {
              throw new InputFormatException(zip, MANIFEST, "expected lines of '<sha256>  <path>', found '" + line + "'");
            }
            listed.put(line.substring(66), line.substring(0, 64));
          }
        } else {
          found.put(rel, HexFormat.of().formatHex(md.digest()));
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new InputFormatException(zip, null, "not a zip file (" + e.getMessage() + ")");
    }
    if (listed.isEmpty()) {
      throw new InputFormatException(zip, MANIFEST, "no checksum list: not a LabPose research package");
    }
    for (Map.Entry<String, String> e : listed.entrySet()) {
      String got = found.get(e.getKey());
      if (got == null) {
        problems.add(e.getKey() + ": listed but missing");
      } else if (!got.equals(e.getValue())) {
        problems.add(e.getKey() + ": SHA-256 differs from the list (changed after packaging)");
      }
    }
    for (String f : found.keySet()) {
      if (!listed.containsKey(f)) {
        problems.add(f + ": not in the checksum list");
      }
    }
    return new Check(top, found.size(), problems);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] b) {
    return HexFormat.of().formatHex(sha256().digest(b));
  }
}

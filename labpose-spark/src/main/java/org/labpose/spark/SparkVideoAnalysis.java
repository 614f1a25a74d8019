package org.labpose.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.Checksums;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.ProjectLayout;
import org.labpose.net.model.ModelExport;
import org.labpose.net.model.ModelInfo;
import org.labpose.net.train.PoseTrainer;

/**
 * Analyses many videos on Apache Spark: one task per video, each writing its CSV (and {@code .h5},
 * {@code _meta.json}) into the output folder exactly as {@code labpose analyze --model} does (the
 * same library call, {@link org.labpose.net.infer.ExportedModelAnalysis}; the CSV appears under its
 * name only when the video is complete). Videos are passed as paths on a file system every executor
 * sees, never as bytes. Before any task runs, the driver checks the model folder's checksums, that
 * every video exists and that the output folder can be written, and refuses with a message naming
 * what is wrong; it skips videos already done (CSV and {@code _meta.json} present, the meta's model
 * checksum that of this model), so a re-run after failures redoes only what is missing. A video
 * that cannot be decoded fails alone; other errors are retried by Spark's task retries and, on the
 * last attempt, recorded. Every video's outcome goes to {@code labpose-spark-summary.json} in the
 * output folder. Speculative execution is off (two attempts must never write the same file).
 */
public final class SparkVideoAnalysis {
  /** The summary file written in the output folder. */
  public static final String SUMMARY = "labpose-spark-summary.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to analyse.
   *
   * @param model an exported model folder ({@code labpose export-model})
   * @param videos the videos (absolute paths seen by every executor)
   * @param out the output folder
   * @param batchSize frames per inference batch
   * @param threads network threads per task
   */
  public record Request(Path model, List<Path> videos, Path out, int batchSize, int threads) implements Serializable {}

  /** One video's outcome: {@code done}, {@code skipped} (done before) or {@code failed}, with its frames, seconds and error. */
  public record Outcome(String video, String status, String csv, int frames, double seconds, String error) implements Serializable {}

  /** The job's outcome, video by video, and its wall time in seconds. */
  public record Summary(List<Outcome> videos, double seconds) {
    /** Videos that failed. */
    public List<Outcome> failed() {
      return videos.stream().filter(o -> o.status().equals("failed")).toList();
    }

    /** Frames analysed by this run. */
    public long frames() {
      return videos.stream().filter(o -> o.status().equals("done")).mapToLong(Outcome::frames).sum();
    }
  }

  private SparkVideoAnalysis() {}

  /**
   * The videos a list names: a text file with one path per line ({@code .txt}, {@code #} comments),
   * a folder (its video files), a glob ({@code /data/*.mp4}) or a video file; sorted, absolute.
   *
   * @throws JobRefusedException naming the list and the entries that are missing
   */
  public static List<Path> videos(List<String> specs) throws IOException {
    return files(specs, org.labpose.video.io.VideoProbe::isVideoName);
  }

  /**
   * The files a list names, as {@link #videos} reads it; in a folder, the files {@code kind} accepts.
   *
   * @throws JobRefusedException naming the entries that are missing
   */
  public static List<Path> files(List<String> specs, java.util.function.Predicate<Path> kind) throws IOException {
    List<Path> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String spec : specs) {
      if (spec.contains("*") || spec.contains("?") || spec.contains("[")) {
        Path p = Path.of(spec).toAbsolutePath();
        Path dir = p.getParent();
        while (dir != null && (dir.toString().contains("*") || dir.toString().contains("?") || dir.toString().contains("["))) {
          dir = dir.getParent();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
        List<Path> found = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(m::matches).forEach(found::add);
          }
        }
        if (found.isEmpty()) {
          missing.add(spec + " (no file matches)");
        }
        out.addAll(found);
      } else {
        Path p = Path.of(spec).toAbsolutePath();
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.list(p)) {
            s.filter(Files::isRegularFile).filter(kind).forEach(out::add);
          }
        } else if (spec.endsWith(".txt") && Files.isRegularFile(p)) {
          List<String> lines = Files.readAllLines(p);
          for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) {
              continue;
            }
            Path v = p.getParent().resolve(l).toAbsolutePath().normalize();
            if (!Files.isRegularFile(v)) {
              missing.add(p + ": line " + (i + 1) + ": " + l);
            }
            out.add(v);
          }
        } else {
          if (!Files.isRegularFile(p)) {
            missing.add(spec);
          }
          out.add(p);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new JobRefusedException(missing.size() + " video(s) not found: " + String.join("; ", missing));
    }
    List<Path> sorted = out.stream().map(Path::normalize).distinct().sorted().toList();
    if (sorted.isEmpty()) {
      throw new JobRefusedException("no files given (" + String.join(", ", specs) + ")");
    }
    return sorted;
  }

  /**
   * What the driver learns from the checks: the model's snapshot checksum (SHA-256, as each
   * {@code _meta.json} records it) and the scorer name of its CSVs.
   */
  public record Checked(String modelSha256, String scorer) {}

  /**
   * Checks what can be checked before any task runs (the model folder's checksums are verified once, here).
   *
   * @throws JobRefusedException naming the missing videos or the output folder
   * @throws InputFormatException naming the model folder's file that is missing or fails its checksum
   */
  public static Checked check(Request r) throws IOException {
    Path snapshot = ModelExport.verify(r.model());
    List<String> missing = new ArrayList<>();
    for (Path v : r.videos()) {
      if (!Files.isRegularFile(v)) {
        missing.add(v.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new JobRefusedException(missing.size() + " video(s) not found: " + String.join(", ", missing));
    }
    if (r.batchSize() < 1 || r.threads() < 1) {
      throw new JobRefusedException("batch size and threads must be at least 1, got " + r.batchSize() + " and " + r.threads());
    }
    try {
      Files.createDirectories(r.out());
      Path probe = Files.createTempFile(r.out(), ".labpose-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new JobRefusedException(r.out() + ": the output folder cannot be written (" + e.getMessage() + ")");
    }
    String scorer = ModelInfo.read(r.model()).scorer(PoseTrainer.snapshotIteration(snapshot));
    return new Checked(Checksums.sha256(snapshot), scorer);
  }

  /** True when the video's CSV and meta are in {@code out} and were made with the model whose snapshot has checksum {@code sha}. */
  static boolean done(Path out, Path video, String scorer, String sha) {
    Path csv = out.resolve(ProjectLayout.predictions(video, scorer).getFileName());
    Path meta = ProjectLayout.meta(csv);
    if (!Files.isRegularFile(csv) || !Files.isRegularFile(meta)) {
      return false;
    }
    try {
      JsonNode m = JSON.readTree(meta.toFile());
      return sha.equals(m.path("model_sha256").asText(null));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs the job on a Spark context: checks, skips what is done, one task per remaining video,
   * writes the summary.
   *
   * @param commandLine recorded in each {@code _meta.json}
   */
  public static Summary run(JavaSparkContext sc, Request r, String commandLine) throws IOException {
    return run(sc, r, commandLine, check(r));
  }

  /** {@link #run(JavaSparkContext, Request, String)} after {@link #check} (done before starting Spark, so bad input is refused at once). */
  public static Summary run(JavaSparkContext sc, Request r, String commandLine, Checked checked) throws IOException {
    long t0 = System.nanoTime();
    String sha = checked.modelSha256();
    String scorer = checked.scorer();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> todo = new ArrayList<>();
    for (Path v : r.videos()) {
      if (done(r.out(), v, scorer, sha)) {
        outcomes.add(new Outcome(v.toString(), "skipped", r.out().resolve(ProjectLayout.predictions(v, scorer).getFileName()).toString(), 0, 0, null));
      } else {
        todo.add(v.toString());
      }
    }
    if (!todo.isEmpty()) {
      int maxFailures = sc.getConf().getInt("spark.task.maxFailures", 4);
      String master = sc.master();
      if (master.matches("local\\[[^,\\]]+,\\s*\\d+\\]")) {
        maxFailures = Integer.parseInt(master.replaceAll(".*,\\s*(\\d+)\\]", "$1"));
      }
      int attempts = maxFailures;
      String model = r.model().toString();
      String out = r.out().toString();
      int batch = r.batchSize();
      int threads = r.threads();
      List<Outcome> done = sc.parallelize(todo, todo.size())
          .map(v -> analyseOne(model, v, out, batch, threads, commandLine, attempts))
          .collect();
      outcomes.addAll(done);
    }
    outcomes.sort((a, b) -> a.video().compareTo(b.video()));
    Summary s = new Summary(outcomes, (System.nanoTime() - t0) / 1e9);
    writeSummary(r, s);
    return s;
  }

  /** One task: analyses one video in this executor, with the model loaded once per executor thread. */
  static Outcome analyseOne(String model, String video, String out, int batch, int threads, String commandLine, int maxFailures) throws Exception {
    TaskContext tc = TaskContext.get();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    Path v = Path.of(video);
    try {
      var m = ExecutorModels.get(Path.of(model), threads, batch, commandLine);
      Path csv = m.csvFor(v, Path.of(out));
      FaultInjection.Listener fault = FaultInjection.forTask(v, attempt);
      var res = m.analyzer().analyze(v, csv, false, (doneFrames, total, fps) -> fault.frame(doneFrames));
      return new Outcome(video, "done", csv.toString(), res.frames(), res.seconds(), null);
    } catch (InputFormatException e) {
      return new Outcome(video, "failed", null, 0, 0, e.getMessage());
    } catch (Exception | LinkageError e) {
      if (attempt + 1 < maxFailures) {
        throw e; // Spark runs the task again
      }
      return new Outcome(video, "failed", null, 0, 0, "after " + (attempt + 1) + " attempts: " + e);
    }
  }

  private static void writeSummary(Request r, Summary s) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.model().toAbsolutePath().toString());
    m.put("seconds", s.seconds());
    m.put("analysed", s.videos().stream().filter(o -> o.status().equals("done")).count());
    m.put("skipped", s.videos().stream().filter(o -> o.status().equals("skipped")).count());
    m.put("failed", s.failed().size());
    m.put("videos", s.videos());
    AtomicFiles.writeString(r.out().resolve(SUMMARY), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
  }
}

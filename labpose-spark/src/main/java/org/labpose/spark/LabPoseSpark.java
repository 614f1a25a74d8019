package org.labpose.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.labpose.core.io.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job's entry point for {@code spark-submit} (and for {@code labpose analyze --spark
 * local[N]}, which runs it on this machine): parses, calls {@link SparkVideoAnalysis}, prints.
 */
@Command(name = "labpose-spark", mixinStandardHelpOptions = true, subcommands = {LabPoseSpark.Analyze.class, LabPoseSpark.Assay.class},
    description = "LabPose batch jobs on Apache Spark.")
public final class LabPoseSpark implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** {@code analyze}. */
  @Command(name = "analyze", mixinStandardHelpOptions = true,
      description = {"Analyse videos with an exported model, one Spark task per video: the same CSVs as 'labpose analyze --model'.",
          "Videos already done with this model are skipped; failures are listed in labpose-spark-summary.json in --out."})
  static final class Analyze implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "An exported model folder (labpose export-model), on a file system every executor sees.")
    Path model;
    @Option(names = "--videos", required = true, arity = "1..*",
        description = "Videos: files, folders, globs (quote them: '/data/*.mp4') or a .txt list with one path per line.")
    List<String> videos;
    @Option(names = "--out", required = true, description = "Output folder for the CSVs, on a shared file system.") Path out;
    @Option(names = "--batch-size", description = "Frames per inference batch (default: ${DEFAULT-VALUE}).") int batchSize = 8;
    @Option(names = "--threads", description = "Network threads per task (default: ${DEFAULT-VALUE}).") int threads = 1;
    @CommandLine.Mixin SparkMaster spark;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SparkVideoAnalysis.Request r;
      SparkVideoAnalysis.Checked checked;
      try {
        r = new SparkVideoAnalysis.Request(model.toAbsolutePath(), SparkVideoAnalysis.videos(videos), out.toAbsolutePath(), batchSize, threads);
        checked = SparkVideoAnalysis.check(r);
      } catch (JobRefusedException | InputFormatException e) {
        err.println("labpose-spark: error: " + e.getMessage());
        return 2;
      }
      SparkConf conf = conf("labpose analyze (" + r.videos().size() + " videos)", spark.master);
      String cmd = "labpose-spark analyze --model " + r.model() + " --out " + r.out() + " --batch-size " + batchSize + " --threads " + threads;
      SparkVideoAnalysis.Summary s;
      try (JavaSparkContext sc = new JavaSparkContext(conf)) {
        sc.setLogLevel("WARN");
        s = SparkVideoAnalysis.run(sc, r, cmd, checked);
      }
      for (SparkVideoAnalysis.Outcome v : s.videos()) {
        o.printf(Locale.ROOT, "%s: %s%s%n", v.video(), v.status(), v.status().equals("done")
            ? String.format(Locale.ROOT, ", %d frames in %.1f s -> %s", v.frames(), v.seconds(), v.csv()) : v.error() == null ? "" : ": " + v.error());
      }
      o.printf(Locale.ROOT, "%d analysed, %d skipped (done before), %d failed; %d frames in %.1f s (%.1f frames/s); summary %s%n",
          s.videos().stream().filter(v -> v.status().equals("done")).count(), s.videos().stream().filter(v -> v.status().equals("skipped")).count(),
          s.failed().size(), s.frames(), s.seconds(), s.frames() / Math.max(1e-9, s.seconds()), r.out().resolve(SparkVideoAnalysis.SUMMARY));
      return s.failed().isEmpty() ? 0 : 2;
    }
  }

  /** The Spark master option both commands take. */
  static final class SparkMaster {
    @Option(names = "--master", description = "Spark master when not given by spark-submit, e.g. local[2] (default: spark-submit's, else local[*]).")
    String master;
  }

  /** {@code assay}. */
  @Command(name = "assay", mixinStandardHelpOptions = true,
      description = {"Behaviour measures of many videos, one Spark task per prediction CSV, then the group statistics and the report: "
          + "<video>_features.csv, assay_summary.csv, assay_groups.csv (with --groups) and assay_report.html in --out, as 'labpose assay' writes them."})
  static final class Assay implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--zones", required = true, description = "Zones file (YAML), on a file system every executor sees.") Path zones;
    @Option(names = "--csv", required = true, arity = "1..*", description = "Prediction CSVs: files, folders, globs (quoted) or a .txt list.")
    List<String> csv;
    @Option(names = "--groups", description = "CSV with columns video,group (first group = reference).") Path groups;
    @Option(names = "--out", required = true, description = "Output folder.") Path out;
    @Option(names = "--fps", description = "Frames per second (default: each video's, from its _meta.json).") Double fps;
    @Option(names = "--pcutoff", description = "Likelihood under which a point is missing (default: ${DEFAULT-VALUE}).") double pcutoff = 0.6;
    @CommandLine.Mixin SparkMaster spark;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SparkConf conf = conf("labpose assay", spark.master);
      try {
        List<Path> csvs = SparkVideoAnalysis.files(csv, p -> p.getFileName().toString().endsWith(".csv"));
        SparkAssay.Request r = new SparkAssay.Request(zones.toAbsolutePath(), csvs, groups == null ? null : groups.toAbsolutePath(), out.toAbsolutePath(),
            fps == null ? Double.NaN : fps, pcutoff);
        org.labpose.analysis.report.AssayStudy.Written w;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
          sc.setLogLevel("WARN");
          w = SparkAssay.run(sc, r, "LabPose assay");
        }
        o.println("wrote " + w.summary() + (w.groups() == null ? "" : ", " + w.groups()) + ", " + w.report() + " and " + csvs.size() + " *_features.csv");
        return 0;
      } catch (JobRefusedException | InputFormatException e) {
        err.println("labpose-spark: error: " + e.getMessage());
        return 2;
      }
    }
  }

  /** The job's configuration: speculation off (two attempts must never write one file); the master given, else spark-submit's, else local[*]. */
  static SparkConf conf(String app, String master) {
    SparkConf conf = new SparkConf().setAppName(app).set("spark.speculation", "false");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    return conf;
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new LabPoseSpark());
    // a failure the job did not foresee (a file system error, Spark itself) is one line, not a stack trace
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("labpose-spark: error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    });
    System.exit(cl.execute(args));
  }
}

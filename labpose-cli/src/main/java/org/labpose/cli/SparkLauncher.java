package org.labpose.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code labpose analyze --spark MASTER}: hands the job to the labpose-spark module's jar in a child
 * JVM (with Spark's jars and the {@code --add-opens} Spark needs on Java 17), so that the
 * command-line jar itself stays free of Spark. The jar is found beside this build
 * ({@code labpose-spark/target/labpose-spark.jar}) or at {@code $LABPOSE_SPARK_JAR}.
 */
final class SparkLauncher {
  /** What Spark needs opened on Java 17 (as the labpose-spark module's tests run it). */
  static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
      "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

  private SparkLauncher() {}

  /** The Spark job's jar, or null when this build has none. */
  static Path sparkJar() {
    String env = System.getenv("LABPOSE_SPARK_JAR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    try {
      Path here = Path.of(LabPose.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // labpose-cli/target/labpose.jar or labpose-cli/target/classes
      Path module = here.getParent().getParent();
      Path jar = module.resolveSibling("labpose-spark").resolve("target").resolve("labpose-spark.jar");
      return Files.isRegularFile(jar) ? jar : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  static int analyze(CommandLine.Model.CommandSpec spec, String master, Path model, List<Path> videos, Path destfolder, int batchSize, int threads,
      boolean resume) throws Exception {
    if (model == null) {
      throw new UserError("--spark runs an exported model: give --model DIR (labpose export-model)");
    }
    if (resume) {
      throw new UserError("--spark skips videos already done and analyses the others whole; --resume is not needed");
    }
    Path jar = sparkJar();
    if (jar == null) {
      throw new UserError("--spark needs the labpose-spark module's jar (build it with 'mvn -DskipTests package', or set LABPOSE_SPARK_JAR)");
    }
    Path out = destfolder;
    if (out == null) {
      List<Path> vs = VideoArgs.expand(videos);
      out = vs.get(0).toAbsolutePath().getParent();
      for (Path v : vs) {
        if (!v.toAbsolutePath().getParent().equals(out)) {
          throw new UserError("--spark writes every CSV into one folder and these videos are in several: give --destfolder");
        }
      }
    }
    List<String> cmd = command(jar, master, model, videos, out, batchSize, threads);
    Out.out(spec).flush();
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread err = copy(p.getErrorStream(), Out.err(spec));
    Thread o = copy(p.getInputStream(), Out.out(spec));
    int rc = p.waitFor();
    o.join();
    err.join();
    return rc;
  }

  /** The child JVM's command line that runs the Spark job. */
  static List<String> command(Path jar, String master, Path model, List<Path> videos, Path out, int batchSize, int threads) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String p : OPENS) {
      cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    cmd.add("-Dlog4j2.configurationFile=classpath:org/labpose/spark/log4j2-local.properties");
    Path sparkLib = jar.resolveSibling("spark-lib");
    cmd.addAll(List.of("-cp", jar + java.io.File.pathSeparator + sparkLib.resolve("*"), "org.labpose.spark.LabPoseSpark", "analyze",
        "--master", master, "--model", model.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString(),
        "--batch-size", Integer.toString(batchSize), "--threads", Integer.toString(threads), "--videos"));
    for (Path v : videos) {
      cmd.add(v.toAbsolutePath().toString());
    }
    return cmd;
  }

  private static Thread copy(java.io.InputStream in, java.io.PrintWriter to) {
    Thread t = new Thread(() -> {
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          to.println(line);
          to.flush();
        }
      } catch (java.io.IOException e) {
        // the child ended
      }
    }, "labpose-spark-output");
    t.start();
    return t;
  }
}

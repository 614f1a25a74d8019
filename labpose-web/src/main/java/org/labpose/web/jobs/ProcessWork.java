package org.labpose.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A job's work that runs a {@code labpose} command line in a child process: the same command a
 * person would type, so the studio's jobs and the terminal agree by construction; a crash in
 * native code (video decoding, the network engine) ends the job, never the server; the server's
 * memory stays flat however long the job streams. Standard output and error go to the job's log,
 * except the machine-readable progress lines the command prints when {@link #PROGRESS_ENV} is set:
 * {@code @labpose-progress {"label":…,"done":N,"total":N,"unit":…,"rate":R,"eta_s":S[,"loss":L]}},
 * which become the job's progress, its detail (rate, ETA) and, with a loss, points of its {@code
 * loss} series (x = step). Cancelling stops the process (SIGTERM, then SIGKILL after 10 s); the process also ends
 * by itself when this server dies, even by SIGKILL, since it watches its input pipe ({@link #PARENT_WATCH_ENV}).
 */
public final class ProcessWork implements JobQueue.Work {
  /** The environment variable that makes {@code labpose} print machine-readable progress lines. */
  public static final String PROGRESS_ENV = "LABPOSE_PROGRESS";
  /** The environment variable that makes {@code labpose} end when its input closes (the studio's pipe to it). */
  public static final String PARENT_WATCH_ENV = "LABPOSE_PARENT_WATCH";
  /** The prefix of a progress line. */
  public static final String PROGRESS_PREFIX = "@labpose-progress ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> launcher;
  private final List<String> args;
  private final Path workingDir;

  /**
   * @param launcher how to start {@code labpose} (e.g. {@code java -cp … org.labpose.cli.LabPose})
   * @param args its arguments, as shown to the user after {@code labpose}
   * @param workingDir the folder it runs in
   */
  public ProcessWork(List<String> launcher, List<String> args, Path workingDir) {
    this.launcher = List.copyOf(launcher);
    this.args = List.copyOf(args);
    this.workingDir = workingDir;
  }

  @Override
  public void run(JobQueue.Context ctx) throws Exception {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(args);
    ctx.log("$ labpose " + String.join(" ", args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile()).redirectErrorStream(true);
    pb.environment().put(PROGRESS_ENV, "1");
    // the child ends when its input closes, which the operating system does if this server dies, even by SIGKILL
    pb.environment().put(PARENT_WATCH_ENV, "1");
    Process p = pb.start();
    String[] lastError = {null};
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith(PROGRESS_PREFIX)) {
            progress(ctx, line.substring(PROGRESS_PREFIX.length()));
          } else {
            ctx.log(line);
            if (line.startsWith("labpose: ") && !line.startsWith("labpose: note") && !line.startsWith("labpose: warning")) {
              lastError[0] = line;
            }
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "labpose-job-output");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (ctx.cancelled()) {
          stop(p);
          break;
        }
      }
    } catch (InterruptedException e) {
      stop(p);
      reader.join(2000);
      throw e;
    }
    reader.join(5000);
    if (ctx.cancelled()) {
      return;
    }
    int rc = p.exitValue();
    if (rc != 0) {
      throw new IllegalStateException(lastError[0] != null ? lastError[0].replaceFirst("^labpose: (error: )?", "") : "labpose exited with status " + rc);
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static void progress(JobQueue.Context ctx, String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      ctx.log(PROGRESS_PREFIX + json);
      return;
    }
    double done = n.path("done").asDouble();
    double total = n.path("total").asDouble();
    if (total > 0) {
      ctx.progress(done / total);
    }
    String unit = n.path("unit").asText("");
    double rate = n.path("rate").asDouble(Double.NaN);
    double eta = n.path("eta_s").asDouble(Double.NaN);
    StringBuilder d = new StringBuilder(n.path("label").asText("").trim());
    d.append(String.format(Locale.ROOT, " %d/%d %s", (long) done, (long) total, unit));
    if (rate > 0) {
      d.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
    }
    if (eta >= 0) {
      long t = Math.round(eta);
      d.append(String.format(Locale.ROOT, ", ETA %d:%02d", t / 60, t % 60));
    }
    if (n.has("loss") && n.get("loss").isNumber()) {
      double loss = n.get("loss").asDouble();
      d.append(String.format(Locale.ROOT, ", loss %.4g", loss));
      ctx.point("loss", done, loss);
    }
    ctx.detail(d.toString().trim());
  }
}

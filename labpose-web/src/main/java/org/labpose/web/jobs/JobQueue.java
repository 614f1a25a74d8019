package org.labpose.web.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.labpose.core.io.AtomicFiles;

/**
 * The studio's server-side jobs: long work (training, analysis, extraction) runs here, not in the
 * page, so it survives a closed tab. Heavy jobs run one at a time in submission order (a small
 * machine trains or analyses one thing at once); light jobs run beside them. Each job has the
 * {@code labpose …} command line that does the same from a terminal, a log file, a progress
 * fraction and a state; the list is kept in {@code jobs.json} under the queue's folder, written
 * atomically at every change, so that after a server restart the jobs that were queued or running
 * are shown as interrupted (and can be started again where the command resumes).
 */
public final class JobQueue implements AutoCloseable {
  /** A job's state. */
  public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED, INTERRUPTED }

  /** What a job's work can do while it runs. */
  public interface Context {
    /** Appends a line to the job's log. */
    void log(String line);

    /** Reports progress, a fraction from 0 to 1. */
    void progress(double fraction);

    /** True once the job was cancelled: the work should stop soon (it is also interrupted). */
    boolean cancelled();

    /** Says where the work is in words (e.g. "120/300 frames, 45.2 frames/s, ETA 0:03"). */
    void detail(String text);

    /** Adds a point (x, y) to a named series of the job (e.g. the training loss per step), kept in {@code <id>.points.csv}. */
    void point(String series, double x, double y);
  }

  /** A job's work: a library call, the same as the command line's. */
  @FunctionalInterface
  public interface Work {
    void run(Context context) throws Exception;
  }

  /**
   * A job as the page shows it.
   *
   * @param commandLine the equivalent {@code labpose …} arguments
   * @param heavy whether it waits for other heavy jobs
   * @param resumable whether starting it again continues where it stopped
   * @param created, started, finished ISO-8601 instants (null until they happen)
   * @param error the failure's message, or null
   * @param detail where the work is, in words (rate and ETA), or null
   */
  public record Job(String id, String name, List<String> commandLine, boolean heavy, boolean resumable, State state, double progress,
      String created, String started, String finished, String error, String detail) {
    Job with(State s, double p, String st, String fin, String err) {
      return new Job(id, name, commandLine, heavy, resumable, s, p, created, st, fin, err == null ? error : err, detail);
    }

    Job withDetail(String d) {
      return new Job(id, name, commandLine, heavy, resumable, state, progress, created, started, finished, error, d);
    }

    /** True while it waits or runs. */
    public boolean active() {
      return state == State.QUEUED || state == State.RUNNING;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Future<?>> running = new LinkedHashMap<>();
  private final Map<String, Boolean> cancelled = new LinkedHashMap<>();
  private final ExecutorService heavy = Executors.newSingleThreadExecutor(r -> thread(r, "labpose-job-heavy"));
  private final ExecutorService light = Executors.newFixedThreadPool(2, r -> thread(r, "labpose-job-light"));
  private final AtomicLong counter = new AtomicLong();
  private volatile boolean closing;

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Opens the queue kept in {@code dir} (created when missing); jobs that were queued or running
   * when the last server stopped become {@link State#INTERRUPTED}.
   */
  public JobQueue(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    Path f = dir.resolve("jobs.json");
    if (Files.exists(f)) {
      List<Job> saved;
      try {
        saved = JSON.readValue(f.toFile(), new TypeReference<List<Job>>() { });
      } catch (IOException e) {
        throw new org.labpose.core.io.InputFormatException(f, null, "not the studio's job list (" + e.getMessage() + ")");
      }
      for (Job j : saved) {
        boolean stopped = j.state() == State.QUEUED || j.state() == State.RUNNING;
        jobs.put(j.id(), stopped ? j.with(State.INTERRUPTED, j.progress(), j.started(), Instant.now().toString(), "the server stopped") : j);
        counter.set(Math.max(counter.get(), number(j.id())));
      }
      save();
    }
  }

  private static long number(String id) {
    try {
      return Long.parseLong(id.replaceAll("\\D", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Queues a job; returns its id.
   *
   * @param commandLine the {@code labpose …} arguments that do the same from a terminal
   */
  public synchronized String submit(String name, List<String> commandLine, boolean isHeavy, boolean resumable, Work work) throws IOException {
    String id = "job" + counter.incrementAndGet();
    jobs.put(id, new Job(id, name, List.copyOf(commandLine), isHeavy, resumable, State.QUEUED, 0, Instant.now().toString(), null, null, null, null));
    cancelled.put(id, false);
    save();
    Future<?> f = (isHeavy ? heavy : light).submit(() -> execute(id, work));
    running.put(id, f);
    return id;
  }

  private void execute(String id, Work work) {
    synchronized (this) {
      if (cancelled.getOrDefault(id, false)) {
        return;
      }
      Job j = jobs.get(id);
      jobs.put(id, j.with(State.RUNNING, 0, Instant.now().toString(), null, null));
      saveQuietly();
    }
    Context ctx = new Context() {
      @Override
      public void log(String line) {
        try {
          Files.writeString(JobQueue.this.log(id), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          // the log is a help, not the work
        }
      }

      @Override
      public void progress(double fraction) {
        synchronized (JobQueue.this) {
          Job j = jobs.get(id);
          jobs.put(id, j.with(j.state(), Math.max(0, Math.min(1, fraction)), j.started(), j.finished(), null));
        }
      }

      @Override
      public void detail(String text) {
        synchronized (JobQueue.this) {
          jobs.put(id, jobs.get(id).withDetail(text));
        }
      }

      @Override
      public void point(String series, double x, double y) {
        try {
          Files.writeString(points(id), series + "," + x + "," + y + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          // a chart's point, not the work
        }
      }

      @Override
      public boolean cancelled() {
        synchronized (JobQueue.this) {
          return cancelled.getOrDefault(id, false) || Thread.currentThread().isInterrupted();
        }
      }
    };
    State end;
    String error = null;
    try {
      work.run(ctx);
      end = ctx.cancelled() ? State.CANCELLED : State.DONE;
    } catch (InterruptedException e) {
      end = State.CANCELLED;
    } catch (Exception | LinkageError e) {
      end = ctx.cancelled() ? State.CANCELLED : State.FAILED;
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      ctx.log("error: " + error);
    }
    if (closing && end != State.DONE) {
      end = State.INTERRUPTED;
      error = "the server stopped";
    }
    synchronized (this) {
      Job j = jobs.get(id);
      jobs.put(id, j.with(end, end == State.DONE ? 1 : j.progress(), j.started(), Instant.now().toString(), error));
      running.remove(id);
      saveQuietly();
    }
  }

  /** Cancels a job: a queued one never starts, a running one is asked to stop and interrupted. False when it had ended. */
  public synchronized boolean cancel(String id) throws IOException {
    Job j = jobs.get(id);
    if (j == null || (j.state() != State.QUEUED && j.state() != State.RUNNING)) {
      return false;
    }
    cancelled.put(id, true);
    if (j.state() == State.QUEUED) {
      jobs.put(id, j.with(State.CANCELLED, j.progress(), null, Instant.now().toString(), null));
      save();
    }
    Future<?> f = running.get(id);
    if (f != null) {
      f.cancel(true);
    }
    return true;
  }

  /** Every job, oldest first. */
  public synchronized List<Job> list() {
    return new ArrayList<>(jobs.values());
  }

  /** One job, or null. */
  public synchronized Job get(String id) {
    return jobs.get(id);
  }

  /** A job's log file (it may not exist yet). */
  public Path log(String id) {
    return dir.resolve(id + ".log");
  }

  /** A job's series points, lines {@code series,x,y} (the file may not exist yet). */
  public Path points(String id) {
    return dir.resolve(id + ".points.csv");
  }

  private void save() throws IOException {
    AtomicFiles.writeString(dir.resolve("jobs.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new ArrayList<>(jobs.values())));
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException e) {
      // kept in memory; the next change writes it again
    }
  }

  /** Stops the workers: running jobs are interrupted and marked so, queued ones are marked interrupted on the next open. */
  @Override
  public void close() {
    closing = true;
    heavy.shutdownNow();
    light.shutdownNow();
    try {
      heavy.awaitTermination(5, TimeUnit.SECONDS);
      light.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

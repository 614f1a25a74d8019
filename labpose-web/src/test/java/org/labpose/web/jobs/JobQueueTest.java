package org.labpose.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's job queue: one heavy job at a time, light ones beside, cancel, failure, and a restart. */
class JobQueueTest {
  @TempDir Path dir;

  /** Waits until the job reaches one of the states, at most 20 s. */
  private static JobQueue.Job await(JobQueue q, String id, JobQueue.State... states) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      JobQueue.Job j = q.get(id);
      for (JobQueue.State s : states) {
        if (j.state() == s) {
          return j;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(id + " still " + q.get(id).state());
  }

  @Test
  void heavyJobsWaitForEachOtherLightOnesDoNot() throws Exception {
    try (JobQueue q = new JobQueue(dir)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch firstStarted = new CountDownLatch(1);
      AtomicBoolean overlap = new AtomicBoolean();
      AtomicBoolean firstRunning = new AtomicBoolean();
      String a = q.submit("train", List.of("train", "config.yaml"), true, true, ctx -> {
        firstRunning.set(true);
        firstStarted.countDown();
        ctx.log("step 1");
        ctx.progress(0.5);
        release.await();
        firstRunning.set(false);
      });
      String b = q.submit("analyze", List.of("analyze", "config.yaml", "v.mp4"), true, true, ctx -> overlap.set(firstRunning.get()));
      assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
      String c = q.submit("summary", List.of("summary", "config.yaml"), false, false, ctx -> ctx.log("light"));
      assertEquals(JobQueue.State.DONE, await(q, c, JobQueue.State.DONE).state(), "a light job runs while a heavy one does");
      assertEquals(JobQueue.State.QUEUED, q.get(b).state(), "the second heavy job waits");
      assertEquals(0.5, q.get(a).progress());
      release.countDown();
      await(q, b, JobQueue.State.DONE);
      assertFalse(overlap.get());
      assertEquals(List.of("step 1"), Files.readAllLines(q.log(a)));
      assertEquals(List.of("analyze", "config.yaml", "v.mp4"), q.get(b).commandLine());
    }
  }

  @Test
  void cancelAndFailure() throws Exception {
    try (JobQueue q = new JobQueue(dir)) {
      CountDownLatch started = new CountDownLatch(1);
      String running = q.submit("train", List.of("train"), true, true, ctx -> {
        started.countDown();
        while (!ctx.cancelled()) {
          Thread.sleep(2);
        }
      });
      String queued = q.submit("analyze", List.of("analyze"), true, true, ctx -> {
        throw new AssertionError("a cancelled job must not run");
      });
      assertTrue(started.await(20, TimeUnit.SECONDS));
      assertTrue(q.cancel(queued));
      assertEquals(JobQueue.State.CANCELLED, q.get(queued).state());
      assertTrue(q.cancel(running));
      assertEquals(JobQueue.State.CANCELLED, await(q, running, JobQueue.State.CANCELLED).state());
      assertFalse(q.cancel(running), "an ended job is not cancelled again");
      String bad = q.submit("evaluate", List.of("evaluate"), false, false, ctx -> {
        throw new IllegalStateException("no trained model");
      });
      JobQueue.Job j = await(q, bad, JobQueue.State.FAILED);
      assertEquals("no trained model", j.error());
      assertTrue(Files.readString(q.log(bad)).contains("error: no trained model"));
    }
  }

  @Test
  void aRestartMarksUnfinishedJobsInterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    JobQueue first = new JobQueue(dir);
    String a = first.submit("train", List.of("train", "--resume"), true, true, ctx -> {
      started.countDown();
      never.await();
    });
    String b = first.submit("analyze", List.of("analyze"), true, true, ctx -> { });
    assertTrue(started.await(20, TimeUnit.SECONDS));
    // a second server on the same folder, as after a kill: the first one's jobs were running and queued
    try (JobQueue second = new JobQueue(dir)) {
      assertEquals(JobQueue.State.INTERRUPTED, second.get(a).state());
      assertEquals(JobQueue.State.INTERRUPTED, second.get(b).state());
      assertTrue(second.get(a).resumable());
      String c = second.submit("summary", List.of("summary"), false, false, ctx -> { });
      assertEquals("job3", c, "ids go on from the saved ones");
    }
    first.close();
    assertEquals(JobQueue.State.INTERRUPTED, first.get(a).state(), "a job stopped by closing the server is interrupted, not cancelled");
  }
}

package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;
import org.labpose.net.data.Sample;

/**
 * A step whose gradients come out NaN is computed again from clean gradients: the run goes on as if
 * the fault had not happened (the faulty machines' NaN is simulated by poisoning one try's gradients).
 */
class StepRetryTest {
  @TempDir Path dir;

  /**
   * The retried run must give the losses of a run without the fault. The machines whose faults the
   * retry exists for now and then also perturb a finite value (a CI build saw a clean run's step 5
   * off by 0.17 %), so one run is not a reference: the test looks for a clean run and a poisoned run
   * that agree, among up to three clean and two poisoned runs. A retry that does not reproduce the
   * clean step (gradients kept, a step skipped or applied twice) never agrees and fails.
   */
  @Test
  void aPoisonedStepIsComputedAgainFromCleanGradients() throws Exception {
    List<double[]> clean = new ArrayList<>();
    List<double[]> retried = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      clean.add(losses(0, "clean" + round));
      if (round < 2) {
        retried.add(losses(3, "poisoned" + round));
      }
      for (double[] c : clean) {
        for (double[] r : retried) {
          if (agree(c, r)) {
            return;
          }
        }
      }
    }
    fail("no poisoned run gave the losses of a clean run: clean " + clean.stream().map(java.util.Arrays::toString).toList()
        + ", poisoned " + retried.stream().map(java.util.Arrays::toString).toList());
  }

  /** Losses of steps 1..6 of a seeded run, its step {@code poisoned} (0: none) hit by the fault once. */
  private double[] losses(int poisoned, String name) throws Exception {
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(6).withBatchSize(4).withCropSize(64)
        .withThreads(1).withCheckpoints(6, 1).withSeed(3);
    double[] loss = new double[7];
    PoseTrainer t = new PoseTrainer(cfg, 2);
    if (poisoned > 0) {
      t.withPoisonedStep(poisoned);
    }
    PoseTrainer.Result r = t.train(samples(12, 7), null, dir.resolve(name), false, (it, total, l, lr, rate) -> loss[it] = l);
    if (poisoned > 0) {
      // at least: the machines' own faults may add a recomputed step to any run
      assertTrue(r.recomputedSteps() >= 1, name + " recomputed " + r.recomputedSteps());
    }
    for (int it = 1; it <= 6; it++) {
      assertTrue(Double.isFinite(loss[it]), name + " step " + it);
    }
    return loss;
  }

  private static boolean agree(double[] a, double[] b) {
    for (int it = 1; it < a.length; it++) {
      if (Math.abs(a[it] - b[it]) > 1e-3 * Math.abs(a[it])) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aStepThatStaysNonFiniteRestartsFromTheLastCheckpoint() throws Exception {
    List<Sample> samples = samples(12, 7);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(12).withBatchSize(4).withCropSize(64)
        .withThreads(1).withCheckpoints(5, 3).withSeed(3);
    double[] losses = new double[13];
    PoseTrainer t = new PoseTrainer(cfg, 2).withPoisonedStepEveryTry(8, 1);
    Path out = dir.resolve("restarted");
    PoseTrainer.Result r = t.train(samples, null, out, false, (it, total, loss, lr, rate) -> losses[it] = loss);
    // one restart for the poisoned step; on the VMs this guards against, a step of their own may add one
    assertEquals(1, t.poisonedFailures());
    assertTrue(t.restarts() >= 1, "restarts " + t.restarts());
    assertEquals(12, r.iterations());
    for (int it = 1; it <= 12; it++) {
      assertTrue(Double.isFinite(losses[it]), "step " + it);
    }
    List<String> log = java.nio.file.Files.readAllLines(out.resolve("log.csv"));
    assertEquals(13, log.size(), "header and steps 1..12 once each: " + log);
    for (int it = 1; it <= 12; it++) {
      assertTrue(log.get(it).startsWith(it + ","), log.get(it));
    }
    // a fault that never goes away is still reported
    PoseTrainer always = new PoseTrainer(cfg, 2).withPoisonedStepEveryTry(3, Integer.MAX_VALUE);
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> always.train(samples, null, dir.resolve("diverges"), false, null));
    assertTrue(e.getMessage().contains("iteration 3"), e.getMessage());
    assertEquals(PoseTrainer.RESTARTS, always.restarts());
  }

  /**
   * The faulty step is the first: a budget of 1.2 CPU seconds may plan only a few steps on a loaded
   * machine, and the fault must happen whatever the budget allows (a later step made this test
   * depend on the machine's load).
   */
  @Test
  void aTimeBudgetRunRestartsToo() throws Exception {
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(1_000_000).withBudgetMinutes(0.02).withBatchSize(4).withCropSize(64)
        .withThreads(1).withCheckpoints(1_000_000, 1).withSeed(3);
    PoseTrainer t = new PoseTrainer(cfg, 2).withPoisonedStepEveryTry(1, 1);
    PoseTrainer.Result r = t.train(samples(12, 7), null, dir.resolve("budget"), false, null);
    // one restart for the poisoned step; a random-order build on the Zen 5 VM once saw a second, from a step
    // that stayed NaN by itself in the clean rerun
    assertEquals(1, t.poisonedFailures());
    assertTrue(t.restarts() >= 1, "restarts " + t.restarts());
    assertTrue(r.iterations() >= 1 && Double.isFinite(r.lastLoss()), r.toString());
  }

  /** Grey noise images, 96 px square, each with two bright 5 px squares at its two keypoints. */
  private static List<Sample> samples(int n, long seed) {
    Random r = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int w = 96;
      byte[] rgb = new byte[w * w * 3];
      for (int j = 0; j < rgb.length; j++) {
        rgb[j] = (byte) (60 + r.nextInt(40));
      }
      double[] xy = new double[4];
      for (int k = 0; k < 2; k++) {
        int x = 10 + r.nextInt(w - 20);
        int y = 10 + r.nextInt(w - 20);
        xy[2 * k] = x;
        xy[2 * k + 1] = y;
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int o = ((y + dy) * w + x + dx) * 3;
            rgb[o] = (byte) (k == 0 ? 250 : 30);
            rgb[o + 1] = (byte) 250;
            rgb[o + 2] = (byte) (k == 0 ? 30 : 250);
          }
        }
      }
      out.add(new Sample(new RgbImage(w, w, rgb), xy));
    }
    return out;
  }
}

package org.labpose.net.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step count fitted to a CPU budget, on simulated CPU clocks (no timing). */
class BudgetPlannerTest {
  private static final long S = 1_000_000_000L;

  /** Runs the planner over a clock where step i costs cost(i) CPU seconds; returns the steps trained. */
  private static int run(double budget, long start, int cap, java.util.function.IntToDoubleFunction cost) {
    PoseTrainer.BudgetPlanner p = new PoseTrainer.BudgetPlanner(budget, 0, cap, 0.3);
    int total = cap;
    double cpu = start / (double) S;
    int it = 0;
    while (it < total) {
      cpu += cost.applyAsDouble(it);
      it++;
      total = p.update(it, (long) (cpu * S), total);
    }
    return it;
  }

  @Test
  void spendsTheBudgetAtASteadyCost() {
    // 1000 CPU s, 2 s per step after a slow start, 5 s spent before the first step
    int steps = run(1000, 5 * S, 1_000_000, i -> i < 3 ? 10 : 2);
    // 5 + 3·10 + 2·(n − 3) = 1000 → n = 485
    assertTrue(Math.abs(steps - 485) <= 1, "steps " + steps);
  }

  @Test
  void neverExceedsTheCap() {
    assertEquals(100, run(1000, 0, 100, i -> 1));
  }

  @Test
  void stopsWhenTheBudgetIsGoneBeforeAnEstimate() {
    assertEquals(3, run(10, 0, 1000, i -> 4));
  }

  @Test
  void keepsTheScheduleFixedAfterFreezing() {
    // the cost doubles late in training: the count fixed at 30 % stays, the budget overruns
    int steps = run(1000, 0, 1_000_000, i -> i < 300 ? 1 : 2);
    assertEquals(1000, steps, "fixed once 30 % of the estimate was reached");
  }
}

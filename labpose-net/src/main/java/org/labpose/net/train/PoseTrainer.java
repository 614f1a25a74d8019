package org.labpose.net.train;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.net.Engines;
import org.labpose.net.data.Augmenter;
import org.labpose.net.data.Sample;
import org.labpose.net.data.MultiAnimalTargets;
import org.labpose.net.data.Targets;
import org.labpose.net.model.MultiAnimalHead;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.PoseNetworks;

/**
 * Trains a pose network on samples. Batches are augmented on a worker thread ahead of the network;
 * each batch's arrays live in a sub-manager that is closed after the step, so memory stays flat.
 * Checkpoints ({@code snapshot-<iteration>.params}) are written atomically every {@code
 * checkpointEvery} steps and at the end; {@code resume} continues from the newest one (the
 * optimizer's moments restart, the data order does not: batch {@code i} is always the same).
 */
public final class PoseTrainer {

  /** Progress of training. */
  public interface Listener {
    /** After each step: iteration (1-based), total, loss, learning rate, steps per second. */
    void step(int iteration, int total, double loss, double lr, double stepsPerSecond);
  }

  /**
   * What training produced.
   *
   * @param iterations steps trained in total (with a time budget: the number the budget allowed)
   * @param seconds wall-clock seconds of this run
   * @param cpuSeconds CPU seconds the process used during this run (all threads)
   */
  public record Result(Path snapshot, int iterations, double firstLoss, double lastLoss, double seconds, double cpuSeconds, int recomputedSteps, int restarts) {}

  /** CPU time of this process so far, all threads (native ones included), in nanoseconds. */
  static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
  }

  /**
   * Fits the step count to a CPU-time budget: measures CPU time per step after a warm-up and sets
   * the total so that the budget is spent, re-estimating until 30 % of the way (half-way to the
   * first learning-rate drop at its default), then keeps it fixed so the schedule stays put.
   */
  static final class BudgetPlanner {
    private static final int WARMUP = 10;
    private final double budgetCpuSeconds;
    private final long cpuStart;
    private final int cap;
    private final double freezeAt;
    private long cpuMark;
    private int stepMark = -1;
    private boolean frozen;

    BudgetPlanner(double budgetCpuSeconds, long cpuStart, int cap, double freezeAt) {
      this.budgetCpuSeconds = budgetCpuSeconds;
      this.cpuStart = cpuStart;
      this.cap = cap;
      this.freezeAt = freezeAt;
    }

    /** After step {@code done} (1-based) at process CPU time {@code cpuNow}: the new total. */
    int update(int done, long cpuNow, int total) {
      if (frozen) {
        return total;
      }
      double used = (cpuNow - cpuStart) / 1e9;
      if (used >= budgetCpuSeconds) {
        frozen = true;
        return Math.min(total, done);
      }
      if (done == WARMUP) {
        cpuMark = cpuNow;
        stepMark = done;
        return total;
      }
      if (stepMark < 0 || done % 10 != 0) {
        return total;
      }
      double perStep = (cpuNow - cpuMark) / 1e9 / (done - stepMark);
      long est = done + (long) Math.floor((budgetCpuSeconds - used) / Math.max(1e-9, perStep));
      int t = (int) Math.max(done + 1, Math.min(cap, est));
      if (done >= freezeAt * t) {
        frozen = true;
      }
      return t;
    }
  }

  /** Measures an error (e.g. test pixels) on the network as it is; called every few steps. */
  @FunctionalInterface
  public interface Probe {
    double measure(Block block, NDManager manager) throws IOException;
  }

  private Probe probe;
  private int probeEvery;
  private boolean calibrateBatchNorm;

  /**
   * With {@code true}, batch-norm statistics are re-estimated on two augmented training batches
   * right after the initial weights are set (for weights whose batch norm was folded), keeping
   * the function they compute; see {@link org.labpose.net.model.BatchNormCalibration}.
   */
  public PoseTrainer withBatchNormCalibration(boolean calibrate) {
    this.calibrateBatchNorm = calibrate;
    return this;
  }

  /**
   * Measures {@code probe} every {@code every} steps and at the end, into {@code test_log.csv}
   * (iteration, value) beside the training log.
   */
  public PoseTrainer withProbe(Probe probe, int every) {
    this.probe = probe;
    this.probeEvery = Math.max(1, every);
    return this;
  }

  /** Sets initial weights (e.g. a pretrained backbone) on the initialised network. */
  @FunctionalInterface
  public interface WeightInit {
    void apply(Block block) throws IOException;
  }

  /** The configuration of the run under way; a budget run that restarts continues with its planned step count. */
  private TrainConfig cfg;
  private final NetSpec spec;
  private final MultiAnimalHead head;
  private final WeightInit init;
  private final float[] mean;
  private final float[] std;

  /** A trainer with random initialisation and ImageNet normalisation. */
  public PoseTrainer(TrainConfig cfg, int keypoints) {
    this(cfg, keypoints, null, Augmenter.MEAN, Augmenter.STD);
  }

  /**
   * @param init initial weights, or null for random
   * @param mean input normalisation mean (R, G, B grey levels) matching the initial weights
   * @param std input normalisation standard deviation
   */
  public PoseTrainer(TrainConfig cfg, int keypoints, WeightInit init, float[] mean, float[] std) {
    this(cfg, keypoints, null, init, mean, std);
  }

  /**
   * A trainer of a bottom-up multi-animal network ({@code head} non-null: shared score maps and
   * part-affinity fields), or of one map per keypoint slot.
   *
   * @param keypoints keypoint slots of the samples
   */
  public PoseTrainer(TrainConfig cfg, int keypoints, MultiAnimalHead head, WeightInit init, float[] mean, float[] std) {
    this.cfg = cfg;
    this.head = head;
    this.spec = head != null ? head.spec(cfg.net()) : new NetSpec(cfg.net(), keypoints, 8);
    this.init = init;
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** The network builder's spec. */
  public NetSpec spec() {
    return spec;
  }

  /**
   * Trains.
   *
   * @param samples training images (already scaled by the global scale) with keypoints
   * @param mirror left/right counterpart of each keypoint slot, or null for no mirroring
   * @param trainDir where checkpoints and the log go
   */
  public Result train(List<Sample> samples, int[] mirror, Path trainDir, boolean resume, Listener listener) throws IOException {
    boolean fromSnapshot = resume;
    for (int restart = 0; ; restart++) {
      try {
        return trainOnce(samples, mirror, trainDir, fromSnapshot, listener);
      } catch (NonFiniteStep e) {
        // A step that stays non-finite after STEP_TRIES tries: on the machines where PyTorch's
        // arithmetic fails now and then, the weights or the optimizer's moments may have been hit
        // too. Training starts again from the last checkpoint (from the start before the first),
        // as --resume does, up to RESTARTS times; a real divergence fails every time.
        if (restart >= RESTARTS) {
          throw e;
        }
        restarts++;
        fromSnapshot = latestSnapshot(trainDir) != null;
        if (fromSnapshot && cfg.budgetMinutes() > 0) {
          // a budget run resumes with the step count its budget had planned (budgets cannot resume)
          cfg = cfg.withBudgetMinutes(0).withIterations(e.plannedSteps);
        }
      }
    }
  }

  /** Restarts from the last checkpoint after a step that stayed non-finite. */
  static final int RESTARTS = 2;

  private int restarts;

  /** Times this trainer started again from a checkpoint after a step that stayed non-finite. */
  public int restarts() {
    return restarts;
  }

  /**
   * Training diverged: a step's loss or gradients stayed non-finite over {@link #STEP_TRIES} tries
   * and {@link #RESTARTS} restarts (a learning rate too high, or a machine that computes wrongly).
   */
  public static final class NonFiniteStep extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The run's step count when it failed (for a budget run, what the budget had planned). */
    final int plannedSteps;

    NonFiniteStep(String message, int plannedSteps) {
      super(message);
      this.plannedSteps = plannedSteps;
    }
  }

  private Result trainOnce(List<Sample> samples, int[] mirror, Path trainDir, boolean resume, Listener listener) throws IOException {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no training samples");
    }
    long cpu0 = processCpuNanos();
    if (resume && cfg.budgetMinutes() > 0) {
      throw new IllegalArgumentException("a run with a time budget cannot be resumed; resume with a step count instead");
    }
    Engines.start(cfg.threads());
    Files.createDirectories(trainDir);
    int k = spec.keypoints();
    int crop = cfg.cropSize();
    int hw = crop / spec.stride();
    int b = cfg.batchSize();
    Block block = PoseNetworks.build(spec);
    Augmenter aug = new Augmenter(cfg.augment(), crop, mirror, mean, std);
    if (head != null) {
      int bp = head.bodyparts().size();
      int[] animalOf = new int[head.individuals().size() * bp + head.unique().size()];
      for (int i = 0; i < animalOf.length; i++) {
        animalOf[i] = i < head.individuals().size() * bp ? i / bp : -1;
      }
      aug.aroundAnimals(animalOf);
    }
    Path log = trainDir.resolve("log.csv");
    int start = 0;
    Path latest = resume ? latestSnapshot(trainDir) : null;
    if (resume && latest == null) {
      throw new InputFormatException(trainDir, null, "--resume: no snapshot to resume from");
    }
    int[] total = {cfg.iterations()};
    BudgetPlanner planner = cfg.budgetMinutes() > 0
        ? new BudgetPlanner(cfg.budgetMinutes() * 60 * cfg.threads(), cpu0, cfg.iterations(), 0.5 * (cfg.lrDropAt().length > 0 ? cfg.lrDropAt()[0] : 1))
        : null;
    try (Model model = Model.newInstance("labpose", Engines.device())) {
      model.setBlock(block);
      Tracker lrTracker = new Tracker() {
        @Override
        public float getNewValue(int numUpdate) {
          return (float) cfg.lrAt(numUpdate, total[0]);
        }
      };
      Optimizer opt = Optimizer.adamW().optLearningRateTracker(lrTracker).optWeightDecays((float) cfg.weightDecay()).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(new PoseLoss(k, cfg.locrefWeight(), spec.pafEdges(), spec.identities()))
          .optOptimizer(opt)
          .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
      try (Trainer trainer = model.newTrainer(tc)) {
        // the engine's generator draws the initial weights (the head's, and all of them without a
        // pretrained start): seed it so that a seed means one starting network
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) (cfg.seed() ^ (cfg.seed() >>> 32)));
        trainer.initialize(new Shape(b, 3, crop, crop));
        double secondsBefore = 0;
        if (latest != null) {
          start = snapshotIteration(latest);
          loadParametersInPlace(block, trainer.getManager(), latest);
          // a run killed after its last checkpoint logged steps that are now done again
          secondsBefore = keepLogUpTo(log, start, 3);
          keepLogUpTo(trainDir.resolve("test_log.csv"), start, -1);
        } else {
          if (init != null) {
            init.apply(block);
          }
          if (calibrateBatchNorm) {
            try (NDManager sub = trainer.getManager().newSubManager()) {
              float[][] a = makeBatch(samples, aug, -1, k, hw);
              float[][] c = makeBatch(samples, aug, -2, k, hw);
              float[] both = new float[a[0].length + c[0].length];
              System.arraycopy(a[0], 0, both, 0, a[0].length);
              System.arraycopy(c[0], 0, both, a[0].length, c[0].length);
              org.labpose.net.model.BatchNormCalibration.calibrate(block, new ai.djl.training.ParameterStore(sub, false),
                  new NDList(sub.create(both, new Shape(2L * b, 3, crop, crop))), spec.batchNormEpsilon());
            }
          }
          Files.deleteIfExists(log);
          Files.deleteIfExists(trainDir.resolve("test_log.csv"));
        }
        if (!Files.exists(log)) {
          AtomicFiles.writeString(log, "iteration,loss,lr,seconds\n");
        }
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "labpose-augment");
          t.setDaemon(true);
          return t;
        });
        Deque<Future<float[][]>> queue = new ArrayDeque<>();
        int next = start;
        long t0 = System.nanoTime();
        int retriedBefore = retriedSteps;
        double first = Double.NaN;
        double last = Double.NaN;
        Path snap = latest;
        try (BufferedWriter logw = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
          for (int it = start; it < total[0]; it++) {
            while (queue.size() < 3 && next < total[0]) {
              final int bi = next++;
              queue.add(pool.submit(() -> makeBatch(samples, aug, bi, k, hw)));
            }
            float[][] batch;
            try {
              batch = queue.poll().get();
            } catch (Exception e) {
              throw new IOException("preparing batch " + it + " failed: " + e.getCause(), e.getCause());
            }
            double loss = Double.NaN;
            // A step whose loss or gradients are not finite is not applied but computed again, up
            // to STEP_TRIES times: on some machines (seen on AMD EPYC Zen 5 VMs) PyTorch's backward
            // pass now and then returns NaN gradients for a finite loss, and one such update would
            // wreck every weight. A step that stays non-finite is a real divergence.
            for (int attempt = 0; attempt < STEP_TRIES; attempt++) {
              try (NDManager sub = trainer.getManager().newSubManager()) {
                NDArray x = sub.create(batch[0], new Shape(b, 3, crop, crop));
                NDList labels = new NDList(
                    sub.create(batch[1], new Shape(b, k, hw, hw)), sub.create(batch[2], new Shape(b, k, hw, hw)),
                    sub.create(batch[3], new Shape(b, 2 * k, hw, hw)), sub.create(batch[4], new Shape(b, 2 * k, hw, hw)));
                if (spec.pafEdges() > 0) {
                  int e2 = 2 * spec.pafEdges();
                  labels.add(sub.create(batch[5], new Shape(b, e2, hw, hw)));
                  labels.add(sub.create(batch[6], new Shape(b, e2, hw, hw)));
                }
                if (spec.identities() > 0) {
                  labels.add(sub.create(batch[7], new Shape(b, spec.identities(), hw, hw)));
                  labels.add(sub.create(batch[8], new Shape(b, 1, hw, hw)));
                }
                try (GradientCollector gc = trainer.newGradientCollector()) {
                  NDList pred = trainer.forward(new NDList(x));
                  NDArray l = trainer.getLoss().evaluate(labels, pred);
                  gc.backward(l);
                  loss = l.getFloat();
                }
                if ((attempt == 0 || poisonEveryTry) && it + 1 == poisonAt && poisonRunsLeft > 0) {
                  poisonGradients(block);
                }
                if (Double.isFinite(loss) && gradientsFinite(block)) {
                  trainer.step();
                  break;
                }
                retriedSteps++;
                loss = Double.NaN;
                // backward adds to the gradients and only the optimizer's update clears them: a
                // step that is not applied must clear them here, or its NaN stays in every retry
                clearGradients(block);
              }
            }
            if (!Double.isFinite(loss)) {
              if (it + 1 == poisonAt && poisonRunsLeft > 0) {
                poisonRunsLeft--;
                poisonedFailures++;
              }
              throw new NonFiniteStep("the loss became " + loss + " at iteration " + (it + 1) + "; lower the learning rate", total[0]);
            }
            if (Double.isNaN(first)) {
              first = loss;
            }
            last = loss;
            double secs = (System.nanoTime() - t0) / 1e9;
            logw.write((it + 1) + "," + loss + "," + cfg.lrAt(it, total[0]) + "," + String.format(java.util.Locale.ROOT, "%.3f", secondsBefore + secs) + "\n");
            if (planner != null) {
              total[0] = planner.update(it + 1, processCpuNanos(), total[0]);
            }
            if (listener != null) {
              listener.step(it + 1, total[0], loss, cfg.lrAt(it, total[0]), (it + 1 - start) / Math.max(1e-9, secs));
            }
            if ((it + 1) % 25 == 0) {
              logw.flush();
            }
            if (probe != null && ((it + 1) % probeEvery == 0 || it + 1 == total[0])) {
              double v = probe.measure(block, trainer.getManager());
              Path tl = trainDir.resolve("test_log.csv");
              if (!Files.exists(tl)) {
                AtomicFiles.writeString(tl, "iteration,test_error_px\n");
              }
              Files.writeString(tl, (it + 1) + "," + v + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            if ((it + 1) % cfg.checkpointEvery() == 0 || it + 1 == total[0]) {
              logw.flush();
              snap = saveSnapshot(block, trainDir, it + 1);
            }
          }
        } finally {
          pool.shutdownNow();
        }
        return new Result(snap, total[0], first, last, (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9, retriedSteps - retriedBefore, restarts);
      }
    }
  }

  /** Tries of one step whose loss or gradients come out non-finite. */
  static final int STEP_TRIES = 5;

  private int retriedSteps;

  /** Test hook: the first try of this step (1-based) gets NaN gradients; 0 for none. */
  private int poisonAt;

  private boolean poisonEveryTry;
  private int poisonRunsLeft;
  private int poisonedFailures;

  /** Test hook: runs that failed at the poisoned step (each makes one restart; the machine's own faults may add more). */
  int poisonedFailures() {
    return poisonedFailures;
  }

  PoseTrainer withPoisonedStep(int step) {
    this.poisonAt = step;
    this.poisonRunsLeft = Integer.MAX_VALUE;
    return this;
  }

  /** Test hook: every try of {@code step} gets NaN gradients, in the first {@code runs} runs of it. */
  PoseTrainer withPoisonedStepEveryTry(int step, int runs) {
    this.poisonAt = step;
    this.poisonEveryTry = true;
    this.poisonRunsLeft = runs;
    return this;
  }

  /** Adds NaN to the first trainable parameter's gradient, in place, as the faulty machines do. */
  private static void poisonGradients(Block block) {
    for (var p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        try (NDArray g = p.getValue().getArray().getGradient()) {
          g.addi(Float.NaN);
        }
        return;
      }
    }
  }

  /** Steps computed again because their loss or gradients were not finite, in this trainer's runs. */
  public int retriedSteps() {
    return retriedSteps;
  }

  /**
   * Sets every trainable parameter's gradient to zero in place. Not {@code g - g} (DJL's
   * zeroGradients), which keeps NaN and infinity: PyTorch's {@code zero_()} through the engine.
   */
  private static void clearGradients(Block block) {
    for (var p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getValue().getArray());
      }
    }
  }

  /**
   * True when every trainable parameter's gradient is finite: the per-parameter sums are added up on
   * the engine and read back once (one synchronisation per step, not one per parameter).
   */
  private static boolean gradientsFinite(Block block) {
    List<NDArray> temporaries = new ArrayList<>();
    NDArray total = null;
    try {
      for (var p : block.getParameters()) {
        if (!p.getValue().requiresGradient()) {
          continue;
        }
        NDArray g = p.getValue().getArray().getGradient();
        NDArray sum = g.sum();
        temporaries.add(g);
        temporaries.add(sum);
        if (total == null) {
          total = sum;
        } else {
          total = total.add(sum);
          temporaries.add(total);
        }
      }
      return total == null || Float.isFinite(total.getFloat());
    } finally {
      temporaries.forEach(NDArray::close);
    }
  }


  /**
   * Keeps a log's header and its rows up to {@code iteration} (first column), dropping later rows and
   * a last line cut without its newline; rewritten atomically. Returns the value in column {@code
   * secondsColumn} of the last row kept (0 when none, or when the column is negative).
   */
  static double keepLogUpTo(Path log, int iteration, int secondsColumn) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    StringBuilder kept = new StringBuilder();
    double seconds = 0;
    int lineStart = 0;
    boolean header = true;
    while (lineStart < text.length()) {
      int nl = text.indexOf('\n', lineStart);
      if (nl < 0) {
        break; // cut mid-line by the kill
      }
      String line = text.substring(lineStart, nl);
      lineStart = nl + 1;
      if (header) {
        kept.append(line).append('\n');
        header = false;
        continue;
      }
      String[] cells = line.split(",");
      int it;
      try {
        it = Integer.parseInt(cells[0].trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (it > iteration) {
        continue;
      }
      kept.append(line).append('\n');
      if (secondsColumn >= 0 && cells.length > secondsColumn) {
        try {
          seconds = Double.parseDouble(cells[secondsColumn].trim());
        } catch (NumberFormatException e) {
          // keep the previous value
        }
      }
    }
    if (!kept.toString().equals(text)) {
      AtomicFiles.writeString(log, kept.toString());
    }
    return seconds;
  }

  /** Builds batch {@code index}: input, score target, score weight, offset target, offset weight. */
  float[][] makeBatch(List<Sample> samples, Augmenter aug, int index, int k, int hw) {
    Random rng = new Random(cfg.seed() * 1_000_003L + index);
    int b = cfg.batchSize();
    int crop = cfg.cropSize();
    int plane = hw * hw;
    float[] x = new float[b * 3 * crop * crop];
    float[] score = new float[b * k * plane];
    float[] scoreW = new float[b * k * plane];
    float[] loc = new float[b * 2 * k * plane];
    float[] locW = new float[b * 2 * k * plane];
    int e2 = 2 * spec.pafEdges();
    float[] paf = new float[b * e2 * plane];
    float[] pafW = new float[b * e2 * plane];
    int ni = spec.identities();
    float[] ident = ni > 0 ? new float[b * ni * plane] : null;
    float[] identW = ni > 0 ? new float[b * plane] : null;
    int[][] edges = head == null ? null : head.edges().stream().map(e -> new int[] {e.get(0), e.get(1)}).toArray(int[][]::new);
    for (int i = 0; i < b; i++) {
      Sample s = samples.get(rng.nextInt(samples.size()));
      Augmenter.Crop c = aug.apply(s, rng);
      System.arraycopy(c.pixels(), 0, x, i * 3 * crop * crop, 3 * crop * crop);
      if (head != null) {
        MultiAnimalTargets.fill(c.xy(), head.individuals().size(), head.bodyparts().size(), head.unique().size(), edges,
            hw, spec.stride(), cfg.radius(), cfg.locrefStd(), head.pafWidth(), i, score, scoreW, loc, locW, paf, pafW, ident, identW);
      } else {
        Targets.fill(c.xy(), k, hw, spec.stride(), cfg.radius(), cfg.locrefStd(), cfg.target().equals("gaussian"), i, score, scoreW, loc, locW);
      }
    }
    if (head == null) {
      return new float[][] {x, score, scoreW, loc, locW};
    }
    return ni > 0 ? new float[][] {x, score, scoreW, loc, locW, paf, pafW, ident, identW} : new float[][] {x, score, scoreW, loc, locW, paf, pafW};
  }

  // ------------------------------------------------------------ snapshots

  private Path saveSnapshot(Block block, Path dir, int iteration) throws IOException {
    Path f = snapshotFile(dir, iteration);
    AtomicFiles.write(f, out -> {
      DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out));
      block.saveParameters(d);
      d.flush();
    });
    List<Path> all = snapshots(dir);
    for (int i = 0; i < all.size() - cfg.keepCheckpoints(); i++) {
      Files.deleteIfExists(all.get(i));
    }
    return f;
  }

  /** Snapshots in a folder, oldest first. */
  public static List<Path> snapshots(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("snapshot-\\d+\\.params"))
          .sorted(Comparator.comparingInt(PoseTrainer::snapshotIteration)).toList());
    }
  }

  /** The file a snapshot taken at {@code iteration} has in {@code dir}. */
  public static Path snapshotFile(Path dir, int iteration) {
    return dir.resolve(String.format("snapshot-%06d.params", iteration));
  }

  /** The newest snapshot, or null. */
  public static Path latestSnapshot(Path dir) throws IOException {
    List<Path> all = snapshots(dir);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The iteration a snapshot was taken at. */
  public static int snapshotIteration(Path p) {
    String n = p.getFileName().toString();
    return Integer.parseInt(n.substring("snapshot-".length(), n.length() - ".params".length()));
  }

  /**
   * Loads a snapshot into a block that a trainer already holds, copying the values into the
   * block's existing arrays. DJL's own loading replaces each parameter's array by a new one, which
   * the trainer's optimizer never sees: training would go on updating the old arrays while the saved
   * snapshots kept the loaded values. Used for resuming and for starting from an earlier model.
   */
  public static void loadParametersInPlace(Block block, NDManager manager, Path file) throws IOException {
    ai.djl.nn.ParameterList ps = block.getParameters();
    List<ai.djl.ndarray.NDArray> live = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      live.add(ps.valueAt(i).getArray());
    }
    try (NDManager tmp = manager.newSubManager()) {
      loadParameters(block, tmp, file);
      java.lang.reflect.Field arrayField = ai.djl.nn.Parameter.class.getDeclaredField("array");
      arrayField.setAccessible(true);
      for (int i = 0; i < ps.size(); i++) {
        ai.djl.nn.Parameter prm = ps.valueAt(i);
        ai.djl.ndarray.NDArray loaded = prm.getArray();
        ai.djl.ndarray.NDArray target = live.get(i);
        if (!loaded.getShape().equals(target.getShape())) {
          throw new InputFormatException(file, "parameter " + prm.getName(), "shape " + loaded.getShape() + " does not fit this network's " + target.getShape());
        }
        org.labpose.net.Engines.assign(target, loaded.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
        arrayField.set(prm, target);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot restore DJL parameter arrays (DJL changed?)", e);
    }
  }

  /** Loads parameters into an initialised block (replacing its arrays: for inference). */
  public static void loadParameters(Block block, NDManager manager, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in))) {
      block.loadParameters(manager, d);
    } catch (ai.djl.MalformedModelException | RuntimeException e) {
      throw new InputFormatException(file, null, "snapshot does not fit this network (" + e.getMessage() + ")", e);
    }
  }
}

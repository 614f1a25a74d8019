package org.labpose.net.train;

import org.labpose.core.SettingException;
import org.labpose.net.data.AugmentConfig;

/**
 * Training settings, all recorded in the model folder. Sizes in pixels of the network input.
 *
 * @param net network name (see {@link org.labpose.net.model.NetSpec#NAMES})
 * @param batchSize images per step (default 8)
 * @param iterations steps to train (default 10,000)
 * @param lr base learning rate of AdamW (default 5e-4)
 * @param lrDropAt fractions of training where the rate drops to {@code lr·0.2} then {@code lr·0.02}
 *     (DeepLabCut 3's 5e-4 → 1e-4 → 1e-5; default 0.6 and 0.85)
 * @param weightDecay AdamW weight decay (default 1e-4)
 * @param cropSize side of the square training crop (default 256)
 * @param globalScale factor applied to every image before anything else (default 0.8)
 * @param radius score-map target radius in input pixels, DeepLabCut's pos_dist_thresh (default 17)
 * @param locrefStd scale of the location-refinement targets (default 7.2801)
 * @param locrefWeight weight of the refinement loss (default 0.05)
 * @param augment augmentation
 * @param seed random seed (default 0)
 * @param threads PyTorch intra-op threads (default: available processors)
 * @param checkpointEvery save a checkpoint every this many steps (default 500)
 * @param keepCheckpoints checkpoints kept (default 3)
 * @param init initialisation: {@code none} (random), a pretrained model name such as {@code
 *     mobilenet_v2_imagenet}, or {@code iteration-<n>} for the whole network of an earlier
 *     refinement iteration's model of the same shuffle (default none)
 * @param target score-map target: {@code disk} (1 within {@code radius}, DeepLabCut's default) or
 *     {@code gaussian} (exp(−d² / 2σ²) with σ = radius / 2) (default disk)
 * @param budgetMinutes when positive, train for this many minutes of {@code threads} CPU cores
 *     instead of a fixed step count: the process's CPU time (all threads, divided by {@code threads}),
 *     so other work on the machine neither shortens nor stretches the budget. The step count is
 *     estimated from the measured CPU time per step while the learning rate is still at its base
 *     value, then fixed, so the schedule's drops fall at their fractions; {@code iterations} is an
 *     upper bound. 0 (default) for a fixed step count.
 */
public record TrainConfig(
    String net, int batchSize, int iterations, double lr, double[] lrDropAt, double weightDecay,
    int cropSize, double globalScale, double radius, double locrefStd, double locrefWeight,
    AugmentConfig augment, long seed, int threads, int checkpointEvery, int keepCheckpoints, String init, String target, double budgetMinutes) {

  /** Validates every field, naming the bad one. */
  public TrainConfig {
    if (batchSize < 1) {
      throw new SettingException("batchSize", "must be at least 1, got " + batchSize);
    }
    if (iterations < 1) {
      throw new SettingException("iterations", "must be at least 1, got " + iterations);
    }
    if (!(lr > 0)) {
      throw new SettingException("lr", "the learning rate must be positive, got " + lr);
    }
    if (cropSize < 64 || cropSize % 16 != 0) {
      throw new SettingException("cropSize", "must be a multiple of 16 and at least 64 px, got " + cropSize);
    }
    if (!(globalScale > 0) || globalScale > 4) {
      throw new SettingException("globalScale", "must be in (0, 4], got " + globalScale);
    }
    if (threads < 1) {
      throw new SettingException("threads", "must be at least 1, got " + threads);
    }
    if (checkpointEvery < 1 || keepCheckpoints < 1) {
      throw new SettingException("checkpointEvery", "checkpointEvery and keepCheckpoints must be at least 1");
    }
    if (!(budgetMinutes >= 0) || Double.isInfinite(budgetMinutes)) {
      throw new SettingException("budgetMinutes", "must be 0 (none) or a positive number of minutes, got " + budgetMinutes);
    }
    if (target == null) {
      target = "disk";
    }
    if (!target.equals("disk") && !target.equals("gaussian")) {
      throw new SettingException("target", "the score-map target must be disk or gaussian, got '" + target + "'");
    }
  }

  /** The defaults for a network. */
  public static TrainConfig defaults(String net) {
    return new TrainConfig(net, 8, 10_000, 5e-4, new double[] {0.6, 0.85}, 1e-4, 256, 0.8, 17, 7.2801, 0.05,
        AugmentConfig.defaults(), 0, Runtime.getRuntime().availableProcessors(), 500, 3, "none", "disk", 0);
  }

  /** A builder holding this config's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.net = net;
    b.batchSize = batchSize;
    b.iterations = iterations;
    b.lr = lr;
    b.lrDropAt = lrDropAt;
    b.weightDecay = weightDecay;
    b.cropSize = cropSize;
    b.globalScale = globalScale;
    b.radius = radius;
    b.locrefStd = locrefStd;
    b.locrefWeight = locrefWeight;
    b.augment = augment;
    b.seed = seed;
    b.threads = threads;
    b.checkpointEvery = checkpointEvery;
    b.keepCheckpoints = keepCheckpoints;
    b.init = init;
    b.target = target;
    b.budgetMinutes = budgetMinutes;
    return b;
  }

  /** Mutable values of a {@link TrainConfig}; {@link #build()} validates them. */
  public static final class Builder {
    private String net;
    private int batchSize;
    private int iterations;
    private double lr;
    private double[] lrDropAt;
    private double weightDecay;
    private int cropSize;
    private double globalScale;
    private double radius;
    private double locrefStd;
    private double locrefWeight;
    private AugmentConfig augment;
    private long seed;
    private int threads;
    private int checkpointEvery;
    private int keepCheckpoints;
    private String init;
    private String target;
    private double budgetMinutes;

    private Builder() {}

    public Builder net(String v) {
      this.net = v;
      return this;
    }

    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    public Builder iterations(int v) {
      this.iterations = v;
      return this;
    }

    public Builder lr(double v) {
      this.lr = v;
      return this;
    }

    public Builder lrDropAt(double[] v) {
      this.lrDropAt = v;
      return this;
    }

    public Builder weightDecay(double v) {
      this.weightDecay = v;
      return this;
    }

    public Builder cropSize(int v) {
      this.cropSize = v;
      return this;
    }

    public Builder globalScale(double v) {
      this.globalScale = v;
      return this;
    }

    public Builder radius(double v) {
      this.radius = v;
      return this;
    }

    public Builder locrefStd(double v) {
      this.locrefStd = v;
      return this;
    }

    public Builder locrefWeight(double v) {
      this.locrefWeight = v;
      return this;
    }

    public Builder augment(AugmentConfig v) {
      this.augment = v;
      return this;
    }

    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    public Builder threads(int v) {
      this.threads = v;
      return this;
    }

    public Builder checkpointEvery(int v) {
      this.checkpointEvery = v;
      return this;
    }

    public Builder keepCheckpoints(int v) {
      this.keepCheckpoints = v;
      return this;
    }

    public Builder target(String v) {
      this.target = v;
      return this;
    }

    public Builder budgetMinutes(double v) {
      this.budgetMinutes = v;
      return this;
    }

    public Builder init(String v) {
      this.init = v;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(net, batchSize, iterations, lr, lrDropAt, weightDecay, cropSize, globalScale, radius, locrefStd, locrefWeight, augment, seed, threads, checkpointEvery, keepCheckpoints, init, target, budgetMinutes);
    }
  }

  public TrainConfig withIterations(int n) {
    return toBuilder().iterations(n).build();
  }

  public TrainConfig withBatchSize(int b) {
    return toBuilder().batchSize(b).build();
  }

  public TrainConfig withLr(double l) {
    return toBuilder().lr(l).build();
  }

  public TrainConfig withCropSize(int c) {
    return toBuilder().cropSize(c).build();
  }

  public TrainConfig withGlobalScale(double g) {
    return toBuilder().globalScale(g).build();
  }

  public TrainConfig withAugment(AugmentConfig a) {
    return toBuilder().augment(a).build();
  }

  public TrainConfig withSeed(long v) {
    return toBuilder().seed(v).build();
  }

  public TrainConfig withThreads(int t) {
    return toBuilder().threads(t).build();
  }

  public TrainConfig withCheckpoints(int every, int keep) {
    return toBuilder().checkpointEvery(every).keepCheckpoints(keep).build();
  }

  public TrainConfig withRadius(double r) {
    return toBuilder().radius(r).build();
  }

  public TrainConfig withInit(String i) {
    return toBuilder().init(i).build();
  }

  /** The same with a CPU-time budget in minutes (0 for none). */
  public TrainConfig withBudgetMinutes(double m) {
    return toBuilder().budgetMinutes(m).build();
  }

  /** Learning rate at step {@code it} of {@link #iterations()}. */
  public double lrAt(int it) {
    return lrAt(it, iterations);
  }

  /** Learning rate at step {@code it} of {@code total}. */
  public double lrAt(int it, int total) {
    double f = (double) it / total;
    if (lrDropAt.length > 1 && f >= lrDropAt[1]) {
      return lr * 0.02;
    }
    if (lrDropAt.length > 0 && f >= lrDropAt[0]) {
      return lr * 0.2;
    }
    return lr;
  }

  /** The same with another score-map target ({@code disk} or {@code gaussian}). */
  public TrainConfig withTarget(String t) {
    return toBuilder().target(t).build();
  }
}

package org.labpose.net.infer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.labpose.net.Engines;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.PoseNetworks;

/** Speed of a network alone (random weights and inputs, inference mode), for choosing a network and scale. */
public final class NetBenchmark {
  private NetBenchmark() {}

  /**
   * Frames per second of {@code runs} timed forward passes after two warm-up passes.
   *
   * @param width input width in pixels (rounded up to the network's multiple)
   * @param height input height in pixels (rounded up likewise)
   * @param fusedBatchNorm whether batch norm is folded into the convolutions, as analysis runs it
   */
  public static double framesPerSecond(String net, int keypoints, int width, int height, int batch, int runs, int threads, boolean fusedBatchNorm) {
    Engines.start(threads);
    NetSpec spec = new NetSpec(net, keypoints, 8);
    int m = spec.inputMultiple();
    int w = (width + m - 1) / m * m;
    int h = (height + m - 1) / m * m;
    try (NDManager mgr = NDManager.newBaseManager(Engines.device())) {
      Block blk = PoseNetworks.build(spec, fusedBatchNorm);
      Shape shape = new Shape(batch, 3, h, w);
      blk.initialize(mgr, DataType.FLOAT32, shape);
      ParameterStore ps = new ParameterStore(mgr, false);
      long t0 = 0;
      for (int i = 0; i < runs + 2; i++) {
        if (i == 2) {
          t0 = System.nanoTime();
        }
        try (NDManager sub = mgr.newSubManager()) {
          blk.forward(ps, new NDList(sub.randomUniform(0, 1, shape)), false).singletonOrThrow().toFloatArray();
        }
      }
      return (double) batch * runs / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * Per-frame latency of an exported or trained model.
   *
   * @param net the model's network
   * @param medianMs median milliseconds per frame
   * @param p95Ms 95th percentile, ms
   */
  public record Latency(String net, double medianMs, double p95Ms) {}

  /**
   * Times {@code runs} single-frame predictions (frames used in turn) after 10 warm-up ones.
   *
   * @param model a model folder (trained shuffle or exported model)
   */
  public static Latency latency(java.nio.file.Path model, java.util.List<org.labpose.core.image.RgbImage> frames, int threads, int runs)
      throws java.io.IOException {
    if (frames.isEmpty() || runs < 1) {
      throw new org.labpose.core.SettingException("runs", "need frames and at least 1 run");
    }
    try (org.labpose.net.PoseEstimator est = org.labpose.net.PoseEstimator.load(model, threads)) {
      for (int i = 0; i < 10; i++) {
        est.predict(frames.get(i % frames.size()));
      }
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        est.predict(frames.get(i % frames.size()));
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      java.util.Arrays.sort(ms);
      return new Latency(est.info().net(), ms[runs / 2], ms[(int) Math.min(runs - 1, Math.round(0.95 * runs))]);
    }
  }
}

package org.labpose.net.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/**
 * Re-expresses every batch norm of a network with the statistics of a sample batch, without
 * changing what the network computes in inference mode: with {@code a = γ / √(var + ε)} and {@code
 * c = β − a · mean}, the layer becomes running mean μ, running variance σ² (of its input on the
 * batch), {@code γ' = a · √(σ² + ε)} and {@code β' = c + a · μ}. In training mode, batch norm
 * normalises with the batch's own statistics; after calibration those are close to the running
 * ones, so training starts from the function the pretrained weights compute. Needed for weights
 * whose batch norm was folded into the convolutions (running mean 0, variance 1).
 */
public final class BatchNormCalibration {
  private BatchNormCalibration() {}

  /**
   * Calibrates every batch norm of {@code net} (sequential and parallel blocks are walked; other
   * blocks are run as they are) on the input batch {@code x}.
   *
   * @param epsilon the batch norms' ε ({@link NetSpec#batchNormEpsilon()})
   * @return the network's inference output on {@code x}
   */
  public static NDList calibrate(Block net, ParameterStore ps, NDList x, double epsilon) {
    if (net instanceof SequentialBlock seq) {
      NDList cur = x;
      for (Block c : seq.getChildren().values()) {
        if (c instanceof BatchNorm bn) {
          calibrateOne(bn, cur.singletonOrThrow(), epsilon);
        }
        cur = calibrate(c, ps, cur, epsilon);
      }
      return cur;
    }
    if (net instanceof ParallelBlock par) {
      for (Block c : par.getChildren().values()) {
        calibrate(c, ps, x, epsilon);
      }
      return par.forward(ps, x, false);
    }
    return net.forward(ps, x, false);
  }

  private static void calibrateOne(BatchNorm bn, NDArray x, double eps) {
    int channels = (int) x.getShape().get(1);
    float[] gamma = null;
    float[] beta = null;
    float[] mean = null;
    float[] var = null;
    Parameter[] p = new Parameter[4];
    for (var e : bn.getParameters()) {
      Parameter q = e.getValue();
      float[] v = q.getArray().toFloatArray();
      switch (q.getType()) {
        case GAMMA -> {
          gamma = v;
          p[0] = q;
        }
        case BETA -> {
          beta = v;
          p[1] = q;
        }
        case RUNNING_MEAN -> {
          mean = v;
          p[2] = q;
        }
        case RUNNING_VAR -> {
          var = v;
          p[3] = q;
        }
        default -> { }
      }
    }
    if (gamma == null || beta == null || mean == null || var == null) {
      throw new IllegalStateException("batch norm without gamma, beta and running statistics");
    }
    NDArray flat = x.transpose(1, 0, 2, 3).reshape(channels, -1); // PyTorch's mean takes one axis here
    NDArray mu = flat.mean(new int[] {1});
    NDArray sigma2 = flat.sub(mu.reshape(channels, 1)).square().mean(new int[] {1});
    float[] m = mu.toFloatArray();
    float[] s2 = sigma2.toFloatArray();
    for (int c = 0; c < channels; c++) {
      double a = gamma[c] / Math.sqrt(var[c] + eps);
      double off = beta[c] - a * mean[c];
      gamma[c] = (float) (a * Math.sqrt(s2[c] + eps));
      beta[c] = (float) (off + a * m[c]);
      mean[c] = m[c];
      var[c] = s2[c];
    }
    org.labpose.net.Engines.assign(p[0].getArray(), gamma);
    org.labpose.net.Engines.assign(p[1].getArray(), beta);
    org.labpose.net.Engines.assign(p[2].getArray(), mean);
    org.labpose.net.Engines.assign(p[3].getArray(), var);
  }
}

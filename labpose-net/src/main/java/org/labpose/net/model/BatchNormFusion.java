package org.labpose.net.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;

/**
 * Folds batch norm into the convolution before it, for inference: with scale {@code s = γ /
 * √(running variance + ε)} per output channel, the convolution's weights become {@code W·s} and its
 * bias {@code β − running mean · s}. The result computes what the trained network computes in
 * inference mode (to float rounding) with one operation less per convolution.
 */
public final class BatchNormFusion {
  private BatchNormFusion() {}

  /**
   * Sets the parameters of {@code fused} (built by {@link PoseNetworks#build(NetSpec, boolean)} with
   * fusion, and initialised) from the trained network {@code trained} of the same spec.
   *
   * @param epsilon the batch norms' ε ({@link NetSpec#batchNormEpsilon()})
   *
   * @throws IllegalStateException when the two networks do not correspond
   */
  public static void fuse(Block trained, Block fused, double epsilon) {
    ParameterList a = trained.getParameters();
    ParameterList b = fused.getParameters();
    int j = 0;
    int i = 0;
    while (i < a.size()) {
      Parameter p = a.valueAt(i);
      if (j >= b.size()) {
        throw new IllegalStateException("the fused network has fewer parameters than the trained one at " + p.getName());
      }
      Parameter q = b.valueAt(j);
      boolean withBn = p.getType() == Parameter.Type.WEIGHT && i + 4 < a.size() && a.valueAt(i + 1).getType() == Parameter.Type.GAMMA;
      if (!withBn) {
        copy(p.getArray(), q.getArray(), p.getName());
        i++;
        j++;
        continue;
      }
      float[] w = floats(p.getArray());
      float[] gamma = floats(a.valueAt(i + 1).getArray());
      float[] beta = floats(a.valueAt(i + 2).getArray());
      float[] mean = floats(a.valueAt(i + 3).getArray());
      float[] var = floats(a.valueAt(i + 4).getArray());
      if (a.valueAt(i + 3).getType() != Parameter.Type.RUNNING_MEAN || a.valueAt(i + 4).getType() != Parameter.Type.RUNNING_VAR) {
        throw new IllegalStateException("unexpected batch-norm parameters after " + p.getName());
      }
      int out = gamma.length;
      int per = w.length / out;
      float[] bias = new float[out];
      for (int o = 0; o < out; o++) {
        double s = gamma[o] / Math.sqrt(var[o] + epsilon);
        for (int k = 0; k < per; k++) {
          w[o * per + k] = (float) (w[o * per + k] * s);
        }
        bias[o] = (float) (beta[o] - mean[o] * s);
      }
      if (j + 1 >= b.size() || b.valueAt(j + 1).getType() != Parameter.Type.BIAS) {
        throw new IllegalStateException("the fused network has no bias after " + q.getName());
      }
      set(q.getArray(), w, p.getArray().getShape().equals(q.getArray().getShape()), q.getName());
      set(b.valueAt(j + 1).getArray(), bias, b.valueAt(j + 1).getArray().getShape().size() == out, q.getName() + " bias");
      i += 5;
      j += 2;
    }
    if (j != b.size()) {
      throw new IllegalStateException("the fused network has " + (b.size() - j) + " parameters more than the trained one");
    }
  }

  private static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private static void copy(NDArray from, NDArray to, String name) {
    set(to, floats(from), from.getShape().equals(to.getShape()), name);
  }

  private static void set(NDArray to, float[] values, boolean shapeOk, String name) {
    if (!shapeOk) {
      throw new IllegalStateException("parameter " + name + ": shapes of the trained and fused networks differ");
    }
    org.labpose.net.Engines.assign(to, values);
  }
}

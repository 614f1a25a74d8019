package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labpose.net.Engines;

/** The fused network computes what the trained one computes in inference mode. */
class BatchNormFusionTest {

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "mobilenet_v2_0.35", "mobilenet_v2_1.0", "resnet_50"})
  void fusedEqualsUnfused(String net) {
    Engines.start(2);
    NetSpec spec = new NetSpec(net, 3, 8);
    Shape in = new Shape(2, 3, 64, 96);
    try (NDManager m = NDManager.newBaseManager()) {
      Block trained = PoseNetworks.build(spec);
      trained.initialize(m, DataType.FLOAT32, in);
      // batch norm with statistics far from the identity, so that folding has something to do
      Random r = new Random(5);
      int bn = 0;
      for (var e : trained.getParameters()) {
        Parameter p = e.getValue();
        NDArray a = p.getArray();
        int n = (int) a.getShape().size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
          v[i] = switch (p.getType()) {
            case GAMMA -> (float) (0.5 + r.nextDouble());
            case BETA, RUNNING_MEAN -> (float) (0.2 * r.nextGaussian());
            case RUNNING_VAR -> (float) (0.5 + r.nextDouble());
            default -> (float) (r.nextGaussian() * Math.sqrt(2.0 / Math.max(1, n / a.getShape().get(0))));
          };
        }
        a.set(FloatBuffer.wrap(v));
        bn += p.getType() == Parameter.Type.GAMMA ? 1 : 0;
      }
      assertTrue(net.equals("tiny") ? bn == 7 : bn > 50, "batch norms: " + bn);
      Block fused = PoseNetworks.build(spec, true);
      fused.initialize(m, DataType.FLOAT32, in);
      BatchNormFusion.fuse(trained, fused, spec.batchNormEpsilon());
      assertEquals(trained.getParameters().size() - 3 * bn, fused.getParameters().size(), "conv + 4 batch-norm arrays become conv + bias");

      NDArray x = m.randomUniform(0, 1, in);
      ParameterStore ps = new ParameterStore(m, false);
      float[] a = trained.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
      float[] b = fused.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
      assertEquals(a.length, b.length);
      double scale = 0;
      double maxDiff = 0;
      for (int i = 0; i < a.length; i++) {
        scale = Math.max(scale, Math.abs(a[i]));
        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      }
      assertTrue(scale > 1e-3, "outputs are not trivially zero: " + scale);
      assertTrue(maxDiff <= 1e-4 * Math.max(1, scale), "max difference " + maxDiff + " at output scale " + scale);
    }
  }
}

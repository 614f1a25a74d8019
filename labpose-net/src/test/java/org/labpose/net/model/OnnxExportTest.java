package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labpose.net.Engines;

/** The ONNX model, run by ONNX Runtime, computes what the network computes here. */
class OnnxExportTest {

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "mobilenet_v2_0.35", "mobilenet_v2_1.0", "resnet_50"})
  void onnxRuntimeAgreesWithTheNetwork(String net) throws Exception {
    Engines.start(2);
    int keypoints = 3;
    NetSpec spec = new NetSpec(net, keypoints, 8);
    // one size to build with, two other sizes (and batch sizes) to run: the ONNX input is free in size
    try (NDManager m = NDManager.newBaseManager()) {
      Block fused = PoseNetworks.build(spec, true);
      fused.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      Random r = new Random(11);
      for (var e : fused.getParameters()) {
        NDArray a = e.getValue().getArray();
        long fanIn = Math.max(1, a.getShape().size() / a.getShape().get(0));
        float[] v = new float[(int) a.getShape().size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (r.nextGaussian() * Math.sqrt(2.0 / fanIn) + (a.getShape().dimension() == 1 ? 0.1 : 0));
        }
        a.set(FloatBuffer.wrap(v));
      }
      byte[] onnx = OnnxExport.toBytes(fused, 3 * keypoints, Map.of("keypoints", "a,b,c"));
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
        assertEquals("a,b,c", session.getMetadata().getCustomMetadata().get("keypoints"));
        ParameterStore ps = new ParameterStore(m, false);
        for (long[] shape : new long[][] {{1, 3, 48, 80}, {2, 3, 96, 64}}) {
          float[] x = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
          }
          NDArray djlOut = fused.forward(ps, new NDList(m.create(x, new Shape(shape))), false).singletonOrThrow();
          float[] expected = djlOut.toFloatArray();
          try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
               OrtSession.Result res = session.run(Map.of("image", in))) {
            OnnxTensor out = (OnnxTensor) res.get("maps").orElseThrow();
            assertArrayEquals(djlOut.getShape().getShape(), out.getInfo().getShape(), net + " output shape");
            float[] got = new float[expected.length];
            out.getFloatBuffer().get(got);
            double scale = 0;
            for (float v : expected) {
              scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1e-3, "outputs are not all zero");
            for (int i = 0; i < got.length; i++) {
              assertEquals(expected[i], got[i], 1e-4 * scale + 1e-5, net + " " + java.util.Arrays.toString(shape) + " value " + i);
            }
          }
        }
      }
    }
  }

  @Test
  void batchNormIsNotExportedAsSuch() {
    Engines.start(1);
    try (NDManager m = NDManager.newBaseManager()) {
      Block trained = PoseNetworks.build(new NetSpec("tiny", 2, 8));
      trained.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(trained, 6, Map.of()));
      assertTrue(e.getMessage().contains("batch norm folded"), e.getMessage());
    }
  }
}

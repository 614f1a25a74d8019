package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.labpose.net.Engines;

class PoseNetworksTest {
  @Test
  void depthToSpaceMatchesNaiveReference() {
    Engines.start(2);
    try (NDManager m = NDManager.newBaseManager()) {
      int b = 2;
      int c = 3;
      int h = 4;
      int w = 5;
      float[] in = new float[b * 4 * c * h * w];
      for (int i = 0; i < in.length; i++) {
        in[i] = i;
      }
      float[] got = PoseNetworks.depthToSpace2(m.create(in, new Shape(b, 4 * c, h, w)), c).toFloatArray();
      float[] want = new float[in.length];
      for (int n = 0; n < b; n++) {
        for (int ch = 0; ch < c; ch++) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                  int src = ((n * 4 * c + ch * 4 + i * 2 + j) * h + y) * w + x;
                  int dst = ((n * c + ch) * 2 * h + 2 * y + i) * 2 * w + 2 * x + j;
                  want[dst] = in[src];
                }
              }
            }
          }
        }
      }
      assertArrayEquals(want, got);
    }
  }

  @Test
  void outputsAreAtStrideEight() {
    Engines.start(2);
    for (String net : new String[] {"tiny", "mobilenet_v2_0.35", "resnet_50"}) {
      try (NDManager m = NDManager.newBaseManager()) {
        Block block = PoseNetworks.build(new NetSpec(net, 4, 8));
        block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 128, 96));
        NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 3, 128, 96))), false).singletonOrThrow();
        assertEquals(new Shape(1, 12, 16, 12), out.getShape(), net);
      }
    }
  }

  @Test
  void resNet50HasTorchvisionsParameters() {
    Engines.start(2);
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = PoseNetworks.build(new NetSpec("resnet_50", 4, 8));
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      long backbone = 0;
      int convs = 0;
      var ps = block.getParameters();
      for (int i = 0; i < ps.size() - 2; i++) { // all but the head's weight and bias
        backbone += ps.valueAt(i).getArray().getShape().size();
        convs += ps.valueAt(i).getType() == ai.djl.nn.Parameter.Type.WEIGHT ? 1 : 0;
      }
      // torchvision's resnet50 without fc: 23,508,032 parameters and 53,120 batch-norm running values
      assertEquals(23_508_032L + 53_120L, backbone);
      assertEquals(53, convs, "1 stem + 16 × 3 bottleneck + 4 downsample convolutions");
    }
  }

  @Test
  void mobileNetChannelsFollowKeras() {
    assertEquals(32, PoseNetworks.makeDivisible(32 * 1.0));
    assertEquals(16, PoseNetworks.makeDivisible(32 * 0.35));
    assertEquals(8, PoseNetworks.makeDivisible(16 * 0.35));
    assertEquals(112, PoseNetworks.makeDivisible(320 * 0.35));
  }
}

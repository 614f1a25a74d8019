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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.net.Engines;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.PoseNetworks;

/**
 * The converted nsfwjs MobileNetV2 computes the same features as the original TensorFlow.js model:
 * the reference (layer block_12_add for a fixed 224×224 input) was computed with
 * tfjs-core/backend-cpu/layers 4 under Node by tfjs_reference.js beside the fixture.
 */
class MobileNetV2WeightsTest {
  @TempDir Path dir;

  private PretrainedStore store() throws Exception {
    PretrainedStore standard = PretrainedStore.standard();
    if (standard.has(PretrainedStore.MOBILENET_V2_IMAGENET.name())) {
      return standard;
    }
    PretrainedStore tmp = new PretrainedStore(dir.resolve("models"));
    try {
      tmp.fetch(PretrainedStore.MOBILENET_V2_IMAGENET, null, "https://registry.npmjs.org/");
    } catch (java.io.IOException e) {
      assumeTrue(false, "nsfwjs@4.4.0 could not be obtained (offline?): skipping the weight comparison");
    }
    return tmp;
  }

  @Test
  void featuresMatchTensorFlowJs() throws Exception {
    PretrainedStore store = store();
    List<PretrainedStore.Stored> tensors = store.load(PretrainedStore.MOBILENET_V2_IMAGENET.name());
    assertEquals(MobileNetV2Weights.order().size(), tensors.size());
    Engines.start(2);
    int h = 224;
    float[] ref = new float[14 * 14 * 96];
    try (InputStream in = getClass().getResourceAsStream("nsfwjs_block_12_add_224.f32")) {
      ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock net = (SequentialBlock) PoseNetworks.build(new NetSpec("mobilenet_v2_1.0", 4, 8));
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, h, h));
      int set = BackboneInit.apply(net, tensors);
      assertEquals(tensors.size(), set);
      float[] x = new float[3 * h * h];
      for (int y = 0; y < h; y++) {
        for (int xx = 0; xx < h; xx++) {
          for (int c = 0; c < 3; c++) {
            x[c * h * h + y * h + xx] = ((xx * 7 + y * 13 + c * 31) % 256) / 255f;
          }
        }
      }
      NDList cur = new NDList(m.create(x, new Shape(1, 3, h, h)));
      ParameterStore ps = new ParameterStore(m, false);
      List<Block> children = net.getChildren().values();
      for (int i = 0; i < 14; i++) { // Conv1, expanded_conv, block_1 ... block_12
        cur = children.get(i).forward(ps, cur, false);
      }
      NDArray out = cur.singletonOrThrow();
      assertEquals(new Shape(1, 96, 14, 14), out.getShape());
      float[] got = out.toFloatArray();
      double[] d = FeatureMaps.difference(ref, got, 96, 14, 14);
      double maxDiff = d[0];
      double maxRef = d[1];
      assertTrue(maxRef > 1, "the reference is not trivial: " + maxRef);
      assertTrue(maxDiff < 1e-3, "max |difference| " + maxDiff + " (features up to " + maxRef + ")");
    }
  }

  @Test
  void kernelLayoutsConvertLikeNaiveIndexing() throws Exception {
    float[] v = new float[3 * 3 * 2 * 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    MobileNetV2Weights.Converted c = MobileNetV2Weights.convert(new TfjsWeights.Tensor("k", new int[] {3, 3, 2, 4}, v), MobileNetV2Weights.Kind.CONV);
    // HWIO (h=1, w=2, i=1, o=3) -> OIHW (3, 1, 1, 2)
    assertEquals(v[((1 * 3 + 2) * 2 + 1) * 4 + 3], c.values()[((3 * 2 + 1) * 3 + 1) * 3 + 2]);
    float[] d = new float[3 * 3 * 5];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    MobileNetV2Weights.Converted dc = MobileNetV2Weights.convert(new TfjsWeights.Tensor("d", new int[] {3, 3, 5, 1}, d), MobileNetV2Weights.Kind.DEPTHWISE);
    assertEquals(d[(2 * 3 + 0) * 5 + 4], dc.values()[(4 * 3 + 2) * 3 + 0]);
  }

  @Test
  void halfPrecisionAndQuantisedDecoding() throws Exception {
    assertEquals(1.0f, TfjsWeights.halfToFloat((short) 0x3c00));
    assertEquals(-2.0f, TfjsWeights.halfToFloat((short) 0xc000));
    assertEquals(65504f, TfjsWeights.halfToFloat((short) 0x7bff));
    assertEquals(5.960464477539063e-8f, TfjsWeights.halfToFloat((short) 0x0001), 1e-12);
    var manifest = TfjsWeights.parseLenient("[{paths:['x'],weights:[{name:'a',shape:[2],dtype:'float32',quantization:{min:-1,scale:.5,dtype:'uint8'}},{name:'b',shape:[1],dtype:'float32',quantization:{dtype:'float16'}},{name:'c',shape:[1],dtype:'float32'}]}]");
    byte[] data = {0, 4, 0x00, 0x3c, 0, 0, (byte) 0x80, 0x3f};
    TfjsWeights w = TfjsWeights.decode(manifest, data);
    assertEquals(-1f, w.get("a").values()[0]);
    assertEquals(1f, w.get("a").values()[1]);
    assertEquals(1f, w.get("b").values()[0]);
    assertEquals(1f, w.get("c").values()[0]);
    assertEquals("{a:true,b:false,s:'!0'}", TfjsWeights.fixMinifiedBooleans("{a:!0,b:!1,s:'!0'}"));
  }

  @Test
  void aDifferentPackageIsRefused() throws Exception {
    Path fake = dir.resolve("nsfwjs-4.4.0.tgz");
    Files.write(fake, new byte[] {1, 2, 3});
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.labpose.core.io.InputFormatException.class,
        () -> new PretrainedStore(dir.resolve("m")).fetch(PretrainedStore.MOBILENET_V2_IMAGENET, fake, "http://127.0.0.1:9/"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }
}

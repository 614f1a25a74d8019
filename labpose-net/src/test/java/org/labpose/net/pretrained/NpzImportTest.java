package org.labpose.net.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.net.Engines;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.PoseNetworks;

/** torchvision-named ResNet-50 weights in a .npz land in the right parameters. */
class NpzImportTest {
  @TempDir Path dir;

  /** Writes float32 arrays as numpy.savez does (zip of .npy, format 1.0). */
  private static void writeNpz(Path f, List<String> names, List<long[]> shapes, List<float[]> values) throws IOException {
    try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
      for (int i = 0; i < names.size(); i++) {
        StringBuilder shape = new StringBuilder("(");
        for (long s : shapes.get(i)) {
          shape.append(s).append(", ");
        }
        String h = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape.toString().replaceAll(", $", shapes.get(i).length == 1 ? "," : "") + "), }";
        int total = 10 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = h + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.get(i).length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values.get(i)) {
          b.putFloat(v);
        }
        z.putNextEntry(new ZipEntry(names.get(i) + ".npy"));
        z.write(b.array());
        z.closeEntry();
      }
    }
  }

  @Test
  void torchvisionNamesMapOntoTheBackbone() throws Exception {
    Engines.start(2);
    List<String> names = PretrainedStore.torchvisionResNet50Names();
    assertEquals(53 * 5, names.size());
    try (NDManager m = NDManager.newBaseManager()) {
      Block net = PoseNetworks.build(new NetSpec("resnet_50", 4, 8));
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      var params = net.getParameters();
      List<long[]> shapes = new java.util.ArrayList<>();
      List<float[]> values = new java.util.ArrayList<>();
      Random r = new Random(3);
      for (int i = 0; i < names.size(); i++) {
        long[] s = params.valueAt(i).getArray().getShape().getShape();
        float[] v = new float[(int) params.valueAt(i).getArray().getShape().size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = (float) r.nextGaussian();
        }
        shapes.add(s);
        values.add(v);
      }
      Path npz = dir.resolve("r50.npz");
      writeNpz(npz, names, shapes, values);
      PretrainedStore store = new PretrainedStore(dir.resolve("models"));
      store.importNpz(npz, "r50_test", "resnet_50", new float[] {1, 2, 3}, new float[] {4, 5, 6}, "test");
      PretrainedStore.Backbone bb = store.backbone("r50_test");
      assertEquals("resnet_50", bb.net());
      assertArrayEquals(new float[] {1, 2, 3}, bb.mean());
      assertArrayEquals(new float[] {4, 5, 6}, bb.std());
      assertEquals(names.size(), BackboneInit.apply(net, store.load("r50_test")));
      for (int i : new int[] {0, 1, 4, 5, 37, names.size() - 1}) {
        assertArrayEquals(values.get(i), params.valueAt(i).getArray().toFloatArray(), names.get(i));
      }

      // a missing array is named
      writeNpz(dir.resolve("short.npz"), names.subList(0, 10), shapes.subList(0, 10), values.subList(0, 10));
      InputFormatException e = assertThrows(InputFormatException.class,
          () -> store.importNpz(dir.resolve("short.npz"), "short", "resnet_50", new float[3], new float[] {1, 1, 1}, "x"));
      assertTrue(e.getMessage().contains("layer1.0.conv2.weight"), e.getMessage());
    }
  }
}

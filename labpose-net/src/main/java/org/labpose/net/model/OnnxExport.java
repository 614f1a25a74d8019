package org.labpose.net.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Writes a pose network, with batch norm folded ({@link PoseNetworks#build(NetSpec, boolean)} with
 * fusion, weights set), as an ONNX model (IR version 8, opset 17): input {@code image} of shape
 * (batch, 3, height, width), float32, normalised as the model's manifest says, height and width
 * multiples of the network's input multiple; output {@code maps} of shape (batch, 3K, height/8,
 * width/8), the same numbers the network computes here (score logits, then location refinement).
 * The graph is read from the network's layers (convolutions, ReLU, ReLU6, residual additions, zero
 * padding, max pooling, depth-to-space); a layer of another kind is an error, never a guess.
 */
public final class OnnxExport {
  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_INTS = 7;

  private final Protobuf graph = new Protobuf();
  private int counter;
  private boolean relu6Bounds;

  private OnnxExport() {}

  /**
   * The ONNX model's bytes.
   *
   * @param net the fused network, initialised with its weights
   * @param outputChannels 3K, the network's output channels
   * @param metadata key/value pairs stored in the model (keypoints, scale, normalisation...)
   * @throws IllegalArgumentException when the network holds a layer that has no ONNX equivalent here
   */
  public static byte[] toBytes(Block net, int outputChannels, Map<String, String> metadata) {
    OnnxExport e = new OnnxExport();
    String out = e.emit(net, "image");
    Protobuf g = e.graph;
    g.string(2, "labpose_pose_network");
    g.message(11, valueInfo("image", new Object[] {"batch", 3L, "height", "width"}));
    // the last node writes 'maps' directly: rename by an Identity node
    g.message(1, node("Identity", List.of(out), "maps", "output"));
    g.message(12, valueInfo("maps", new Object[] {"batch", (long) outputChannels, "maps_height", "maps_width"}));
    Protobuf model = new Protobuf()
        .integer(1, 8)
        .string(2, "LabPose")
        .string(3, "1")
        .message(8, new Protobuf().string(1, "").integer(2, 17))
        .message(7, g);
    for (Map.Entry<String, String> m : metadata.entrySet()) {
      model.message(14, new Protobuf().string(1, m.getKey()).string(2, m.getValue()));
    }
    return model.toByteArray();
  }

  private String fresh(String kind) {
    return kind + "_" + (++counter);
  }

  private String emit(Block b, String in) {
    if (b instanceof SequentialBlock seq) {
      String x = in;
      for (Block c : seq.getChildren().values()) {
        x = emit(c, x);
      }
      return x;
    }
    if (b instanceof Layers.Residual r) {
      List<Block> branches = r.getChildren().values();
      String a = emit(branches.get(0), in);
      String s = emit(branches.get(1), in);
      String sum = fresh("add");
      graph.message(1, node("Add", List.of(a, s), sum, sum));
      if (!r.reluAfter) {
        return sum;
      }
      String y = fresh("relu");
      graph.message(1, node("Relu", List.of(sum), y, y));
      return y;
    }
    if (b instanceof Conv2d conv) {
      return conv(conv, in);
    }
    if (b instanceof Layers.PadBottomRight) {
      String pads = fresh("pads");
      ByteBuffer buf = ByteBuffer.allocate(8 * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : new long[] {0, 0, 0, 0, 0, 0, 1, 1}) {
        buf.putLong(v);
      }
      graph.message(5, tensor(pads, INT64, new long[] {8}, buf.array()));
      String y = fresh("pad");
      graph.message(1, node("Pad", List.of(in, pads), y, y));
      return y;
    }
    if (b instanceof Layers.DepthToSpace) {
      String y = fresh("depth_to_space");
      graph.message(1, node("DepthToSpace", List.of(in), y, y).message(5, intAttr("blocksize", 2)).message(5, stringAttr("mode", "CRD")));
      return y;
    }
    if (b instanceof Layers.MaxPool p) {
      String y = fresh("max_pool");
      graph.message(1, node("MaxPool", List.of(in), y, y)
          .message(5, intsAttr("kernel_shape", p.kernel, p.kernel))
          .message(5, intsAttr("strides", p.stride, p.stride))
          .message(5, intsAttr("pads", p.padding, p.padding, p.padding, p.padding)));
      return y;
    }
    if (b instanceof LambdaBlock l) {
      switch (l.getName()) {
        case "identity" -> {
          return in;
        }
        case "ReLU" -> {
          String y = fresh("relu");
          graph.message(1, node("Relu", List.of(in), y, y));
          return y;
        }
        case "ReLU6" -> {
          if (!relu6Bounds) {
            graph.message(5, tensor("relu6_min", FLOAT, new long[0], floatBytes(new float[] {0f})));
            graph.message(5, tensor("relu6_max", FLOAT, new long[0], floatBytes(new float[] {6f})));
            relu6Bounds = true;
          }
          String y = fresh("relu6");
          graph.message(1, node("Clip", List.of(in, "relu6_min", "relu6_max"), y, y));
          return y;
        }
        default -> throw new IllegalArgumentException("no ONNX equivalent for layer '" + l.getName() + "'");
      }
    }
    throw new IllegalArgumentException("no ONNX equivalent for layer " + b.getClass().getSimpleName()
        + (b.getClass().getSimpleName().equals("BatchNorm") ? " (export the network with batch norm folded)" : ""));
  }

  private String conv(Conv2d conv, String in) {
    ParameterList params = conv.getParameters();
    String name = fresh("conv");
    String w = name + "_weight";
    NDArray weight = params.get("weight").getArray();
    graph.message(5, tensor(w, FLOAT, weight.getShape().getShape(), floatBytes(floats(weight))));
    Protobuf n = node("Conv", conv.isIncludeBias() ? List.of(in, w, name + "_bias") : List.of(in, w), name, name);
    if (conv.isIncludeBias()) {
      Parameter bias = params.get("bias");
      graph.message(5, tensor(name + "_bias", FLOAT, bias.getArray().getShape().getShape(), floatBytes(floats(bias.getArray()))));
    }
    Shape k = conv.getKernelShape();
    Shape s = conv.getStride();
    Shape p = conv.getPadding();
    Shape d = conv.getDilation();
    n.message(5, intsAttr("kernel_shape", k.get(0), k.get(1)))
        .message(5, intsAttr("strides", s.get(0), s.get(1)))
        .message(5, intsAttr("pads", p.get(0), p.get(1), p.get(0), p.get(1)))
        .message(5, intsAttr("dilations", d.get(0), d.get(1)))
        .message(5, intAttr("group", conv.getGroups()));
    graph.message(1, n);
    return name;
  }

  private static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private static byte[] floatBytes(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    return buf.array();
  }

  private static Protobuf node(String op, List<String> inputs, String output, String name) {
    Protobuf n = new Protobuf();
    for (String i : inputs) {
      n.string(1, i);
    }
    return n.string(2, output).string(3, name).string(4, op);
  }

  private static Protobuf tensor(String name, int type, long[] dims, byte[] raw) {
    Protobuf t = new Protobuf();
    for (long d : dims) {
      t.integer(1, d);
    }
    return t.integer(2, type).string(8, name).bytes(9, raw);
  }

  private static Protobuf intAttr(String name, long v) {
    return new Protobuf().string(1, name).integer(3, v).integer(20, ATTR_INT);
  }

  private static Protobuf intsAttr(String name, long... v) {
    Protobuf a = new Protobuf().string(1, name);
    for (long x : v) {
      a.integer(8, x);
    }
    return a.integer(20, ATTR_INTS);
  }

  private static Protobuf stringAttr(String name, String v) {
    return new Protobuf().string(1, name).string(4, v).integer(20, ATTR_STRING);
  }

  /** A tensor type with dimensions given as Long (fixed) or String (named, free). */
  private static Protobuf valueInfo(String name, Object[] dims) {
    Protobuf shape = new Protobuf();
    for (Object d : dims) {
      shape.message(1, d instanceof Long v ? new Protobuf().integer(1, v) : new Protobuf().string(2, (String) d));
    }
    Protobuf tensorType = new Protobuf().integer(1, FLOAT).message(2, shape);
    return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
  }
}

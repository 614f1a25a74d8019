package org.labpose.net.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * The parameter-free layers of the pose networks as named types, so that a network can be read
 * back layer by layer (to write it as ONNX: {@link OnnxExport}) instead of hiding in lambdas.
 */
final class Layers {
  private Layers() {}

  /** {@code main(x) + shortcut(x)}, then ReLU when {@code reluAfter} (ResNet) or not (MobileNetV2). */
  static final class Residual extends ParallelBlock {
    final boolean reluAfter;

    Residual(Block main, Block shortcut, boolean reluAfter) {
      super(list -> {
        NDArray sum = list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow());
        return new NDList(reluAfter ? Activation.relu(sum) : sum);
      }, Arrays.asList(main, shortcut));
      this.reluAfter = reluAfter;
    }
  }

  /** Zero padding of one pixel at the bottom and right (Keras' padding before a stride-2 convolution). */
  static final class PadBottomRight extends LambdaBlock {
    PadBottomRight() {
      super(list -> new NDList(list.singletonOrThrow().pad(new Shape(0, 1, 0, 1), 0)), "padBottomRight");
    }
  }

  /** (B, 4C, H, W) → (B, C, 2H, 2W), see {@link PoseNetworks#depthToSpace2}; ONNX's DepthToSpace in CRD mode. */
  static final class DepthToSpace extends LambdaBlock {
    DepthToSpace(int channels) {
      super(list -> new NDList(PoseNetworks.depthToSpace2(list.singletonOrThrow(), channels)), "depthToSpace2");
    }
  }

  /** Square max pooling (padding ignored in the maximum). */
  static final class MaxPool extends LambdaBlock {
    final int kernel;
    final int stride;
    final int padding;

    MaxPool(int kernel, int stride, int padding) {
      super(list -> new NDList(Pool.maxPool2d(list.singletonOrThrow(), new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding), false)),
          "maxPool");
      this.kernel = kernel;
      this.stride = stride;
      this.padding = padding;
    }
  }
}

package org.labpose.net.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * Builds pose networks: a backbone to stride 16 (8 for {@code tiny}), then a DeepLabCut-style head
 * of one sub-pixel convolution (a learnable ×2 upsampling, as DeepLabCut's transposed
 * convolution) to stride 8 whose output holds, per keypoint, a score-map logit and
 * two location-refinement offsets. Output: one array of shape (batch, 3K, H/8, W/8): channels
 * [0, K) are score logits, [K, 3K) are x/y offsets (x of keypoint k at K + 2k, y at K + 2k + 1).
 */
public final class PoseNetworks {
  private PoseNetworks() {}

  /** The network for a spec (weights uninitialised). */
  public static Block build(NetSpec spec) {
    return build(spec, false);
  }

  /**
   * The network for a spec; with {@code fusedBatchNorm}, for inference only: every convolution
   * followed by batch norm becomes one convolution with a bias (see {@link BatchNormFusion}), the
   * parameters otherwise in the same order.
   */
  public static Block build(NetSpec spec, boolean fusedBatchNorm) {
    boolean fused = fusedBatchNorm;
    SequentialBlock net = new SequentialBlock();
    switch (spec.name()) {
      case "tiny" -> {
        net.add(convBnRelu(24, 3, 2, 1, 1, fused));
        net.add(convBnRelu(32, 3, 1, 1, 1, fused));
        net.add(convBnRelu(48, 3, 2, 1, 1, fused));
        net.add(convBnRelu(48, 3, 1, 1, 1, fused));
        net.add(convBnRelu(64, 3, 2, 1, 1, fused));
        net.add(convBnRelu(64, 3, 1, 1, 2, fused));
        net.add(convBnRelu(64, 3, 1, 1, 4, fused));
        // tiny is already at stride 8: a 3x3 conv head instead of a transposed convolution
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(spec.outputChannels()).build());
        return net;
      }
      case "resnet_50" -> resNet50(net, fused);
      default -> mobileNetV2(net, spec.mobileNetWidth(), fused);
    }
    // Head: a sub-pixel convolution (3x3 conv to 4x the channels, then depth-to-space), the
    // equivalent of DeepLabCut's stride-2 transposed convolution (which DJL's PyTorch engine lacks).
    int c = spec.outputChannels();
    net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4 * c).build());
    net.add(new Layers.DepthToSpace(c));
    return net;
  }

  /** (B, 4C, H, W) → (B, C, 2H, 2W): channel 4c + 2i + j of a cell goes to sub-position (i, j). */
  static NDArray depthToSpace2(NDArray x, int c) {
    Shape s = x.getShape();
    long b = s.get(0);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(b, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, 2 * h, 2 * w);
  }

  private static Block convBnRelu(int filters, int kernel, int stride, int groups, int dilation, boolean fused) {
    return convBn(filters, kernel, stride, groups, dilation, Activation.reluBlock(), fused);
  }

  /** Batch norm's epsilon (Keras' value, which the pretrained weights were trained with). */
  public static final float BN_EPSILON = 1e-3f;

  /**
   * Adds a convolution (no bias) and batch norm (Keras' epsilon and momentum) to {@code s}; when
   * {@code fused}, one convolution with a bias instead.
   */
  private static SequentialBlock addConvBn(SequentialBlock s, Conv2d.Builder conv, boolean fused) {
    if (fused) {
      return s.add(conv.optBias(true).build());
    }
    return s.add(conv.optBias(false).build()).add(BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(0.99f).build());
  }

  /** Convolution with symmetric padding, batch norm, activation. */
  private static Block convBn(int filters, int kernel, int stride, int groups, int dilation, Block activation, boolean fused) {
    int pad = dilation * (kernel - 1) / 2;
    return addConvBn(new SequentialBlock(), Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad)).optDilation(new Shape(dilation, dilation)).optGroups(groups).setFilters(filters), fused)
        .add(activation);
  }

  private static Block convBnRelu6(int filters, int kernel, int stride, int groups, int dilation, boolean fused) {
    if (stride == 2) {
      // Keras pads stride-2 convolutions of even-sized inputs by one pixel at the bottom and right
      // only (ZeroPadding2D((0, 1), (0, 1)) then 'valid'); pretrained weights expect that alignment.
      SequentialBlock s = new SequentialBlock().add(new Layers.PadBottomRight());
      return addConvBn(s, Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(2, 2))
          .optGroups(groups).setFilters(filters), fused).add(Activation.relu6Block());
    }
    return convBn(filters, kernel, stride, groups, dilation, Activation.relu6Block(), fused);
  }

  /** The linear 1×1 projection of an inverted residual block, with batch norm. */
  private static Block projectBn(int filters, boolean fused) {
    return addConvBn(new SequentialBlock(), Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters), fused);
  }

  /** Channels rounded as Keras' MobileNetV2 does (multiples of 8, never below 90 %). */
  static int makeDivisible(double v) {
    int d = 8;
    int n = Math.max(d, (int) (v + d / 2.0) / d * d);
    if (n < 0.9 * v) {
      n += d;
    }
    return n;
  }

  /**
   * Keras' MobileNetV2 layer for layer (Conv1, 17 inverted-residual blocks, Conv_1), with the last
   * stride-2 stage replaced by dilation 2 so that the output stride is 16, as DeepLabCut does.
   *
   * @return channels of the output features
   */
  static int mobileNetV2(SequentialBlock net, double alpha, boolean fused) {
    int first = makeDivisible(32 * alpha);
    net.add(convBnRelu6(first, 3, 2, 1, 1, fused));
    int[][] cfg = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    int in = first;
    int dilation = 1;
    for (int[] c : cfg) {
      int t = c[0];
      int out = makeDivisible(c[1] * alpha);
      for (int i = 0; i < c[2]; i++) {
        int stride = i == 0 ? c[3] : 1;
        int dil = dilation;
        if (stride == 2 && c[1] == 160) {
          stride = 1; // keep stride 16: the rest of the network is dilated instead
          dilation = 2;
        }
        net.add(invertedResidual(in, out, t, stride, dil, fused));
        in = out;
      }
    }
    int last = alpha > 1.0 ? makeDivisible(1280 * alpha) : 1280;
    net.add(addConvBn(new SequentialBlock(), Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(last), fused)
        .add(Activation.relu6Block()));
    return last;
  }

  /** Adds a convolution (no bias) and batch norm with PyTorch's ε (or, fused, a convolution with bias). */
  private static SequentialBlock addConvBnTorch(SequentialBlock s, Conv2d.Builder conv, boolean fused) {
    if (fused) {
      return s.add(conv.optBias(true).build());
    }
    return s.add(conv.optBias(false).build()).add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
  }

  private static Conv2d.Builder conv(int filters, int kernel, int stride, int dilation) {
    int pad = dilation * (kernel - 1) / 2;
    return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad)).optDilation(new Shape(dilation, dilation)).setFilters(filters);
  }

  /**
   * ResNet-50 as torchvision builds it (v1.5: the stride on the 3×3 convolution of a bottleneck),
   * parameters in the order of torchvision's state dict (conv1, bn1, layer1.0.conv1, ...,
   * downsample after each block's third convolution), with layer4 dilated instead of strided so the
   * output stride is 16, as DeepLabCut does.
   */
  static void resNet50(SequentialBlock net, boolean fused) {
    net.add(addConvBnTorch(new SequentialBlock(), conv(64, 7, 2, 1), fused).add(Activation.reluBlock()));
    net.add(new Layers.MaxPool(3, 2, 1));
    int[][] layers = {{64, 3, 1, 1}, {128, 4, 2, 1}, {256, 6, 2, 1}, {512, 3, 1, 2}};
    for (int[] l : layers) {
      int width = l[0];
      for (int b = 0; b < l[1]; b++) {
        int stride = b == 0 ? l[2] : 1;
        int dilation = l[3];
        int out = width * 4;
        SequentialBlock main = new SequentialBlock();
        addConvBnTorch(main, conv(width, 1, 1, 1), fused).add(Activation.reluBlock());
        addConvBnTorch(main, conv(width, 3, stride, b == 0 && dilation > 1 ? 1 : dilation), fused).add(Activation.reluBlock());
        addConvBnTorch(main, conv(out, 1, 1, 1), fused);
        Block shortcut = b == 0 ? addConvBnTorch(new SequentialBlock(), conv(out, 1, stride, 1), fused) : Blocks.identityBlock();
        net.add(new Layers.Residual(main, shortcut, true));
      }
    }
  }

  private static Block invertedResidual(int in, int out, int expansion, int stride, int dilation, boolean fused) {
    int hidden = in * expansion;
    SequentialBlock main = new SequentialBlock();
    if (expansion != 1) {
      main.add(convBnRelu6(hidden, 1, 1, 1, 1, fused));
    }
    main.add(convBnRelu6(hidden, 3, stride, hidden, dilation, fused));
    main.add(projectBn(out, fused));
    if (stride == 1 && in == out) {
      return new Layers.Residual(main, Blocks.identityBlock(), false);
    }
    return main;
  }
}

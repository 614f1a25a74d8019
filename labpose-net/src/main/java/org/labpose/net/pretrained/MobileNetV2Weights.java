package org.labpose.net.pretrained;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras' MobileNetV2 layer names in the order in which LabPose's MobileNetV2 holds its
 * parameters, and the conversion of Keras tensors to LabPose's layouts: convolution kernels
 * HWIO → OIHW, depthwise kernels (H, W, C, 1) → (C, 1, H, W).
 */
public final class MobileNetV2Weights {
  private MobileNetV2Weights() {}

  /** One parameter: Keras tensor name and whether it is a convolution kernel (needs re-layout). */
  public record Entry(String keras, Kind kind) {}

  /** What a tensor is. */
  public enum Kind { CONV, DEPTHWISE, BN_GAMMA, BN_BETA, BN_MEAN, BN_VAR }

  /** The backbone's parameters in order (Conv1 … Conv_1_bn). */
  public static List<Entry> order() {
    List<Entry> e = new ArrayList<>();
    conv(e, "Conv1", "bn_Conv1", Kind.CONV);
    conv(e, "expanded_conv_depthwise", "expanded_conv_depthwise_BN", Kind.DEPTHWISE);
    conv(e, "expanded_conv_project", "expanded_conv_project_BN", Kind.CONV);
    for (int b = 1; b <= 16; b++) {
      conv(e, "block_" + b + "_expand", "block_" + b + "_expand_BN", Kind.CONV);
      conv(e, "block_" + b + "_depthwise", "block_" + b + "_depthwise_BN", Kind.DEPTHWISE);
      conv(e, "block_" + b + "_project", "block_" + b + "_project_BN", Kind.CONV);
    }
    conv(e, "Conv_1", "Conv_1_bn", Kind.CONV);
    return e;
  }

  private static void conv(List<Entry> e, String conv, String bn, Kind kind) {
    e.add(new Entry(conv + (kind == Kind.DEPTHWISE ? "/depthwise_kernel" : "/kernel"), kind));
    e.add(new Entry(bn + "/gamma", Kind.BN_GAMMA));
    e.add(new Entry(bn + "/beta", Kind.BN_BETA));
    e.add(new Entry(bn + "/moving_mean", Kind.BN_MEAN));
    e.add(new Entry(bn + "/moving_variance", Kind.BN_VAR));
  }

  /** A Keras tensor in LabPose's layout, with its LabPose shape. */
  public record Converted(long[] shape, float[] values) {}

  /** Converts one tensor. */
  public static Converted convert(TfjsWeights.Tensor t, Kind kind) throws IOException {
    int[] s = t.shape();
    float[] v = t.values();
    switch (kind) {
      case CONV -> {
        if (s.length != 4) {
          throw new IOException(t.name() + ": expected a 4-D kernel, got " + java.util.Arrays.toString(s));
        }
        int kh = s[0];
        int kw = s[1];
        int in = s[2];
        int out = s[3];
        float[] r = new float[v.length];
        for (int h = 0; h < kh; h++) {
          for (int w = 0; w < kw; w++) {
            for (int i = 0; i < in; i++) {
              for (int o = 0; o < out; o++) {
                r[((o * in + i) * kh + h) * kw + w] = v[((h * kw + w) * in + i) * out + o];
              }
            }
          }
        }
        return new Converted(new long[] {out, in, kh, kw}, r);
      }
      case DEPTHWISE -> {
        int kh = s[0];
        int kw = s[1];
        int c = s[2];
        float[] r = new float[v.length];
        for (int h = 0; h < kh; h++) {
          for (int w = 0; w < kw; w++) {
            for (int ch = 0; ch < c; ch++) {
              r[(ch * kh + h) * kw + w] = v[(h * kw + w) * c + ch];
            }
          }
        }
        return new Converted(new long[] {c, 1, kh, kw}, r);
      }
      default -> {
        return new Converted(new long[] {v.length}, v.clone());
      }
    }
  }
}

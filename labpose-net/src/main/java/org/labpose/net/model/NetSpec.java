package org.labpose.net.model;

import java.util.List;
import java.util.Locale;
import org.labpose.core.SettingException;

/**
 * Which network to build: a backbone and its width, the head's output stride, and the number of
 * keypoints. Names follow DeepLabCut: {@code mobilenet_v2_1.0}, {@code mobilenet_v2_0.35} (also
 * 0.5, 0.75), {@code resnet_50}, and {@code tiny} (a small network for tests).
 *
 * @param name network name
 * @param keypoints number of score maps (one per keypoint slot)
 * @param stride output stride of the score maps in input pixels (8)
 * @param pafEdges edges of the part-affinity graph of a bottom-up multi-animal network (2 output
 *     channels each after the score maps and refinement offsets), 0 for other networks
 * @param identities identity maps after the fields (one per individual, an identity head), 0 for none
 */
public record NetSpec(String name, int keypoints, int stride, int pafEdges, int identities) {
  /** Names that {@link PoseNetworks#build} accepts. */
  public static final List<String> NAMES = List.of(
      "mobilenet_v2_1.0", "mobilenet_v2_0.75", "mobilenet_v2_0.5", "mobilenet_v2_0.35", "resnet_50", "tiny");

  public NetSpec {
    name = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new SettingException("net", "unknown network '" + name + "'; known: " + String.join(", ", NAMES));
    }
    if (keypoints < 1) {
      throw new IllegalArgumentException("keypoints must be at least 1, got " + keypoints);
    }
    if (stride != 8) {
      throw new IllegalArgumentException("output stride must be 8, got " + stride);
    }
    if (pafEdges < 0 || identities < 0) {
      throw new IllegalArgumentException("part-affinity edges and identities must not be negative, got " + pafEdges + " and " + identities);
    }
  }

  /** A network without part-affinity fields. */
  public NetSpec(String name, int keypoints, int stride) {
    this(name, keypoints, stride, 0, 0);
  }

  /**
   * Output channels: a score map and two refinement offsets per keypoint, two field channels per
   * edge, one identity map per individual.
   */
  public int outputChannels() {
    return 3 * keypoints + 2 * pafEdges + identities;
  }

  /** The MobileNetV2 width multiplier, or NaN for other networks. */
  public double mobileNetWidth() {
    return name.startsWith("mobilenet_v2_") ? Double.parseDouble(name.substring("mobilenet_v2_".length())) : Double.NaN;
  }

  /** Input sizes must be multiples of this (the backbone's total stride). */
  public int inputMultiple() {
    return name.equals("tiny") ? 8 : 16;
  }

  /** Batch norm's ε: Keras' 1e-3 for MobileNetV2 and tiny, PyTorch's 1e-5 for ResNet-50 (as their pretrained weights). */
  public float batchNormEpsilon() {
    return name.equals("resnet_50") ? 1e-5f : PoseNetworks.BN_EPSILON;
  }
}

package org.labpose.net;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labpose.core.image.RgbImage;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.model.ModelExport;
import org.labpose.net.model.ModelInfo;

/**
 * Real-time pose estimation from an exported model ({@code labpose export-model}), without a
 * project: one frame in, one {@link Pose} out.
 *
 * <pre>{@code
 * try (PoseEstimator est = PoseEstimator.load(Path.of("exported-models/DLC_mobnet_100_openfieldOct30shuffle1_3100"))) {
 *   PoseEstimator.Pose pose = est.predict(frame);          // frame: RgbImage, any size
 *   double snoutX = pose.x("snout");                       // pixels of the frame, origin top-left
 * }
 * }</pre>
 *
 * <p>Frames are scaled by the model's global scale and padded as in training; coordinates come back
 * in pixels of the frame given: origin top-left, x right, y down, pixel centres at integer
 * coordinates (as in DeepLabCut). Not thread-safe: use one estimator per thread. Close it to free
 * native memory.
 *
 * <p>Speed: start the JVM with glibc's allocator told to keep freed memory, as the {@code labpose}
 * launcher does ({@code MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296
 * MALLOC_TOP_PAD_=268435456} in the environment); otherwise the network's buffers go back to the
 * kernel after every frame and per-frame latency rises by a fifth or more (docs/benchmarks.md).
 *
 * <p>Correctness: on AMD CPUs with AVX-512 (seen on EPYC Zen 5) PyTorch 2.7.1's AVX-512 kernels give
 * wrong outputs; start the JVM with {@code ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2
 * MKL_ENABLE_INSTRUCTIONS=AVX2} in the environment there, as the launcher does (docs/reliability.md).
 */
public final class PoseEstimator implements AutoCloseable {
  private final PosePredictor predictor;
  private final List<String> keypoints;

  private PoseEstimator(PosePredictor predictor) {
    this.predictor = predictor;
    this.keypoints = List.copyOf(predictor.info().keypoints());
  }

  /** Loads an exported model folder using one CPU thread (lowest latency per frame on a busy machine). */
  public static PoseEstimator load(Path exportedDir) throws IOException {
    return load(exportedDir, 1);
  }

  /**
   * Loads an exported model folder after checking its manifest and the weights' checksum.
   *
   * @param threads PyTorch intra-op threads (the process-wide setting of the first model loaded wins)
   * @throws org.labpose.core.io.InputFormatException when the folder is not an exported model or
   *     its weights do not match the manifest
   */
  public static PoseEstimator load(Path exportedDir, int threads) throws IOException {
    Path weights = ModelExport.verify(exportedDir);
    return new PoseEstimator(new PosePredictor(exportedDir, weights, threads));
  }

  /** Keypoint names in output order ({@code bodypart}, or {@code individual/bodypart}). */
  public List<String> keypoints() {
    return keypoints;
  }

  /** The model's description (network, scale, normalisation). */
  public ModelInfo info() {
    return predictor.info();
  }

  /** Predicts one frame. */
  public Pose predict(RgbImage frame) {
    double[] r = predictor.predict(frame);
    int k = keypoints.size();
    double[] x = new double[k];
    double[] y = new double[k];
    double[] p = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = r[3 * i];
      y[i] = r[3 * i + 1];
      p[i] = r[3 * i + 2];
    }
    return new Pose(keypoints, x, y, p);
  }

  /**
   * Predicts one frame given as packed RGB bytes (row by row from the top-left, 3 bytes per pixel).
   *
   * @throws IllegalArgumentException when the array's length is not {@code 3 · width · height}
   */
  public Pose predict(byte[] rgb, int width, int height) {
    return predict(new RgbImage(width, height, rgb));
  }

  @Override
  public void close() {
    predictor.close();
  }

  /**
   * One frame's keypoints: pixels of the frame (origin top-left, x right, y down) and likelihoods
   * in [0, 1]; arrays in {@link #keypoints()} order.
   */
  public record Pose(List<String> keypoints, double[] x, double[] y, double[] likelihood) {
    /** x of a keypoint by name (px). */
    public double x(String keypoint) {
      return x[index(keypoint)];
    }

    /** y of a keypoint by name (px). */
    public double y(String keypoint) {
      return y[index(keypoint)];
    }

    /** Likelihood of a keypoint by name. */
    public double likelihood(String keypoint) {
      return likelihood[index(keypoint)];
    }

    private int index(String keypoint) {
      int i = keypoints.indexOf(keypoint);
      if (i < 0) {
        throw new IllegalArgumentException("no keypoint '" + keypoint + "'; the model has " + keypoints);
      }
      return i;
    }
  }
}

package org.labpose.net.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.net.Engines;
import org.labpose.net.model.BatchNormFusion;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.Assembler;
import org.labpose.multianimal.assembly.AssemblyParams;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.assembly.MapDecoder;
import org.labpose.net.model.ModelInfo;
import org.labpose.net.model.MultiAnimalHead;
import org.labpose.net.model.NetSpec;
import org.labpose.net.model.OnnxExport;
import org.labpose.net.model.PoseNetworks;
import org.labpose.net.train.PoseTrainer;

/**
 * Predicts keypoints on whole images with a trained model: the image is scaled by the model's
 * global scale, padded to the network's input multiple, and decoded; results are in pixels of the
 * original image (origin top-left) with a likelihood in [0, 1]. Not thread-safe; close it.
 */
public final class PosePredictor implements AutoCloseable {
  private final ModelInfo info;
  private final NDManager manager;
  private final Block block;
  private final ParameterStore store;
  private final Path snapshot;
  private final boolean ownsManager;

  /**
   * Loads a model folder ({@code pose_cfg.json} and a snapshot): a project's model folder or an
   * exported one.
   *
   * @param snapshot the snapshot file, or null for the newest in {@code modelDir/train} (else in
   *     {@code modelDir} itself, as in an exported model)
   */
  public PosePredictor(Path modelDir, Path snapshot, int threads) throws IOException {
    org.labpose.net.Engines.inferenceOnThisThread(); // the batch-norm fusion below changes weights in place
    this.info = ModelInfo.read(modelDir);
    Path snap = snapshot;
    if (snap == null) {
      // a project's model folder keeps snapshots in train/; an exported model beside pose_cfg.json
      snap = PoseTrainer.latestSnapshot(modelDir.resolve("train"));
      if (snap == null) {
        snap = PoseTrainer.latestSnapshot(modelDir);
      }
    }
    if (snap == null) {
      throw new InputFormatException(modelDir.resolve("train"), null, "no snapshot-*.params here (train the model first)");
    }
    this.snapshot = snap;
    Engines.start(threads);
    this.manager = NDManager.newBaseManager(Engines.device());
    NetSpec spec = info.spec();
    Block trained = PoseNetworks.build(spec);
    int m = info.inputMultiple();
    Shape probe = new Shape(1, 3, 4L * m, 4L * m);
    trained.initialize(manager, DataType.FLOAT32, probe);
    PoseTrainer.loadParameters(trained, manager, snap);
    // inference runs a twin with batch norm folded into the convolutions (same outputs, faster)
    this.block = PoseNetworks.build(spec, true);
    block.initialize(manager, DataType.FLOAT32, probe);
    BatchNormFusion.fuse(trained, block, spec.batchNormEpsilon());
    this.store = new ParameterStore(manager, false);
    this.ownsManager = true;
  }

  /**
   * A predictor over a network being trained (used to measure test error during training): the
   * block and manager stay owned by the caller; {@link #close()} releases nothing.
   */
  public PosePredictor(ModelInfo info, Block block, NDManager manager) {
    this.info = info;
    this.block = block;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
    this.snapshot = null;
    this.ownsManager = false;
  }

  /** The model's description. */
  public ModelInfo info() {
    return info;
  }

  /** The snapshot in use. */
  public Path snapshot() {
    return snapshot;
  }

  /** Training iterations of the snapshot in use. */
  public int iterations() {
    return PoseTrainer.snapshotIteration(snapshot);
  }

  /**
   * Predicts one image.
   *
   * @return x, y, likelihood per keypoint slot (in {@link ModelInfo#keypoints()} order), in pixels
   *     of {@code img}
   */
  public double[] predict(RgbImage img) {
    return predictBatch(new RgbImage[] {img})[0];
  }

  /** A network input prepared from one image (thread-safe to make: see {@link #prepare}). */
  public record Input(float[] pixels, int width, int height, int paddedWidth, int paddedHeight, int imageWidth, int imageHeight) {}

  /** Scales, pads and normalises an image for the network; safe to call from other threads. */
  public Input prepare(RgbImage img) {
    double s = info.globalScale();
    int w = (int) Math.round(img.width() * s);
    int h = (int) Math.round(img.height() * s);
    int m = info.inputMultiple();
    int pw = (w + m - 1) / m * m;
    int ph = (h + m - 1) / m * m;
    float[] px = Resize.toInput(img, w, h, pw, ph, info.mean(), info.std());
    return new Input(px, w, h, pw, ph, img.width(), img.height());
  }

  /** Predicts images of the same size in one batch. */
  public double[][] predictBatch(RgbImage[] imgs) {
    Input[] in = new Input[imgs.length];
    for (int i = 0; i < imgs.length; i++) {
      in[i] = prepare(imgs[i]);
    }
    return predictPrepared(in);
  }

  /** Predicts prepared inputs of the same size in one batch. */
  public double[][] predictPrepared(Input[] inputs) {
    if (info.multiAnimalHead() != null) {
      List<FrameAssembly> animals = predictAnimals(inputs);
      double[][] res = new double[animals.size()][];
      for (int i = 0; i < res.length; i++) {
        res[i] = slots(animals.get(i));
      }
      return res;
    }
    Input first = inputs[0];
    int n = inputs.length;
    int k = info.keypoints().size();
    double sx = (double) first.width() / first.imageWidth();
    double sy = (double) first.height() / first.imageHeight();
    try (NDManager sub = manager.newSubManager()) {
      NDArray out = forward(sub, inputs);
      Shape os = out.getShape();
      float[] o = out.toFloatArray();
      double[][] res = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] r = PeakDecoder.decode(o, i, k, (int) os.get(2), (int) os.get(3), info.stride(), info.locrefStd());
        for (int p = 0; p < k; p++) {
          r[3 * p] = (r[3 * p] + 0.5) / sx - 0.5;
          r[3 * p + 1] = (r[3 * p + 1] + 0.5) / sy - 0.5;
        }
        res[i] = r;
      }
      return res;
    }
  }

  private NDArray forward(NDManager sub, Input[] inputs) {
    Input first = inputs[0];
    int pw = first.paddedWidth();
    int ph = first.paddedHeight();
    int n = inputs.length;
    float[] x = new float[n * 3 * pw * ph];
    for (int i = 0; i < n; i++) {
      System.arraycopy(inputs[i].pixels(), 0, x, i * 3 * pw * ph, 3 * pw * ph);
    }
    NDArray in = sub.create(x, new Shape(n, 3, ph, pw));
    org.labpose.net.Engines.inferenceOnThisThread();
    return block.forward(store, new NDList(in), false).singletonOrThrow();
  }

  /**
   * The animals of each input, for a bottom-up multi-animal model: detections decoded from the shared
   * maps and assembled by part-affinity (in px of the original image, in no particular order).
   *
   * @throws IllegalStateException for a model with one map per keypoint slot
   */
  public List<FrameAssembly> predictAnimals(Input[] inputs) {
    return predictAnimals(inputs, false);
  }

  /**
   * As {@link #predictAnimals(Input[])}; with {@code consecutive} the inputs are the next frames of one
   * video, in order, and links near the last frames' links are preferred (the assembly's temporal
   * window). Call {@link #startVideo} before each video.
   */
  public List<FrameAssembly> predictAnimals(Input[] inputs, boolean consecutive) {
    MultiAnimalHead head = info.multiAnimalHead();
    if (head == null) {
      throw new IllegalStateException("not a multi-animal (bottom-up) model");
    }
    Input first = inputs[0];
    double sx = (double) first.width() / first.imageWidth();
    double sy = (double) first.height() / first.imageHeight();
    if (decoder == null) {
      decoder = head.decoder(info.stride(), info.locrefStd());
      assembler = new Assembler(head.assembly());
    }
    try (NDManager sub = manager.newSubManager()) {
      NDArray out = forward(sub, inputs);
      Shape os = out.getShape();
      float[] o = out.toFloatArray();
      long t0 = System.nanoTime();
      List<FrameAssembly> res = new ArrayList<>();
      for (int i = 0; i < inputs.length; i++) {
        var dets = decoder.decode(o, i, (int) os.get(2), (int) os.get(3), sx, sy);
        res.add(consecutive ? assembler.assembleNext(dets) : assembler.assemble(dets));
      }
      assemblyNanos += System.nanoTime() - t0;
      return res;
    }
  }

  private long assemblyNanos;
  private MapDecoder decoder;
  private Assembler assembler;

  /**
   * Decodes and assembles with the model's defaults changed by a config's {@code assembly} section (see
   * {@link org.labpose.multianimal.assembly.AssemblyParams#withConfig} and
   * {@link org.labpose.multianimal.assembly.AssemblyParams#peakSeparation}); null keeps the defaults.
   * Returns this predictor.
   */
  public PosePredictor withAssemblyConfig(Object section) {
    MultiAnimalHead head = info.multiAnimalHead();
    if (head != null) {
      decoder = head.decoder(info.stride(), info.locrefStd(),
          AssemblyParams.peakSeparation(section, MultiAnimalHead.PEAK_SEPARATION));
      assembler = new Assembler(head.assembly().withConfig(section));
    }
    return this;
  }

  /** Forgets the frames of the last video (the assembly's temporal window starts again). */
  public void startVideo() {
    if (assembler != null) {
      assembler.reset();
    }
  }

  /** Seconds spent so far turning maps into animals (peaks, affinities, assembly), after the network. */
  public double assemblySeconds() {
    return assemblyNanos / 1e9;
  }

  /** One frame's animals in the model's keypoint slots: animal i in individual i's slots, then the unique bodyparts. */
  public double[] slots(FrameAssembly fa) {
    MultiAnimalHead head = info.multiAnimalHead();
    int bp = head.bodyparts().size();
    int ni = head.individuals().size();
    double[] r = new double[3 * info.keypoints().size()];
    java.util.Arrays.fill(r, Double.NaN);
    for (int a = 0; a < Math.min(ni, fa.animals().size()); a++) {
      Animal an = fa.animals().get(a);
      for (int b = 0; b < bp; b++) {
        int s = a * bp + b;
        r[3 * s] = an.x(b);
        r[3 * s + 1] = an.y(b);
        r[3 * s + 2] = an.confidence(b);
      }
    }
    for (int u = 0; u < head.unique().size(); u++) {
      int s = ni * bp + u;
      double[] v = fa.unique()[u];
      r[3 * s] = v[0];
      r[3 * s + 1] = v[1];
      r[3 * s + 2] = v[2];
    }
    return r;
  }

  /**
   * The network in use (batch norm folded) as an ONNX model, with the model's description as
   * metadata (see {@link OnnxExport}).
   */
  public byte[] toOnnx() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("net", info.net());
    meta.put("keypoints", String.join(",", info.keypoints()));
    meta.put("stride", Integer.toString(info.stride()));
    meta.put("locref_std", Double.toString(info.locrefStd()));
    meta.put("global_scale", Double.toString(info.globalScale()));
    meta.put("pad_to_multiple_of", Integer.toString(info.inputMultiple()));
    meta.put("mean", Arrays.toString(info.mean()));
    meta.put("std", Arrays.toString(info.std()));
    meta.put("pixels", "RGB, origin top-left; input = (value - mean) / std per channel, NCHW float32");
    return OnnxExport.toBytes(block, info.spec().outputChannels(), meta);
  }

  @Override
  public void close() {
    if (ownsManager) {
      manager.close();
    }
  }
}

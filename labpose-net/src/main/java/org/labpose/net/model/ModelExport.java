package org.labpose.net.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.Checksums;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.JsonFiles;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.train.PoseTrainer;

/**
 * Exports a trained model as a self-contained folder that {@link PoseEstimator} and {@code labpose
 * analyze --model} load without the project:
 *
 * <ul>
 *   <li>{@code pose_cfg.json}: the {@link ModelInfo} (network name, keypoint order, stride, input
 *       multiple, global scale, normalisation);
 *   <li>{@code snapshot-<iterations>.params}: the weights (DJL parameter format);
 *   <li>{@code model.onnx}: the same network with batch norm folded, as ONNX (opset 17; input
 *       {@code image}, output {@code maps}; see {@link org.labpose.net.model.OnnxExport}) for
 *       ONNX Runtime, OpenCV's DNN module, TensorRT and the like. The tests run it with ONNX Runtime
 *       and compare with the network's own output;
 *   <li>{@code labpose-model.json}: a manifest for people and other tools: format version, how to
 *       prepare an input and read the output, the SHA-256 of every file that affects predictions
 *       (weights, {@code pose_cfg.json}, ONNX file) and where the model came from.
 * </ul>
 *
 * <p>For LabPose itself the architecture is named, not serialised: the same LabPose version's
 * {@code PoseNetworks} builds it from {@code net} and the keypoint count.
 */
public final class ModelExport {
  /** Name of the manifest in an exported folder. */
  public static final String MANIFEST = "labpose-model.json";
  /** Name of the ONNX model in an exported folder. */
  public static final String ONNX = "model.onnx";
  /** Manifest format written by this version. */
  public static final String FORMAT = "labpose-model/2";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelExport() {}

  /**
   * Exports a model folder's snapshot into {@code out} (created; refused when it holds files).
   *
   * @param modelDir a trained model folder ({@code pose_cfg.json}, {@code train/snapshot-*.params})
   * @param snapshot the snapshot, or null for the newest
   * @return the snapshot file written in {@code out}
   */
  public static Path export(Path modelDir, Path snapshot, Path out, String source) throws IOException {
    ModelInfo info = ModelInfo.read(modelDir);
    Path snap = snapshot != null ? snapshot : PoseTrainer.latestSnapshot(modelDir.resolve("train"));
    if (snap == null || !Files.isRegularFile(snap)) {
      throw new InputFormatException(modelDir.resolve("train"), null, "no snapshot-*.params here (train the model first)");
    }
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new InputFormatException(out, null, "the export folder is not empty; remove it or give another");
        }
      }
    }
    // build in a temporary sibling, then rename: a failed export leaves nothing half-written
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp");
    try {
      Path weights = tmp.resolve(snap.getFileName().toString());
      Files.copy(snap, weights);
      info.write(tmp);
      Path onnx = tmp.resolve(ONNX);
      try (PosePredictor p = new PosePredictor(modelDir, snap, 1)) {
        Files.write(onnx, p.toOnnx());
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("format", FORMAT);
      m.put("net", info.net());
      m.put("keypoints", info.keypoints());
      m.put("weights", weights.getFileName().toString());
      m.put("weights_sha256", Checksums.sha256(weights));
      m.put("config", ModelInfo.FILE);
      m.put("config_sha256", Checksums.sha256(tmp.resolve(ModelInfo.FILE)));
      m.put("iterations", PoseTrainer.snapshotIteration(snap));
      m.put("input", Map.of(
          "pixels", "RGB, 8 bits per channel, origin top-left, x right, y down",
          "global_scale", info.globalScale(),
          "pad_to_multiple_of", info.inputMultiple(),
          "normalise", Map.of("mean", info.mean(), "std", info.std(), "rule", "(value - mean) / std per channel"),
          "layout", "NCHW float32"));
      m.put("output", Map.of(
          "stride", info.stride(),
          "channels", "per keypoint: score logit (sigmoid = likelihood); then x, y location refinement × locref_std",
          "locref_std", info.locrefStd(),
          "coordinates", "pixels of the original frame, origin top-left"));
      m.put("onnx", Map.of(
          "file", ONNX,
          "sha256", Checksums.sha256(onnx),
          "opset", 17,
          "input", "image: (batch, 3, height, width), prepared as 'input' says",
          "output", "maps: (batch, 3K, height/stride, width/stride), as 'output' says; decode as PoseEstimator does"));
      m.put("source", source);
      AtomicFiles.writeString(tmp.resolve(MANIFEST), JSON.writeValueAsString(m));
      if (Files.isDirectory(out)) {
        Files.delete(out);
      }
      Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return out.resolve(weights.getFileName().toString());
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /**
   * Checks an exported folder: the manifest's format, the checksums of the weights, of {@code
   * pose_cfg.json} and of the ONNX file, and that the manifest's network, keypoints, scale,
   * stride and normalisation are those of {@code pose_cfg.json}.
   *
   * @return the weights file
   * @throws InputFormatException naming what does not match
   */
  public static Path verify(Path dir) throws IOException {
    Path mf = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(mf)) {
      throw new InputFormatException(mf, null, "not an exported LabPose model (no " + MANIFEST + "; run 'labpose export-model')");
    }
    JsonNode node = JsonFiles.readObject(mf);
    String format = node.path("format").asText();
    if (!FORMAT.equals(format)) {
      throw new InputFormatException(mf, "key 'format'", "expected " + FORMAT + ", found '" + format + "'"
          + (format.equals("labpose-model/1") ? " (exported by an earlier LabPose without a checksum of pose_cfg.json: export it again)" : ""));
    }
    Path weights = listedFile(dir, mf, "weights", node.path("weights").asText(), node.path("weights_sha256").asText(), "weights");
    listedFile(dir, mf, "config", node.path("config").asText(), node.path("config_sha256").asText(), ModelInfo.FILE);
    JsonNode onnx = node.path("onnx");
    if (!onnx.isMissingNode()) {
      listedFile(dir, mf, "onnx.file", onnx.path("file").asText(), onnx.path("sha256").asText(), "ONNX");
    }
    ModelInfo info = ModelInfo.read(dir);
    agree(mf, "net", node.path("net").asText(), info.net());
    agree(mf, "keypoints", JSON.convertValue(node.path("keypoints"), java.util.List.class), info.keypoints());
    JsonNode in = node.path("input");
    agree(mf, "input.global_scale", in.path("global_scale").asDouble(Double.NaN), info.globalScale());
    agree(mf, "input.pad_to_multiple_of", in.path("pad_to_multiple_of").asInt(-1), info.inputMultiple());
    agree(mf, "input.normalise.mean", JSON.convertValue(in.path("normalise").path("mean"), float[].class), info.mean());
    agree(mf, "input.normalise.std", JSON.convertValue(in.path("normalise").path("std"), float[].class), info.std());
    agree(mf, "output.stride", node.path("output").path("stride").asInt(-1), info.stride());
    agree(mf, "output.locref_std", node.path("output").path("locref_std").asDouble(Double.NaN), info.locrefStd());
    return weights;
  }

  private static void agree(Path manifest, String key, Object listed, Object actual) throws InputFormatException {
    boolean same = listed instanceof float[] a && actual instanceof float[] b ? java.util.Arrays.equals(a, b) : java.util.Objects.equals(listed, actual);
    if (!same) {
      throw new InputFormatException(manifest, "key '" + key + "'", "says " + show(listed) + " but " + ModelInfo.FILE + " says " + show(actual));
    }
  }

  private static String show(Object o) {
    return o instanceof float[] d ? java.util.Arrays.toString(d) : String.valueOf(o);
  }

  /** A file the manifest names under {@code key}: present in {@code dir} and with the listed SHA-256. */
  private static Path listedFile(Path dir, Path manifest, String key, String name, String sha256, String what) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file) || !file.getParent().equals(dir)) {
      throw new InputFormatException(manifest, "key '" + key + "'", "names no " + what + " file in this folder");
    }
    String got = Checksums.sha256(file);
    if (!got.equals(sha256)) {
      throw new InputFormatException(file, null, "checksum " + got + " differs from the manifest's " + sha256 + " (file changed or damaged)");
    }
    return file;
  }
}

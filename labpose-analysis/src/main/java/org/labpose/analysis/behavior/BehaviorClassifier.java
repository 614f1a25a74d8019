package org.labpose.analysis.behavior;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import org.labpose.analysis.assay.Bouts;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * Supervised behaviour classifiers, one random forest (Smile) per behaviour over {@link
 * BehaviorFeatures}, as SimBA trains them. A frame is scored with the forest's probability; frames
 * at or above the threshold (0.5) are the behaviour, and bouts shorter than the minimum bout length
 * are dropped. Rare behaviours get a class weight of negatives / positives (at most 50).
 *
 * <p>Model files ({@code .lpclf}) hold the forests as plain data (see {@link ForestData}): split
 * features and thresholds, leaf class counts and tree weights, with a CRC-32 over the whole file.
 * Reading one runs no code from it; a damaged or foreign file is refused with its name and the
 * byte where it goes wrong. Trained forests are scored by the same rule as Smile's (checked in the
 * tests against Smile's own prediction).
 */
public final class BehaviorClassifier {
  private final Model model;

  /** What a model file holds. */
  public record Model(List<String> features, List<String> behaviors, List<ForestData> forests, List<Double> windowsS,
      double threshold, double minBoutS, int trees, long seed) {}

  /** Training settings: trees, the random seed, threshold and minimum bout. */
  public record Settings(int trees, long seed, double threshold, double minBoutS) {
    public Settings {
      if (trees < 1) {
        throw new IllegalArgumentException("need at least 1 tree, got " + trees);
      }
      if (!(threshold > 0 && threshold < 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
      }
      if (!(minBoutS >= 0)) {
        throw new IllegalArgumentException("minimum bout must be 0 s or more, got " + minBoutS);
      }
    }

    /** 100 trees, seed 1, threshold 0.5, minimum bout 0.2 s. */
    public static Settings defaults() {
      return new Settings(100, 1, 0.5, 0.2);
    }
  }

  private BehaviorClassifier(Model model) {
    this.model = model;
  }

  public Model model() {
    return model;
  }

  /**
   * Trains one forest per behaviour.
   *
   * @param features per video, the feature matrix (same columns in all)
   * @param labels per video, behaviour → per-frame flags (missing behaviours count as absent)
   */
  public static BehaviorClassifier train(List<BehaviorFeatures.Matrix> features, List<Map<String, boolean[]>> labels,
      List<Double> windowsS, Settings s) {
    if (features.isEmpty() || features.size() != labels.size()) {
      throw new IllegalArgumentException("need as many annotation sets as feature sets (at least one)");
    }
    List<String> names = features.get(0).names();
    List<String> behaviors = new ArrayList<>();
    for (Map<String, boolean[]> l : labels) {
      for (String b : l.keySet()) {
        if (!behaviors.contains(b)) {
          behaviors.add(b);
        }
      }
    }
    if (behaviors.isEmpty()) {
      throw new IllegalArgumentException("the annotations name no behaviour");
    }
    int total = 0;
    for (BehaviorFeatures.Matrix m : features) {
      if (!m.names().equals(names)) {
        throw new IllegalArgumentException("videos have different features (different bodyparts?)");
      }
      total += m.frames();
    }
    double[][] x = new double[total][];
    int at = 0;
    for (BehaviorFeatures.Matrix m : features) {
      for (double[] r : m.rows()) {
        x[at++] = r;
      }
    }
    DataFrame df = DataFrame.of(x, names.toArray(String[]::new));
    List<ForestData> forests = new ArrayList<>();
    for (String b : behaviors) {
      int[] y = new int[total];
      int pos = 0;
      at = 0;
      for (int v = 0; v < features.size(); v++) {
        boolean[] flags = labels.get(v).get(b);
        for (int f = 0; f < features.get(v).frames(); f++) {
          y[at] = flags != null && f < flags.length && flags[f] ? 1 : 0;
          pos += y[at];
          at++;
        }
      }
      if (pos == 0 || pos == total) {
        throw new IllegalArgumentException("behaviour '" + b + "' is " + (pos == 0 ? "never" : "always") + " annotated: a classifier needs both cases");
      }
      int weight = (int) Math.max(1, Math.min(50, Math.round((total - pos) / (double) pos)));
      DataFrame data = df.merge(IntVector.of("y", y));
      int mtry = Math.max(1, (int) Math.floor(Math.sqrt(names.size())));
      long seed = s.seed() * 1_000_003L + b.hashCode();
      forests.add(ForestData.of(RandomForest.fit(Formula.lhs("y"), data, s.trees(), mtry, SplitRule.GINI, 20, Math.max(100, total / 5), 5, 1.0,
          new int[] {1, weight}, LongStream.range(0, s.trees()).map(i -> seed + i))));
    }
    return new BehaviorClassifier(new Model(names, List.copyOf(behaviors), List.copyOf(forests), List.copyOf(windowsS),
        s.threshold(), s.minBoutS(), s.trees(), s.seed()));
  }

  /** Per behaviour, the probability of each frame. */
  public Map<String, double[]> probabilities(BehaviorFeatures.Matrix m) {
    if (!m.names().equals(model.features())) {
      throw new IllegalArgumentException("these predictions give other features than the model was trained on (other bodyparts?)");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    double[][] rows = m.rows();
    for (int b = 0; b < model.behaviors().size(); b++) {
      ForestData rf = model.forests().get(b);
      double[] p = new double[m.frames()];
      for (int f = 0; f < m.frames(); f++) {
        p[f] = rf.probability(rows[f]);
      }
      out.put(model.behaviors().get(b), p);
    }
    return out;
  }

  /** Per behaviour, the frames classified as it: probability ≥ threshold, bouts of at least the minimum length. */
  public Map<String, boolean[]> classify(Map<String, double[]> probabilities, double fps) {
    Map<String, boolean[]> out = new LinkedHashMap<>();
    int min = Math.max(1, (int) Math.round(model.minBoutS() * fps));
    for (Map.Entry<String, double[]> e : probabilities.entrySet()) {
      boolean[] on = new boolean[e.getValue().length];
      for (int f = 0; f < on.length; f++) {
        on[f] = e.getValue()[f] >= model.threshold();
      }
      out.put(e.getKey(), Bouts.mask(Bouts.of(on, min), on.length));
    }
    return out;
  }

  private static final byte[] MAGIC = "LPCLF2\n".getBytes(StandardCharsets.US_ASCII);

  /** Writes the model atomically (format: see the class comment). */
  public void save(Path file) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(bytes);
    o.write(MAGIC);
    strings(o, model.features());
    strings(o, model.behaviors());
    o.writeInt(model.windowsS().size());
    for (double w : model.windowsS()) {
      o.writeDouble(w);
    }
    o.writeDouble(model.threshold());
    o.writeDouble(model.minBoutS());
    o.writeInt(model.trees());
    o.writeLong(model.seed());
    for (ForestData f : model.forests()) {
      f.write(o);
    }
    o.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    o.writeInt((int) crc.getValue());
    o.flush();
    AtomicFiles.write(file, out -> bytes.writeTo(out));
  }

  private static void strings(DataOutputStream o, List<String> list) throws IOException {
    o.writeInt(list.size());
    for (String s : list) {
      o.writeUTF(s);
    }
  }

  /** Largest model file read, bytes. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws InputFormatException for a missing, empty, truncated, damaged or foreign file, naming it
   */
  public static BehaviorClassifier load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "no such classifier file");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new InputFormatException(file, null, "too large for a classifier file (" + size + " bytes)");
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < MAGIC.length + 4 || !java.util.Arrays.equals(java.util.Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      boolean javaSerial = all.length >= 2 && (all[0] & 0xff) == 0xac && (all[1] & 0xff) == 0xed;
      throw new InputFormatException(file, null, all.length == 0 ? "empty file: not a LabPose behaviour classifier"
          : javaSerial ? "a classifier in the old Java-serialised format, which is no longer read (reading it could run code): "
              + "train it again with 'labpose classifier train'"
          : "not a LabPose behaviour classifier (it does not start with " + new String(MAGIC, 0, MAGIC.length - 1, StandardCharsets.US_ASCII) + ")");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 4);
    int stored = java.nio.ByteBuffer.wrap(all, all.length - 4, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new InputFormatException(file, null, "damaged or truncated classifier file (checksum mismatch)");
    }
    Reader in = new Reader(file, all, MAGIC.length, all.length - 4);
    try {
      List<String> features = in.strings("feature names");
      List<String> behaviors = in.strings("behaviour names");
      int nw = in.count("windows", 8);
      List<Double> windows = new ArrayList<>();
      for (int i = 0; i < nw; i++) {
        windows.add(in.finite("window"));
      }
      double threshold = in.finite("threshold");
      double minBout = in.finite("minimum bout");
      int trees = in.in.readInt();
      long seed = in.in.readLong();
      if (!(threshold > 0 && threshold < 1) || !(minBout >= 0) || trees < 1 || features.isEmpty() || behaviors.isEmpty()) {
        throw in.bad("settings out of range (threshold " + threshold + ", minimum bout " + minBout + " s, trees " + trees + ")");
      }
      List<ForestData> forests = new ArrayList<>();
      for (int b = 0; b < behaviors.size(); b++) {
        forests.add(ForestData.read(in, features.size()));
      }
      if (in.in.available() > 0) {
        throw in.bad(in.in.available() + " bytes after the last forest");
      }
      return new BehaviorClassifier(new Model(List.copyOf(features), List.copyOf(behaviors), List.copyOf(forests), List.copyOf(windows),
          threshold, minBout, trees, seed));
    } catch (java.io.EOFException e) {
      throw new InputFormatException(file, "byte " + in.position(), "the file ends inside the model");
    }
  }

  /** Reads the model's binary form with its position, refusing counts the rest of the file cannot hold. */
  static final class Reader {
    final Path file;
    final java.io.ByteArrayInputStream bytes;
    final DataInputStream in;
    private final int end;

    Reader(Path file, byte[] all, int from, int to) {
      this.file = file;
      this.bytes = new java.io.ByteArrayInputStream(all, from, to - from);
      this.in = new DataInputStream(bytes);
      this.end = to;
    }

    long position() {
      return end - bytes.available();
    }

    InputFormatException bad(String problem) {
      return new InputFormatException(file, "byte " + position(), problem);
    }

    /** A count of records of at least {@code minBytes} each, which the rest of the file must be able to hold. */
    int count(String what, int minBytes) throws IOException {
      int n = in.readInt();
      if (n < 0 || (long) n * minBytes > bytes.available()) {
        throw bad("impossible count of " + what + ": " + n);
      }
      return n;
    }

    double finite(String what) throws IOException {
      double v = in.readDouble();
      if (!Double.isFinite(v)) {
        throw bad(what + " is not a finite number: " + v);
      }
      return v;
    }

    List<String> strings(String what) throws IOException {
      int n = count(what, 2);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String s;
        try {
          s = in.readUTF();
        } catch (java.io.UTFDataFormatException e) {
          throw bad(what + ": not a valid string");
        }
        if (s.isEmpty() || out.contains(s)) {
          throw bad(what + ": empty or repeated name '" + s + "'");
        }
        out.add(s);
      }
      return out;
    }
  }
}

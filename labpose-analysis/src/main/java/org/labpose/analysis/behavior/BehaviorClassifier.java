package org.labpose.analysis.behavior;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
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
 * <p>Model files hold Java-serialised Smile forests: open only model files you trust (as with any
 * pickled model); reading refuses classes outside Smile, the JDK and LabPose.
 */
public final class BehaviorClassifier {
  private final Model model;

  /** What a model file holds. */
  public record Model(List<String> features, List<String> behaviors, List<RandomForest> forests, List<Double> windowsS,
      double threshold, double minBoutS, int trees, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

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
    List<RandomForest> forests = new ArrayList<>();
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
      forests.add(RandomForest.fit(Formula.lhs("y"), data, s.trees(), mtry, SplitRule.GINI, 20, Math.max(100, total / 5), 5, 1.0,
          new int[] {1, weight}, LongStream.range(0, s.trees()).map(i -> seed + i)));
    }
    return new BehaviorClassifier(new Model(names, List.copyOf(behaviors), List.copyOf(forests), List.copyOf(windowsS),
        s.threshold(), s.minBoutS(), s.trees(), s.seed()));
  }

  /** Per behaviour, the probability of each frame. */
  public Map<String, double[]> probabilities(BehaviorFeatures.Matrix m) {
    if (!m.names().equals(model.features())) {
      throw new IllegalArgumentException("these predictions give other features than the model was trained on (other bodyparts?)");
    }
    DataFrame df = DataFrame.of(m.rows(), m.names().toArray(String[]::new));
    Map<String, double[]> out = new LinkedHashMap<>();
    double[] post = new double[2];
    for (int b = 0; b < model.behaviors().size(); b++) {
      RandomForest rf = model.forests().get(b);
      double[] p = new double[m.frames()];
      for (int f = 0; f < m.frames(); f++) {
        rf.predict(df.get(f), post);
        p[f] = post[1];
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

  /** Writes the model atomically. */
  public void save(Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      ObjectOutputStream o = new ObjectOutputStream(out);
      o.writeObject(model);
      o.flush();
    });
  }

  /** Reads a model written by {@link #save}. */
  public static BehaviorClassifier load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "no such classifier file");
    }
    try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
      in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("smile.**;java.**;org.labpose.**;maxdepth=200;!*"));
      Object o = in.readObject();
      if (!(o instanceof Model m)) {
        throw new InputFormatException(file, null, "not a LabPose behaviour classifier");
      }
      return new BehaviorClassifier(m);
    } catch (InvalidClassException | ClassNotFoundException | ClassCastException | java.io.StreamCorruptedException e) {
      throw new InputFormatException(file, null, "not a LabPose behaviour classifier (" + e.getMessage() + ")");
    }
  }
}

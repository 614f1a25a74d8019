package org.labpose.net.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.net.data.Augmenter;
import org.labpose.net.data.Sample;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.evaluate.Evaluation;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.infer.Resize;
import org.labpose.multianimal.assembly.AssemblyParams;
import org.labpose.multianimal.assembly.GraphSelection;
import org.labpose.multianimal.assembly.LinkLengths;
import org.labpose.net.model.ModelInfo;
import org.labpose.net.model.MultiAnimalHead;
import org.labpose.net.model.NetSpec;
import org.labpose.net.pretrained.BackboneInit;
import org.labpose.net.pretrained.PretrainedStore;
import org.labpose.video.draw.LossCurve;
import org.labpose.video.io.Images;

/**
 * Trains a project's shuffle: loads the training frames, scales them, trains, and writes the model
 * folder ({@code pose_cfg.json}, {@code train/train_config.json}, {@code train/log.csv}, {@code train/loss.png},
 * {@code train/snapshot-*.params}).
 */
public final class ProjectTraining {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProjectTraining() {}

  /**
   * The start chosen for a training run.
   *
   * @param name a pretrained model's name, {@code iteration-<n>} (that iteration's model of the same
   *     shuffle) or {@code none} (random weights)
   * @param note what was chosen when {@code auto} had to choose, or null
   */
  public record Init(String name, String note) {}

  /**
   * Resolves an initialisation: {@code none}, {@code iteration-<n>}, a pretrained model's name
   * ({@code imagenet}, {@code movenet}, fetched or imported ones), or {@code auto}: the newest
   * earlier iteration's model of this shuffle with the same network (after merge-datasets), else a
   * fetched pretrained backbone that fits the network, else none.
   */
  public static Init resolveInit(Project p, TrainingDataset d, String requested, String net) throws IOException {
    if (requested.equals("none") || ProjectLayout.parseIteration(requested).isPresent()) {
      return new Init(requested, null);
    }
    if (!requested.equals("auto")) {
      return new Init(PretrainedStore.resolve(requested, net), null);
    }
    for (int it = p.config().iteration() - 1; it >= 0; it--) {
      Path prev = p.layout().modelDir(it, d.trainFraction(), d.shuffle());
      if (PoseTrainer.latestSnapshot(prev.resolve("train")) != null && ModelInfo.read(prev).net().equals(net)) {
        return new Init(ProjectLayout.iteration(it), "starting from iteration " + it + "'s model (init none for random weights)");
      }
    }
    PretrainedStore store = PretrainedStore.standard();
    for (PretrainedStore.Known k : PretrainedStore.KNOWN) {
      if (k.net().equals(net) && store.has(k.name())) {
        return new Init(k.name(), null);
      }
    }
    boolean fits = PretrainedStore.KNOWN.stream().anyMatch(k -> k.net().equals(net));
    return new Init("none", "no pretrained backbone " + (fits
        ? "has been fetched for " + net + " (fetch one with 'labpose models fetch movenet_lightning');"
        : "exists for " + net + ";") + " training from random weights");
  }

  /** Loads frames as training samples: the image scaled by {@code scale}, keypoints mapped alike. */
  public static List<Sample> samples(Project p, List<LabeledFrame> frames, double scale) throws IOException {
    List<Sample> out = new ArrayList<>();
    for (LabeledFrame f : frames) {
      RgbImage img = Images.read(p.imagePath(f.imagePath(), null));
      RgbImage s = Resize.scale(img, scale);
      double sx = (double) s.width() / img.width();
      double sy = (double) s.height() / img.height();
      double[] xy = f.coordinates();
      for (int i = 0; i < xy.length; i += 2) {
        xy[i] = (xy[i] + 0.5) * sx - 0.5;
        xy[i + 1] = (xy[i + 1] + 0.5) * sy - 0.5;
      }
      out.add(new Sample(s, xy));
    }
    return out;
  }

  /** For each keypoint slot, its mirror image's slot (left/right bodyparts swapped); null when none swap. */
  public static int[] mirrorOf(Project p, KeypointLayout layout) {
    Map<String, String> m = p.config().skeleton().mirrorMap();
    int[] out = new int[layout.size()];
    boolean any = false;
    List<KeypointId> ks = layout.keypoints();
    for (int i = 0; i < ks.size(); i++) {
      KeypointId k = ks.get(i);
      KeypointId other = new KeypointId(k.individual(), m.getOrDefault(k.bodypart(), k.bodypart()));
      int j = ks.indexOf(other);
      out[i] = j < 0 ? i : j;
      any |= out[i] != i;
    }
    return any ? out : null;
  }

  /** Field width (px of the scaled image) of the part-affinity targets. */
  public static final double PAF_WIDTH = 20;

  /**
   * The bottom-up head of a multi-animal project's network, or null for a single-animal project:
   * shared maps for the animals' bodyparts and the unique ones, and part-affinity fields on the
   * config's skeleton (its edges between the animals' bodyparts), or, without a skeleton, on a graph
   * chosen from the training labels ({@link GraphSelection}).
   */
  public static MultiAnimalHead multiAnimalHead(Project p, KeypointLayout layout, List<LabeledFrame> train) {
    if (!layout.isMultiAnimal()) {
      return null;
    }
    List<String> bodyparts = layout.bodyparts();
    List<String> individuals = layout.individuals();
    List<List<Integer>> edges = new ArrayList<>();
    for (org.labpose.core.model.Skeleton.Pair e : p.config().skeletonEdges()) {
      int a = bodyparts.indexOf(e.a());
      int b = bodyparts.indexOf(e.b());
      if (a < 0 || b < 0 || a == b) {
        continue; // an edge to a unique bodypart (or a placeholder): not a bone of an animal
      }
      List<Integer> edge = List.of(Math.min(a, b), Math.max(a, b));
      if (!edges.contains(edge)) {
        edges.add(edge);
      }
    }
    List<double[][]> animals = new ArrayList<>();
    for (LabeledFrame f : train) {
      double[] xy = f.coordinates();
      for (int i = 0; i < individuals.size(); i++) {
        double[][] an = new double[bodyparts.size()][2];
        for (int b = 0; b < bodyparts.size(); b++) {
          int s = i * bodyparts.size() + b;
          an[b][0] = xy[2 * s];
          an[b][1] = xy[2 * s + 1];
        }
        animals.add(an);
      }
    }
    if (edges.isEmpty() && bodyparts.size() > 1) {
      for (AssemblyParams.Edge e : GraphSelection.fromLabels(animals, bodyparts.size())) {
        edges.add(List.of(e.from(), e.to()));
      }
    }
    return new MultiAnimalHead(individuals, bodyparts, layout.uniqueBodyparts(), edges, PAF_WIDTH, 1, 0.1,
        p.config().identity(), LinkLengths.fromAnimals(animals, bodyparts.size()));
  }

  /**
   * Trains a shuffle.
   *
   * @throws InputFormatException when resuming against a different configuration
   */
  public static PoseTrainer.Result train(Project p, TrainingDataset d, TrainConfig cfg, boolean resume, PoseTrainer.Listener listener) throws IOException {
    return train(p, d, cfg, resume, listener, 0);
  }

  /**
   * Trains a shuffle; with {@code testEvery > 0}, the mean test error in pixels is written to
   * {@code train/test_log.csv} every {@code testEvery} steps and at the end.
   */
  public static PoseTrainer.Result train(Project p, TrainingDataset d, TrainConfig cfg, boolean resume, PoseTrainer.Listener listener, int testEvery) throws IOException {
    Path modelDir = TrainingDataset.modelDir(p, d.trainFraction(), d.shuffle());
    Path trainDir = modelDir.resolve("train");
    Path cfgFile = trainDir.resolve("train_config.json");
    String cfgJson = JSON.writeValueAsString(cfg);
    if (resume && Files.exists(cfgFile)) {
      var old = JSON.readTree(cfgFile.toFile());
      var now = JSON.readTree(cfgJson);
      for (String key : List.of("net", "batchSize", "cropSize", "globalScale", "radius", "locrefStd", "seed", "init", "target")) {
        var was = old.get(key) == null && key.equals("target") ? com.fasterxml.jackson.databind.node.TextNode.valueOf("disk") : old.get(key); // written before targets were a setting
        if (!java.util.Objects.equals(was, now.get(key))) {
          throw new InputFormatException(cfgFile, "key '" + key + "'",
              "--resume with a different configuration: the checkpoint has " + old.get(key) + ", this run " + now.get(key));
        }
      }
    }
    KeypointLayout layout = d.labels().layout();
    MultiAnimalHead head = multiAnimalHead(p, layout, d.trainFrames());
    NetSpec spec = head != null ? head.spec(cfg.net()) : new NetSpec(cfg.net(), layout.size(), 8);
    PoseTrainer.WeightInit init = null;
    float[] mean = Augmenter.MEAN;
    float[] std = Augmenter.STD;
    boolean calibrate = false;
    java.util.OptionalInt fromIteration = ProjectLayout.parseIteration(cfg.init());
    if (fromIteration.isPresent()) {
      // start from an earlier iteration's model of the same shuffle (refinement loop)
      Path prevDir = p.layout().modelDir(fromIteration.getAsInt(), d.trainFraction(), d.shuffle());
      Path snap = PoseTrainer.latestSnapshot(prevDir.resolve("train"));
      if (snap == null) {
        throw new InputFormatException(prevDir, null, "no trained snapshot to start from");
      }
      ModelInfo prev = ModelInfo.read(prevDir);
      if (!prev.net().equals(cfg.net()) || prev.keypoints().size() != layout.size()) {
        throw new InputFormatException(prevDir, null, "its model (" + prev.net() + ", " + prev.keypoints().size()
            + " keypoints) does not fit this training (" + cfg.net() + ", " + layout.size() + " keypoints)");
      }
      mean = prev.mean();
      std = prev.std();
      init = block -> PoseTrainer.loadParametersInPlace(block, block.getParameters().valueAt(0).getArray().getManager(), snap);
    } else if (!cfg.init().equals("none")) {
      PretrainedStore store = PretrainedStore.standard();
      PretrainedStore.Backbone k = store.backbone(cfg.init());
      if (!k.net().equals(cfg.net())) {
        throw new InputFormatException(cfgFile, "init", "pretrained model " + k.name() + " fits network " + k.net() + ", not " + cfg.net());
      }
      List<PretrainedStore.Stored> tensors = store.load(k.name());
      init = block -> BackboneInit.apply(block, tensors);
      // the input normalisation the weights were trained with
      mean = k.mean();
      std = k.std();
      calibrate = k.foldedBatchNorm();
    }
    ModelInfo info = new ModelInfo(cfg.net(), layout.keypoints().stream().map(KeypointId::toString).toList(),
        layout.isMultiAnimal(), spec.stride(), spec.inputMultiple(), cfg.globalScale(), cfg.locrefStd(),
        mean, std, mirrorOf(p, layout), p.config().task(), p.config().date(),
        d.trainFraction(), d.shuffle(), p.config().iteration(), head);
    // every image is read before anything is written: a missing or damaged image leaves no half-made model folder
    List<Sample> samples = samples(p, d.trainFrames(), cfg.globalScale());
    List<LabeledFrame> test = testEvery > 0 ? d.testFrames() : List.of();
    List<RgbImage> images = new ArrayList<>();
    for (LabeledFrame f : test) {
      images.add(Images.read(p.imagePath(f.imagePath(), null)));
    }
    Files.createDirectories(trainDir);
    info.write(modelDir);
    AtomicFiles.writeString(cfgFile, cfgJson);
    PoseTrainer trainer = new PoseTrainer(cfg, layout.size(), head, init, mean, std).withBatchNormCalibration(calibrate);
    if (!test.isEmpty()) {
      trainer.withProbe((block, manager) -> {
        try (NDManager sub = manager.newSubManager()) {
          PosePredictor pred = new PosePredictor(info, block, sub).withAssemblyConfig(p.config().get("assembly"));
          List<Evaluation.FramePrediction> preds = new ArrayList<>();
          for (int i = 0; i < test.size(); i++) {
            preds.add(Evaluation.predict(test.get(i), images.get(i), pred));
          }
          return Evaluation.stats(preds, 0).meanError();
        }
      }, testEvery);
    }
    PoseTrainer.Result r = trainer.train(samples, info.mirror(), trainDir, resume, listener);
    if (r.iterations() != cfg.iterations()) {
      // a time budget chose the step count: record the schedule that was actually followed
      AtomicFiles.writeString(cfgFile, JSON.writeValueAsString(cfg.withIterations(r.iterations())));
    }
    LossCurve.write(trainDir.resolve("log.csv"), trainDir.resolve("loss.png"));
    return r;
  }
}

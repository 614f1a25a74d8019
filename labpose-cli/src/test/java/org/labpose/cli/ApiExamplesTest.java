package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.analysis.assay.Assay;
import org.labpose.analysis.assay.AssayConfig;
import org.labpose.analysis.assay.AssayResult;
import org.labpose.analysis.filter.PoseFilter;
import org.labpose.analysis.stats.Agreement;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.metrics.TrackSet;
import org.labpose.multianimal.metrics.TrackingAgreement;
import org.labpose.multianimal.track.AssembliesFile;
import org.labpose.multianimal.track.MultiAnimalTracking;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.evaluate.Evaluation;
import org.labpose.net.infer.PosePredictor;
import org.labpose.net.infer.VideoAnalyzer;
import org.labpose.net.train.PoseTrainer;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.core.formats.PoseFiles;
import org.labpose.core.io.dlc.DlcH5;
import org.labpose.core.io.nwb.NwbWriter;
import org.labpose.core.io.sleap.SleapAnalysisH5;
import org.labpose.core.project.History;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.triangulation.Rig;
import org.labpose.geometry.triangulation.Triangulator;
import org.labpose.web.studio.StudioServer;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * The examples of {@code docs/api.md}: every stage of the pipeline called from Java, without the
 * command line. The page's code blocks are copied from the tagged regions below, and
 * {@link #thePageShowsTheseExamples} fails when they drift apart.
 */
class ApiExamplesTest {
  @TempDir Path dir;

  @Test
  void theWholePipelineFromJava() throws Exception {
    // tag::project[]
    SynthConfig synth = SynthConfig.defaults().withFrames(60).withSeed(1);
    Path video = dir.resolve("mouse.mp4");
    PoseTable truth = SyntheticVideo.generate(synth, video, null, null);
    Path config = SyntheticProject.create(dir, video, truth, synth, 30, LocalDate.of(2026, 11, 30)).configFile();

    Project project = Project.open(config);
    LabelSet labels = project.loadAllLabels();
    // end::project[]
    assertEquals(30, labels.size());

    // tag::train[]
    TrainingDataset set = TrainingDataset.create(project, 0.9, 1, 0, "tiny", null);
    TrainConfig cfg = TrainConfig.defaults("tiny").withIterations(40).withBatchSize(8).withCropSize(96).withLr(2e-3);
    PoseTrainer.Result trained = ProjectTraining.train(project, set, cfg, false,
        (step, steps, loss, lr, stepsPerSecond) -> { /* progress */ });
    // end::train[]
    assertEquals(40, trained.iterations());
    assertTrue(trained.lastLoss() < trained.firstLoss(), trained.firstLoss() + " -> " + trained.lastLoss());

    // tag::evaluate[]
    Evaluation.Report report = Evaluation.evaluate(project, 0.9, 1, project.config().pcutoff(), false, 2);
    double testErrorPx = report.test().meanError();
    // end::evaluate[]
    assertTrue(Double.isFinite(testErrorPx) && Files.exists(report.results()));

    // tag::analyze[]
    Path csv;
    try (PosePredictor model = new PosePredictor(TrainingDataset.modelDir(project, 0.9, 1), null, 2)) {
      String scorer = model.info().scorer(model.iterations());
      csv = ProjectLayout.predictions(video, scorer);
      new VideoAnalyzer(model, scorer, 8).analyze(video, csv, false, (frames, total, framesPerSecond) -> { });
    }
    PoseTable poses = ProjectLayout.readPredictions(csv);
    // end::analyze[]
    assertEquals(60, poses.frameCount());

    // tag::filter[]
    PoseTable smooth = new PoseFilter(PoseFilter.Method.KALMAN, 5, project.config().pcutoff(), 15).apply(poses);
    DlcPredictionCsv.write(smooth, ProjectLayout.filtered(csv));
    // end::filter[]

    // tag::assay[]
    ZoneSet zones = ZoneFile.parse("""
        px_per_cm: 5
        arena: {x: 10, y: 10, width: 300, height: 220}
        zones:
          - {name: center, shape: open_field_center, margin_cm: 8}
        """, dir.resolve("zones.yaml"));
    AssayResult assay = Assay.run(smooth, zones, synth.fps(), AssayConfig.defaults(true));
    double distanceCm = assay.summary().get("distance_cm");
    double centerSeconds = assay.summary().get("time_s_center");
    // end::assay[]
    assertTrue(distanceCm > 0 && centerSeconds >= 0 && centerSeconds <= 60 / synth.fps(), distanceCm + " cm, " + centerSeconds + " s");

    // tag::validate[]
    Agreement.Report agreement = Agreement.keypoints(csv, ProjectLayout.filtered(csv), Agreement.Settings.defaults());
    List<List<String>> table = agreement.table(); // header, then one row per bodypart
    // end::validate[]
    assertEquals(1 + truth.layout().size(), table.size());
  }

  /** Several animals: per-frame animals (here the true poses, listed in shuffled order) tracked into identities. */
  @Test
  void severalAnimals() throws Exception {
    SynthConfig synth = SynthConfig.defaults().withFrames(60).withSize(160, 120).withAnimals(2).withSeed(2);
    PoseTable truth = SyntheticVideo.generate(synth, dir.resolve("pair.mp4"), null, null);
    List<String> bodyparts = truth.layout().bodyparts();
    List<AssembliesFile.Frame> frames = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(1);
    for (int f = 0; f < truth.frameCount(); f++) {
      List<Animal> animals = new ArrayList<>();
      for (String ind : truth.layout().individuals()) {
        double[][] kp = new double[bodyparts.size()][];
        for (int b = 0; b < kp.length; b++) {
          org.labpose.core.model.KeypointId k = new org.labpose.core.model.KeypointId(ind, bodyparts.get(b));
          kp[b] = new double[] {truth.x(f, k), truth.y(f, k), 1.0, -1};
        }
        animals.add(new Animal(kp, 1, 3));
      }
      java.util.Collections.shuffle(animals, rnd);
      frames.add(new AssembliesFile.Frame(f, new FrameAssembly(animals, new double[0][])));
    }
    // tag::several[]
    // frames: each frame's animals, from PosePredictor.predictAnimals or AssembliesFile.read(...)
    MultiAnimalTracking.Result tracked = MultiAnimalTracking.track(frames, truth.frameCount(), truth.layout(), "DLC_tiny",
        MultiAnimalTracking.Settings.defaults());
    TrackingAgreement agreement = TrackingAgreement.compute(TrackSet.of(truth, bodyparts, 0.6),
        TrackSet.of(tracked.table(), bodyparts, 0.6), 20);  // animals correspond within 20 px
    double idf1 = agreement.idf1();
    int switches = agreement.switches();
    // end::several[]
    assertEquals(1.0, idf1);
    assertEquals(0, switches);
  }

  /** Other tools' files: found by content, converted, written as NWB; the provenance log. */
  @Test
  void otherToolsFiles() throws Exception {
    SynthConfig synth = SynthConfig.defaults().withFrames(30).withSize(160, 120).withSeed(4);
    PoseTable poses = SyntheticVideo.generate(synth, dir.resolve("m.mp4"), null, null);
    Path csv = dir.resolve("mDLC_truth.csv");
    DlcPredictionCsv.write(poses, csv);
    // tag::formats[]
    PoseFiles.Format format = PoseFiles.detect(csv);                      // DLC_PREDICTIONS_CSV
    DlcH5.writePredictions(poses, dir.resolve("m.h5"));                   // pandas.read_hdf reads it
    SleapAnalysisH5.write(poses, List.of(), SleapAnalysisH5.Source.NONE, dir.resolve("m.analysis.h5"));
    List<String> notKept = PoseFiles.convert(csv, PoseFiles.Target.COCO, dir.resolve("m.json"));
    NwbWriter.write(poses, new NwbWriter.Options("open field", "session-1", "2026-11-30T09:00:00+00:00",
        "2026-11-30T10:00:00+00:00", NwbWriter.timestamps(poses.frameCount(), synth.fps()), List.of(), poses.scorer(),
        "LabPose", "0.1.0", List.of("m.mp4"), 160, 120), dir.resolve("m.nwb"));
    PoseTable back = PoseFiles.readPredictions(dir.resolve("m.nwb"));   // NwbPose.read gives timestamps too
    History.append(dir, "0.1.0", List.of("my-script", "export"), List.of(csv), List.of(dir.resolve("m.nwb")));
    // end::formats[]
    assertEquals(PoseFiles.Format.DLC_PREDICTIONS_CSV, format);
    assertEquals(poses, back);
    assertTrue(notKept.stream().anyMatch(n -> n.contains("likelihoods")), notKept.toString());
    assertEquals(1, History.read(dir).size());
  }

  /** The studio served from Java: its jobs run the labpose command line given as the launcher. */
  @Test
  void studio() throws Exception {
    // tag::studio[]
    List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.labpose.cli.LabPose");   // how jobs start `labpose`
    StudioServer studio = StudioServer.start(
        new StudioServer.Options("127.0.0.1", 0, null, List.of(dir), launcher, null), problem -> { });
    String address = studio.url();                                     // http://127.0.0.1:PORT/ ; studio.close() stops it
    // end::studio[]
    try {
      assertTrue(address.startsWith("http://127.0.0.1:" + studio.port() + "/"), address);
    } finally {
      studio.close();
    }
  }

  /** Three dimensions: cameras (here a virtual rig; from images with Calibration.calibrate), their file, a point triangulated. */
  @Test
  void threeDimensions() throws Exception {
    // tag::threed[]
    // cameras: Calibration.calibrate(new Checkerboard(9, 6, 25), imagesByCamera, false), or a virtual rig
    List<CameraModel> cameras = Rig.ring(3, 600, 350, 1280, 1024, 1500);
    AniposeCalibration.write(new AniposeCalibration.Calibration(cameras, false, Double.NaN), dir.resolve("calibration.toml"));
    Triangulator triangulator = new Triangulator(AniposeCalibration.read(dir.resolve("calibration.toml")).cameras(), 15);
    double[] paw = {12, -30, 8};                                         // mm, in the calibration's world
    double[][] pixels = new double[3][];
    for (int i = 0; i < 3; i++) {
      pixels[i] = triangulator.cameras().get(i).project(paw);            // what each camera sees, px
    }
    Triangulator.Point p = triangulator.triangulate(pixels);             // p.xyz(), p.error() in px, p.used()
    // end::threed[]
    assertEquals(12, p.xyz()[0], 1e-6);
    assertEquals(3, p.views());
  }

  /** Every Java block of docs/api.md is one of the tagged regions above, word for word (indentation aside). */
  @Test
  void thePageShowsTheseExamples() throws Exception {
    Path page = Path.of("..", "docs", "api.md");
    String source = normalise(Files.readString(Path.of("src/test/java/org/labpose/cli/ApiExamplesTest.java")));
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertFalse(blocks.isEmpty(), page + " has no Java blocks");
    for (String b : blocks) {
      assertTrue(source.contains(normalise(b)), page + ": this block is not in ApiExamplesTest:\n" + b);
    }
    Matcher tags = Pattern.compile("// tag::(\\w+)\\[]").matcher(Files.readString(Path.of("src/test/java/org/labpose/cli/ApiExamplesTest.java")));
    int n = 0;
    while (tags.find()) {
      n++;
    }
    assertEquals(n, blocks.size(), "one block per tagged example");
  }

  private static String normalise(String code) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("// tag::") && !t.startsWith("// end::")) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }
}

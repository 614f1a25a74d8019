package org.labpose.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.net.Engines;
import org.labpose.net.dataset.TrainingDataset;
import org.labpose.net.infer.ExportedModelAnalysis;
import org.labpose.net.model.ModelExport;
import org.labpose.net.train.ProjectTraining;
import org.labpose.net.train.TrainConfig;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * The Spark job in local mode (2 executor threads, 3 attempts per task) against the single-process
 * analysis of {@code labpose analyze --model}: byte-identical CSVs, what is done skipped, a corrupt
 * video failing alone and listed, a task killed mid-video retried without a partial file under the
 * final name, bad input refused before any task.
 */
class SparkVideoAnalysisTest {
  @TempDir static Path shared;
  @TempDir Path dir;
  private static JavaSparkContext sc;
  private static Path model;
  private static List<Path> videos;
  private static Path corrupt;
  private static final Map<String, byte[]> reference = new HashMap<>();
  private static final AtomicInteger failedTasks = new AtomicInteger();

  @BeforeAll
  static void setUp() throws Exception {
    Engines.start(1);
    SynthConfig sc0 = SynthConfig.defaults().withFrames(60).withSeed(9);
    Path train = Files.createDirectories(shared.resolve("train"));
    Path video = train.resolve("synth.mp4");
    PoseTable truth = SyntheticVideo.generate(sc0, video, null, null);
    Project p = SyntheticProject.create(train, video, truth, sc0, 12, LocalDate.of(2026, 1, 1));
    TrainingDataset d = TrainingDataset.create(p, 0.9, 1, 0, "tiny", null);
    ProjectTraining.train(p, d, TrainConfig.defaults("tiny").withIterations(12).withBatchSize(4).withCropSize(64).withThreads(1).withCheckpoints(6, 3), false, null);
    model = shared.resolve("model");
    ModelExport.export(TrainingDataset.modelDir(p, 0.9, 1), null, model, "test");
    Path data = Files.createDirectories(shared.resolve("videos"));
    videos = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path v = data.resolve("mouse" + i + ".mp4");
      SyntheticVideo.generate(SynthConfig.defaults().withFrames(30 + 10 * i).withSeed(100 + i), v, null, null);
      videos.add(v);
    }
    corrupt = data.resolve("broken.mp4");
    byte[] junk = new byte[50_000];
    new java.util.Random(7).nextBytes(junk);
    Files.write(corrupt, junk);
    // what labpose analyze --model writes, in this process, with the job's settings (batch 4, 1 thread)
    Path ref = Files.createDirectories(shared.resolve("reference"));
    try (ExportedModelAnalysis m = ExportedModelAnalysis.open(model, 1, 4, null, null, null, "reference")) {
      for (Path v : videos) {
        Path csv = m.csvFor(v, ref);
        m.analyzer().analyze(v, csv, false, null);
        reference.put(v.getFileName().toString(), Files.readAllBytes(csv));
      }
    }
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("labpose-test").set("spark.ui.enabled", "false")
        .set("spark.speculation", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    sc.setLogLevel("OFF");
    sc.sc().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.taskInfo().failed()) {
          failedTasks.incrementAndGet();
        }
      }
    });
  }

  @AfterAll
  static void tearDown() {
    if (sc != null) {
      sc.close();
    }
  }

  private static SparkVideoAnalysis.Request request(List<Path> vs, Path out) {
    return new SparkVideoAnalysis.Request(model, vs, out, 4, 1);
  }

  private static List<Path> leftovers(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".partial") || p.getFileName().toString().startsWith(".")).toList();
    }
  }

  @Test
  void csvsAreByteIdenticalToAnalyzeAndACorruptVideoFailsAlone() throws Exception {
    List<Path> all = new ArrayList<>(videos);
    all.add(corrupt);
    Path out = dir.resolve("out");
    SparkVideoAnalysis.Summary s = SparkVideoAnalysis.run(sc, request(all, out), "test");
    assertEquals(4, s.videos().stream().filter(o -> o.status().equals("done")).count(), s.toString());
    assertEquals(1, s.failed().size());
    assertEquals(corrupt.toString(), s.failed().get(0).video());
    assertTrue(s.failed().get(0).error().contains("broken.mp4"), s.failed().get(0).error());
    for (Path v : videos) {
      SparkVideoAnalysis.Outcome o = s.videos().stream().filter(x -> x.video().equals(v.toString())).findFirst().orElseThrow();
      Path csv = Path.of(o.csv());
      assertEquals(out, csv.getParent());
      assertArrayEquals(reference.get(v.getFileName().toString()), Files.readAllBytes(csv), v + ": the CSV as labpose analyze --model writes it");
      assertTrue(Files.exists(ProjectLayout.meta(csv)) && Files.exists(org.labpose.core.io.dlc.DlcH5.besideCsv(csv)), "meta and .h5 beside it");
    }
    assertEquals(List.of(), leftovers(out));
    String summary = Files.readString(out.resolve(SparkVideoAnalysis.SUMMARY), StandardCharsets.UTF_8);
    assertTrue(summary.contains("\"failed\" : 1") && summary.contains("broken.mp4"), summary);
  }

  @Test
  void aReRunRedoesOnlyWhatIsMissing() throws Exception {
    Path out = dir.resolve("out");
    List<Path> two = videos.subList(0, 2);
    SparkVideoAnalysis.run(sc, request(two, out), "test");
    Path first = out.resolve(Files.list(out).filter(p -> p.getFileName().toString().startsWith("mouse0") && p.toString().endsWith(".csv")).findFirst()
        .orElseThrow().getFileName());
    long stamp = Files.getLastModifiedTime(first).toMillis();
    SparkVideoAnalysis.Summary again = SparkVideoAnalysis.run(sc, request(videos.subList(0, 3), out), "test");
    assertEquals(List.of("skipped", "skipped", "done"), again.videos().stream().map(SparkVideoAnalysis.Outcome::status).toList());
    assertEquals(stamp, Files.getLastModifiedTime(first).toMillis(), "a done video is not analysed again");
    assertArrayEquals(reference.get("mouse2.mp4"), Files.readAllBytes(Path.of(again.videos().get(2).csv())));
  }

  @Test
  void aTaskKilledMidVideoIsRetriedAndLeavesNoPartialOutput() throws Exception {
    Path out = dir.resolve("out");
    int before = failedTasks.get();
    System.setProperty("labpose.spark.failOnce", "mouse3.mp4:20");
    SparkVideoAnalysis.Summary s;
    try {
      s = SparkVideoAnalysis.run(sc, request(List.of(videos.get(3)), out), "test");
    } finally {
      System.clearProperty("labpose.spark.failOnce");
    }
    assertEquals(1, failedTasks.get() - before, "the first attempt died mid-video");
    assertEquals("done", s.videos().get(0).status());
    assertArrayEquals(reference.get("mouse3.mp4"), Files.readAllBytes(Path.of(s.videos().get(0).csv())));
    assertEquals(List.of(), leftovers(out));
  }

  @Test
  void badInputIsRefusedBeforeAnyTask() throws Exception {
    Path out = dir.resolve("out");
    JobRefusedException missing = assertThrows(JobRefusedException.class,
        () -> SparkVideoAnalysis.run(sc, request(List.of(videos.get(0), dir.resolve("nothere.mp4")), out), "test"));
    assertTrue(missing.getMessage().contains("nothere.mp4"), missing.getMessage());
    assertFalse(Files.exists(out.resolve(SparkVideoAnalysis.SUMMARY)));
    Path list = Files.writeString(dir.resolve("list.txt"), "# videos\n" + videos.get(0) + "\nmissing.mp4\n");
    JobRefusedException inList = assertThrows(JobRefusedException.class, () -> SparkVideoAnalysis.videos(List.of(list.toString())));
    assertTrue(inList.getMessage().contains("list.txt: line 3: missing.mp4"), inList.getMessage());
    assertEquals(videos, SparkVideoAnalysis.videos(List.of(shared.resolve("videos").resolve("mouse*.mp4").toString())));

    Path file = Files.writeString(dir.resolve("a-file"), "x");
    JobRefusedException unwritable = assertThrows(JobRefusedException.class,
        () -> SparkVideoAnalysis.run(sc, request(List.of(videos.get(0)), file.resolve("out")), "test"));
    assertTrue(unwritable.getMessage().contains("cannot be written"), unwritable.getMessage());

    Path tampered = dir.resolve("tampered");
    Files.createDirectories(tampered);
    try (Stream<Path> s = Files.list(model)) {
      for (Path f : s.toList()) {
        Files.copy(f, tampered.resolve(f.getFileName()));
      }
    }
    Path cfg = tampered.resolve("pose_cfg.json");
    Files.writeString(cfg, Files.readString(cfg).replace("\"tiny\"", "\"tiny\" "));
    InputFormatException bad = assertThrows(InputFormatException.class,
        () -> SparkVideoAnalysis.run(sc, new SparkVideoAnalysis.Request(tampered, List.of(videos.get(0)), out, 4, 1), "test"));
    assertTrue(bad.getMessage().contains("pose_cfg.json"), bad.getMessage());
    assertFalse(Files.exists(out.resolve(SparkVideoAnalysis.SUMMARY)), "nothing ran");
  }
}

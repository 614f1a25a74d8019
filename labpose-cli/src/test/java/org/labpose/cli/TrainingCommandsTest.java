package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create-training-dataset → train → evaluate from the command line, on a synthetic project, with the tiny network. */
class TrainingCommandsTest {
  @TempDir static Path dir;
  static Path config;

  @BeforeAll
  static void project() throws Exception {
    Cli r = Cli.run("synth", dir.toString(), "--frames", "120", "--project", "--label-frames", "30", "--seed", "2");
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    Cli summary = Cli.run("summary", config.toString());
    assertEquals(0, summary.code(), summary.err());
    assertTrue(summary.out().contains("30 labelled frames"), summary.out());
  }

  @Test
  void epochsSetTheStepCount() throws Exception {
    assertEquals(0, Cli.run("create-training-dataset", config.toString(), "--net", "tiny", "--train-fraction", "0.5").code());
    Cli t = Cli.run("train", config.toString(), "--train-fraction", "0.5", "--epochs", "2", "--batch-size", "4", "--crop", "64", "--threads", "2",
        "--target", "gaussian");
    assertEquals(0, t.code(), t.err());
    try (Stream<Path> s = Files.walk(config.getParent().resolve("labpose-models"))) {
      Path tc = s.filter(p -> p.toString().contains("trainset50") && p.getFileName().toString().equals("train_config.json")).findFirst().orElseThrow();
      assertTrue(Files.readString(tc).contains("\"target\" : \"gaussian\""), Files.readString(tc));
    }
    Cli bad = Cli.run("train", config.toString(), "--train-fraction", "0.5", "--max-iters", "2", "--target", "blob");
    assertEquals(LabPose.BAD_INPUT, bad.code());
    assertTrue(bad.err().contains("disk or gaussian"), bad.err());
    assertTrue(t.out().contains("on 15 frames (shuffle 1) for 8 steps, batch 4"), t.out()); // ceil(2 × 15 / 4)
    Cli both = Cli.run("train", config.toString(), "--train-fraction", "0.5", "--epochs", "2", "--max-iters", "5");
    assertEquals(LabPose.BAD_INPUT, both.code());
    assertTrue(both.err().contains("not both"), both.err());
  }

  @Test
  void accuracyBenchmarkTrainsEachFoldOnACopy(@TempDir Path work) throws Exception {
    Path w = work.resolve("bench");
    Cli r = Cli.run("bench", "accuracy", config.toString(), "--work", w.toString(), "--folds", "2", "--budget-minutes", "0.1",
        "--threads", "1", "--net", "tiny", "--init", "none", "--crop", "64", "--augment", "light,rotation=10");
    assertEquals(0, r.code(), r.err());
    List<String> rows = Files.readAllLines(w.resolve("bench-accuracy.csv"));
    assertEquals(3, rows.size(), rows.toString());
    for (String row : rows.subList(1, 3)) {
      String[] c = row.split(",");
      assertEquals(15, Integer.parseInt(c[1]) , row);
      assertEquals(15, Integer.parseInt(c[2]), row);
      // how many steps 6 CPU-seconds allow depends on the machine and its load; at least the planner's
      // 10 warm-up steps run (the planning itself is checked with given CPU times in BudgetPlannerTest)
      assertTrue(Integer.parseInt(c[3]) >= 10, "the budget's warm-up ran: " + row);
      assertTrue(Double.isFinite(Double.parseDouble(c[7])), row);
    }
    assertTrue(r.out().contains("2 folds: test"), r.out());
    try (Stream<Path> s = Files.walk(w)) {
      List<Path> cfgs = s.filter(p -> p.getFileName().toString().equals("train_config.json")).toList();
      assertEquals(2, cfgs.size());
      for (Path c : cfgs) {
        assertTrue(Files.readString(c).contains("\"budgetMinutes\" : 0.1"), Files.readString(c));
      }
    }
    // the project itself is untouched, and a used work folder is refused
    try (Stream<Path> s = Files.walk(config.getParent())) {
      assertTrue(s.noneMatch(p -> p.toString().contains("shuffle2")));
    }
    Cli again = Cli.run("bench", "accuracy", config.toString(), "--work", w.toString(), "--folds", "2", "--net", "tiny", "--init", "none");
    assertEquals(LabPose.BAD_INPUT, again.code());
    assertTrue(again.err().contains("not empty"), again.err());
    Cli noSplit = Cli.run("bench", "accuracy", config.toString(), "--work", work.resolve("b2").toString(), "--net", "tiny", "--init", "none");
    assertEquals(LabPose.BAD_INPUT, noSplit.code());
    assertTrue(noSplit.err().contains("benchmark-split.json"), noSplit.err());
    Cli badAug = Cli.run("train", config.toString(), "--max-iters", "2", "--augment", "twist=2");
    assertEquals(LabPose.BAD_INPUT, badAug.code());
    assertTrue(badAug.err().contains("twist"), badAug.err());
  }

  @Test
  void createTrainEvaluate() throws Exception {
    Cli d = Cli.run("create-training-dataset", config.toString(), "--net", "tiny", "--train-fraction", "0.8");
    assertEquals(0, d.code(), d.err());
    assertTrue(d.out().contains("30 frames, 24 for training, 6 for testing"), d.out());
    Cli d2 = Cli.run("create-training-dataset", config.toString(), "--net", "tiny", "--train-fraction", "0.8");
    assertEquals(d.out(), d2.out(), "the same shuffle gives the same split");

    Cli t = Cli.run("train", config.toString(), "--train-fraction", "0.8", "--max-iters", "30", "--crop", "128", "--threads", "2", "--checkpoint-every", "10", "--test-every", "15");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().contains("snapshot labpose-models/iteration-0/"), t.out());

    Cli resumed = Cli.run("train", config.toString(), "--train-fraction", "0.8", "--max-iters", "40", "--crop", "128", "--threads", "2", "--checkpoint-every", "10", "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    Path log;
    try (Stream<Path> s = Files.walk(config.getParent().resolve("labpose-models"))) {
      // this test's model (train fraction 0.8, shuffle 1): other tests of the class train other shuffles here
      log = s.filter(p -> p.getFileName().toString().equals("log.csv") && p.toString().contains("-trainset80shuffle1" + java.io.File.separator))
          .findFirst().orElseThrow();
    }
    List<String> testLog = Files.readAllLines(log.resolveSibling("test_log.csv"));
    assertEquals(List.of("iteration,test_error_px"), testLog.subList(0, 1));
    assertTrue(testLog.get(1).startsWith("15,") && testLog.get(2).startsWith("30,"), testLog.toString());
    assertTrue(Double.parseDouble(testLog.get(2).split(",")[1]) > 0);
    List<String> lines = Files.readAllLines(log);
    assertEquals(41, lines.size(), "30 steps, then 10 more after resuming");
    assertTrue(lines.get(40).startsWith("40,"));

    Cli mismatch = Cli.run("train", config.toString(), "--train-fraction", "0.8", "--max-iters", "50", "--crop", "96", "--threads", "2", "--resume");
    assertEquals(LabPose.BAD_INPUT, mismatch.code());
    assertTrue(mismatch.err().contains("cropSize"), mismatch.err());

    Cli e = Cli.run("evaluate", config.toString(), "--train-fraction", "0.8", "--threads", "2", "--plot");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("train  24 frames: mean error"), e.out());
    assertTrue(e.out().contains("test    6 frames: mean error"), e.out());
    assertTrue(e.out().contains("(6 test frames)"), e.out());
    try (Stream<Path> s = Files.walk(config.getParent().resolve("labpose-models"))) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("loss.png")), "loss curve written");
    }
    try (Stream<Path> s = Files.walk(config.getParent().resolve("evaluation-results"))) {
      Path csv = s.filter(p -> p.toString().endsWith("-results.csv")).findFirst().orElseThrow();
      assertTrue(Files.readAllLines(csv).get(1).startsWith("40,80,1,"));
    }

    Path images = config.getParent().resolve("labeled-data/synth");
    Cli ai = Cli.run("analyze-images", config.toString(), images.toString(), "--train-fraction", "0.8", "--threads", "2",
        "--destfolder", dir.resolve("ai").toString());
    assertEquals(0, ai.code(), ai.err());
    try (Stream<Path> s = Files.list(dir.resolve("ai"))) {
      Path csv = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
      assertEquals(3 + 30, Files.readAllLines(csv).size(), "one row per image");
    }

    // export the model, analyse a video with it without the project, and time it through the API
    Path exported = dir.resolve("exported");
    Cli ex = Cli.run("export-model", config.toString(), "--train-fraction", "0.8", "--out", exported.toString());
    assertEquals(0, ex.code(), ex.err());
    assertTrue(Files.exists(exported.resolve("labpose-model.json")) && Files.exists(exported.resolve("snapshot-000040.params")) && Files.exists(exported.resolve("model.onnx")), ex.out());
    Cli again = Cli.run("export-model", config.toString(), "--train-fraction", "0.8", "--out", exported.toString());
    assertEquals(LabPose.BAD_INPUT, again.code());
    assertTrue(again.err().contains("not empty"), again.err());
    Path video;
    try (Stream<Path> s = Files.walk(config.getParent().resolve("videos"))) {
      video = s.filter(p -> p.toString().endsWith(".mp4")).findFirst().orElseThrow();
    }
    Cli am = Cli.run("analyze", "--model", exported.toString(), video.toString(), "--threads", "2", "--destfolder", dir.resolve("am").toString());
    assertEquals(0, am.code(), am.err());
    try (Stream<Path> s = Files.list(dir.resolve("am"))) {
      Path csv = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
      assertEquals(3 + 120, Files.readAllLines(csv).size(), "one row per frame");
    }
    Cli ba = Cli.run("bench", "analyze", exported.toString(), video.toString(), "--threads", "2");
    assertEquals(0, ba.code(), ba.err());
    assertTrue(ba.out().matches("(?s)tiny, global scale 0\\.80, batch 8, 2 threads: 120 frames in [0-9.]+ s = [0-9.]+ frames/s end to end.*"), ba.out());
    Cli lat = Cli.run("bench", "latency", exported.toString(), "--runs", "5", "--size", "160x120");
    assertEquals(0, lat.code(), lat.err());
    assertTrue(lat.out().matches("(?s)tiny at 160x120, 1 thread\\(s\\): median [0-9.]+ ms.*"), lat.out());
  }

  @Test
  void trainWithoutTrainingSetIsBadInput() {
    Cli t = Cli.run("train", config.toString(), "--shuffle", "7");
    assertEquals(LabPose.BAD_INPUT, t.code());
    assertTrue(t.err().contains("no training set for shuffle 7"), t.err());
  }

  @Test
  void missingGpuIsBadInput() {
    Cli g = Cli.run("evaluate", config.toString(), "--device", "gpu");
    assertEquals(LabPose.BAD_INPUT, g.code());
    assertTrue(g.err().contains("-Pgpu"), g.err());
    Cli t = Cli.run("evaluate", config.toString(), "--device", "tpu");
    assertEquals(LabPose.BAD_INPUT, t.code());
    assertTrue(t.err().contains("cpu, gpu or auto"), t.err());
  }

  @Test
  void unknownNetworkIsBadInput() {
    Cli t = Cli.run("create-training-dataset", config.toString(), "--net", "vgg");
    assertEquals(LabPose.BAD_INPUT, t.code());
    assertTrue(t.err().contains("unknown network"), t.err());
  }
}

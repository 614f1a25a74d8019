package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.io.dlc.MachineLabels;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;

/**
 * The refinement loop end to end on synthetic data: a tiny model trained on few frames analyses a
 * new video; outlier frames are extracted with the model's predictions as machine labels; they are
 * "refined" with the ground truth (as a person would in the labeler); merge-datasets moves to
 * iteration 1; training starts from iteration 0's model; the error on the new video falls.
 */
class RefinementLoopTest {
  @TempDir Path dir;

  private static double meanError(PoseTable a, PoseTable truth, List<Integer> skip) {
    double s = 0;
    int n = 0;
    for (int f = 0; f < truth.frameCount(); f++) {
      if (skip.contains(f)) {
        continue;
      }
      for (KeypointId k : truth.layout().keypoints()) {
        double d = Math.hypot(a.x(f, k) - truth.x(f, k), a.y(f, k) - truth.y(f, k));
        if (!Double.isNaN(d)) {
          s += d;
          n++;
        }
      }
    }
    return s / n;
  }

  private static Path newest(Path folder, String prefix) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".csv") && !p.toString().endsWith("_meta.csv"))
          .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }
  }

  @Test
  void outliersRefinedMergedAndRetrainedLowerTheError() throws Exception {
    assertEquals(0, Cli.run("synth", dir.toString(), "--frames", "120", "--project", "--label-frames", "20", "--seed", "2").code());
    Path config;
    try (Stream<Path> s = Files.walk(dir)) {
      config = s.filter(p -> p.getFileName().toString().equals("config.yaml")).findFirst().orElseThrow();
    }
    Path other = dir.resolve("other");
    assertEquals(0, Cli.run("synth", other.toString(), "--frames", "90", "--seed", "9", "--name", "novel").code());
    Path video = other.resolve("novel.mp4");
    PoseTable truth = DlcPredictionCsv.read(other.resolve("novel_groundtruth.csv"));
    String cfg = config.toString();
    String[] train = {"--train-fraction", "0.9", "--crop", "96", "--threads", "2", "--lr", "2e-3"};

    assertEquals(0, Cli.run("create-training-dataset", cfg, "--net", "tiny", "--train-fraction", "0.9").code());
    Cli t0 = Cli.run(concat(new String[] {"train", cfg, "--max-iters", "200"}, train));
    assertEquals(0, t0.code(), t0.err());
    Cli a0 = Cli.run("analyze", cfg, video.toString(), "--train-fraction", "0.9", "--threads", "2");
    assertEquals(0, a0.code(), a0.err());
    PoseTable before = DlcPredictionCsv.read(newest(other, "novelDLC_"));

    Cli out = Cli.run("extract-outliers", cfg, video.toString(), "--algo", "fitting", "--epsilon", "3", "--num", "10");
    assertEquals(0, out.code(), out.err());
    Project p = Project.open(config);
    Path folder = p.labeledDataDir("novel");
    Map<String, double[]> ml = MachineLabels.read(folder.resolve("machinelabels-iter0.csv"), p.keypointLayout());
    assertTrue(ml.size() >= 5, "outlier frames with machine labels: " + ml.keySet());
    for (String img : ml.keySet()) {
      assertTrue(Files.exists(p.resolve(img)), img);
    }
    Cli early = Cli.run("merge-datasets", cfg);
    assertEquals(LabPose.BAD_INPUT, early.code(), "unrefined frames are not merged silently");
    assertTrue(early.err().contains("no human labels"), early.err());

    // refine: the ground truth stands in for the person in the labeler
    List<LabeledFrame> frames = new ArrayList<>();
    List<Integer> refined = new ArrayList<>();
    for (String img : ml.keySet()) {
      int f = Integer.parseInt(img.replaceAll(".*img0*(\\d+)\\.png", "$1"));
      refined.add(f);
      double[] xy = new double[2 * p.keypointLayout().size()];
      for (int i = 0; i < p.keypointLayout().size(); i++) {
        KeypointId k = p.keypointLayout().keypoints().get(i);
        xy[2 * i] = truth.x(f, k);
        xy[2 * i + 1] = truth.y(f, k);
      }
      frames.add(new LabeledFrame(img, p.keypointLayout(), xy));
    }
    DlcLabelCsv.write(new LabelSet(p.config().scorer(), p.keypointLayout(), frames), folder.resolve("CollectedData_" + p.config().scorer() + ".csv"));

    Cli merge = Cli.run("merge-datasets", cfg);
    assertEquals(0, merge.code(), merge.err());
    assertEquals(1, Project.open(config).config().iteration());
    assertTrue(Files.isDirectory(config.getParent().resolve("labpose-models/iteration-0")), "iteration 0's model is kept");

    assertEquals(0, Cli.run("create-training-dataset", cfg, "--net", "tiny", "--train-fraction", "0.9").code());
    Cli t1 = Cli.run(concat(new String[] {"train", cfg, "--max-iters", "100"}, train));
    assertEquals(0, t1.code(), t1.err());
    assertTrue(t1.err().contains("starting from iteration 0's model") && t1.out().contains("init: iteration-0"), t1.err() + t1.out());
    Cli a1 = Cli.run("analyze", cfg, video.toString(), "--train-fraction", "0.9", "--threads", "2");
    assertEquals(0, a1.code(), a1.err());
    PoseTable after = DlcPredictionCsv.read(newest(other, "novelDLC_"));
    double e0 = meanError(before, truth, refined);
    double e1 = meanError(after, truth, refined);
    assertTrue(e1 < e0, "error on the new video's other frames falls: " + e0 + " px -> " + e1 + " px");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}

package org.labpose.video.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;

class FrameExtractorTest {
  @TempDir static Path dir;
  static Path video;

  @BeforeAll
  static void makeVideo() throws Exception {
    video = dir.resolve("v.mp4");
    SyntheticVideo.generate(SynthConfig.defaults().withFrames(150).withSize(160, 120), video, null, null);
  }

  @Test
  void kmeansPicksDistinctFramesAndIsIdempotent() throws Exception {
    List<Integer> a = FrameExtractor.pick(video, FrameExtractor.Algorithm.KMEANS, 12, 0, 1, null, 0);
    assertEquals(12, a.size());
    assertEquals(12, new HashSet<>(a).size());
    assertEquals(a, FrameExtractor.pick(video, FrameExtractor.Algorithm.KMEANS, 12, 0, 1, null, 0), "seeded");
    Path folder = dir.resolve("labeled-data/v");
    FrameExtractor.Result r1 = FrameExtractor.extract(video, a, folder, null);
    assertEquals(12, r1.written().size());
    assertTrue(Files.exists(folder.resolve(String.format("img%03d.png", a.get(0)))));
    FrameExtractor.Result r2 = FrameExtractor.extract(video, a, folder, null);
    assertEquals(0, r2.written().size());
    assertEquals(12, r2.skipped().size());
  }

  @Test
  void uniformRespectsStartAndStop() throws Exception {
    List<Integer> u = FrameExtractor.pick(video, FrameExtractor.Algorithm.UNIFORM, 5, 0.2, 0.6, null, 0);
    assertEquals(List.of(30, 42, 54, 66, 78), u);
  }

  @Test
  void kmeansRepresentativesFindSeparatedClusters() {
    Random rng = new Random(1);
    double[][] x = new double[90][];
    for (int i = 0; i < 90; i++) {
      int c = i / 30;
      x[i] = new double[] {10 * c + rng.nextGaussian() * 0.1, -5 * c + rng.nextGaussian() * 0.1};
    }
    int[] reps = FrameExtractor.kmeansRepresentatives(x, 3, 0);
    assertEquals(3, reps.length);
    HashSet<Integer> clusters = new HashSet<>();
    for (int r : reps) {
      clusters.add(r / 30);
    }
    assertEquals(3, clusters.size(), "one representative per cluster");
  }

  @Test
  void openFieldKmeansTwentyDistinctFrames() throws Exception {
    Path v = SharedData.openField().resolve("videos/m3v1mp4.mp4");
    List<Integer> f = FrameExtractor.pick(v, FrameExtractor.Algorithm.KMEANS, 20, 0, 1, null, 0);
    assertEquals(20, new HashSet<>(f).size());
    Path folder = dir.resolve("of");
    assertEquals(20, FrameExtractor.extract(v, f, folder, null).written().size());
    assertEquals(0, FrameExtractor.extract(v, f, folder, null).written().size());
  }
}

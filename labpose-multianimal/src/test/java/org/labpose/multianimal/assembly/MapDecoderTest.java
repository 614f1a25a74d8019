package org.labpose.multianimal.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapDecoderTest {
  private static final int H = 20;
  private static final int W = 20;
  private static final int S = 8;

  /** Two animals (head, tail) lying along rows 5 and 15; fields along each body. */
  private static float[] maps() {
    int plane = H * W;
    float[] out = new float[(3 * 2 + 2) * plane];
    java.util.Arrays.fill(out, 0, 2 * plane, -10f);
    int[][] heads = {{5, 2}, {15, 3}};
    int[][] tails = {{5, 8}, {15, 12}};
    for (int a = 0; a < 2; a++) {
      out[heads[a][0] * W + heads[a][1]] = 5f;
      out[plane + tails[a][0] * W + tails[a][1]] = 4f;
      // refinement: head offsets +2 px in x (in units of locrefStd 4: 0.5)
      out[2 * plane + heads[a][0] * W + heads[a][1]] = 0.5f;
      for (int j = heads[a][1]; j <= tails[a][1]; j++) {
        out[6 * plane + heads[a][0] * W + j] = 1f;
      }
    }
    return out;
  }

  @Test
  void decodesPeaksAndAffinitiesIntoTwoAnimals() {
    List<AssemblyParams.Edge> graph = List.of(new AssemblyParams.Edge(0, 1));
    MapDecoder dec = new MapDecoder(2, graph, S, 4, 2, 0.1);
    assertEquals(8, dec.channels());
    FrameDetections fd = dec.decode(maps(), 0, H, W, 0.5, 0.5);
    assertEquals(2, fd.candidates().get(0).size());
    assertEquals(2, fd.candidates().get(1).size());
    Detection h0 = fd.candidates().get(0).get(0);
    // input px: 2 * 8 + 4 + 0.5 * 4 = 22, row 5 * 8 + 4 = 44; image px at scale 0.5: (22.5 / 0.5) - 0.5
    assertEquals(44.5, h0.x(), 1e-9);
    assertEquals(88.5, h0.y(), 1e-9);
    assertEquals(1 / (1 + Math.exp(-5)), h0.confidence(), 1e-6);
    double[][] aff = fd.costs().get(0).affinity();
    assertEquals(1.0, aff[0][0], 1e-9, "along its own body the field is parallel");
    assertEquals(1.0, aff[1][1], 1e-9);
    assertEquals(true, aff[0][1] < 0.3 && aff[1][0] < 0.3, "across bodies it is weak");
    AssemblyParams p = new AssemblyParams(2, 2, graph, List.of(0), 0.1, 0.05, 1, 0.8, false);
    FrameAssembly fa = new Assembler(p).assemble(fd);
    List<String> got = new ArrayList<>();
    for (Animal a : fa.animals()) {
      got.add((int) a.y(0) + "/" + (int) a.y(1));
    }
    got.sort(null);
    assertEquals(List.of("248/248", "88/88"), got);
  }

  @Test
  void anIdentityHeadNamesEachDetection() {
    int plane = H * W;
    float[] base = maps();
    float[] out = new float[(3 * 2 + 2 + 2) * plane];
    System.arraycopy(base, 0, out, 0, base.length);
    int id0 = (3 * 2 + 2) * plane;
    // the upper animal (row 5) is individual 1, the lower (row 15) individual 0
    for (int j = 0; j < W; j++) {
      out[id0 + plane + 5 * W + j] = 3f;
      out[id0 + 15 * W + j] = 3f;
    }
    MapDecoder dec = new MapDecoder(2, List.of(new AssemblyParams.Edge(0, 1)), S, 4, 2, 0.1, 2);
    assertEquals(10, dec.channels());
    FrameDetections fd = dec.decode(out, 0, H, W, 1, 1);
    for (Detection d : fd.candidates().get(0)) {
      assertEquals(d.y() < 100 ? 1 : 0, d.identity(), d.toString());
    }
  }

  @Test
  void suppressesNeighboursOfAPeak() {
    int plane = H * W;
    float[] out = new float[6 * plane];
    java.util.Arrays.fill(out, 0, 2 * plane, -10f);
    out[10 * W + 10] = 3f;
    out[10 * W + 11] = 2.9f; // a shoulder of the same peak: suppressed
    out[10 * W + 16] = 2f; // 6 cells away: a peak of its own
    MapDecoder dec = new MapDecoder(2, List.of(), S, 7.2, 2, 0.1);
    FrameDetections fd = dec.decode(out, 0, H, W, 1, 1);
    assertEquals(2, fd.candidates().get(0).size());
    assertEquals(0, fd.candidates().get(1).size());
  }

  /**
   * One bodypart's maps (locrefStd 1) as a network trained on Gaussian targets makes them around the
   * given keypoints (input px): the score a sum of Gaussians (sigma 8 px) over the cells within two of
   * a keypoint, each cell's offset pointing at the nearest keypoint.
   */
  private static float[] blobs(double[]... keypoints) {
    int plane = H * W;
    float[] out = new float[3 * plane];
    java.util.Arrays.fill(out, 0, plane, -10f);
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < W; j++) {
        double cx = j * S + S / 2.0;
        double cy = i * S + S / 2.0;
        double sum = 0;
        double near = Double.MAX_VALUE;
        for (double[] kp : keypoints) {
          double d = Math.hypot(kp[0] - cx, kp[1] - cy);
          sum += Math.exp(-d * d / (2 * 8 * 8));
          if (d < near && d <= 2 * S * Math.sqrt(2)) {
            near = d;
            out[plane + i * W + j] = (float) (kp[0] - cx);
            out[2 * plane + i * W + j] = (float) (kp[1] - cy);
          }
        }
        if (near < Double.MAX_VALUE) {
          out[i * W + j] = (float) (8 * sum - 4);
        }
      }
    }
    return out;
  }

  private static List<String> positions(FrameDetections fd) {
    List<String> got = new ArrayList<>();
    for (Detection d : fd.candidates().get(0)) {
      got.add(String.format(java.util.Locale.ROOT, "%.1f,%.1f", d.x(), d.y()));
    }
    got.sort(null);
    return got;
  }

  @Test
  void separatesTwoBodypartsCloserThanTheGridCanBySuppressingBetweenRefinedPositions() {
    // two snouts 13 px apart in neighbouring cells: grid suppression keeps one, refined positions both
    float[] out = blobs(new double[] {84, 84}, new double[] {97, 86});
    MapDecoder grid = new MapDecoder(1, List.of(), S, 1, 1, 0.1);
    assertEquals(1, grid.decode(out, 0, H, W, 1, 1).candidates().get(0).size());
    MapDecoder refined = new MapDecoder(1, List.of(), S, 1, 1, 0.1, 0, 10);
    assertEquals(List.of("84.0,84.0", "97.0,86.0"), positions(refined.decode(out, 0, H, W, 1, 1)));
  }

  @Test
  void theCellsAroundOneBodypartGiveOneDetection() {
    float[] out = blobs(new double[] {84, 84}, new double[] {130, 40});
    MapDecoder refined = new MapDecoder(1, List.of(), S, 1, 1, 0.1, 0, 10);
    assertEquals(List.of("130.0,40.0", "84.0,84.0"), positions(refined.decode(out, 0, H, W, 1, 1)));
    assertEquals(List.of("130.0,40.0", "84.0,84.0"), positions(new MapDecoder(1, List.of(), S, 1, 1, 0.1).decode(out, 0, H, W, 1, 1)));
  }

  @Test
  void refusesANegativeSeparation() {
    assertThrows(IllegalArgumentException.class, () -> new MapDecoder(1, List.of(), S, 1, 1, 0.1, 0, -1));
  }
}

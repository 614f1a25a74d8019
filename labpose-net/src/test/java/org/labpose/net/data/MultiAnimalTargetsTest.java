package org.labpose.net.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bottom-up targets: shared score maps over both animals, the unique bodypart's own map, bone fields. */
class MultiAnimalTargetsTest {
  private static final int HW = 16;
  private static final int S = 8;

  @Test
  void twoAnimalsShareMapsAndEachBoneHasItsField() {
    // slots: a0 head, a0 tail, a1 head, a1 tail, unique cup
    double[] xy = {
      20, 20, 100, 20, // animal 0: head (20, 20), tail (100, 20): a bone along +x
      20, 100, 20, 60, // animal 1: head (20, 100), tail (20, 60): a bone along -y
      110, 110,        // the cup
    };
    int k = 3;
    int plane = HW * HW;
    float[] score = new float[k * plane];
    float[] scoreW = new float[k * plane];
    float[] loc = new float[2 * k * plane];
    float[] locW = new float[2 * k * plane];
    float[] paf = new float[2 * plane];
    float[] pafW = new float[2 * plane];
    MultiAnimalTargets.fill(xy, 2, 2, 1, new int[][] {{0, 1}}, HW, S, 9, 7.2, 8, 0, score, scoreW, loc, locW, paf, pafW);
    // head map: both heads (cells (2,2) -> centre (20, 20), and (12, 2) -> centre (20, 100))
    assertEquals(1f, score[2 * HW + 2]);
    assertEquals(1f, score[12 * HW + 2]);
    assertEquals(0f, score[7 * HW + 7]);
    // the cup is on its own map (index 2), nowhere on the head map
    assertEquals(1f, score[2 * plane + 13 * HW + 13]);
    assertEquals(0f, score[13 * HW + 13]);
    // refinement at the head cell (2, 2), centre (20, 20): offset 0
    assertEquals(0f, loc[2 * HW + 2], 1e-6);
    // bone of animal 0 along +x at row 2 (y = 20): field (1, 0) at cell (2, 6), centre (52, 20)
    assertEquals(1f, paf[2 * HW + 6], 1e-6);
    assertEquals(0f, paf[plane + 2 * HW + 6], 1e-6);
    // bone of animal 1 from (20, 100) to (20, 60): field (0, -1) at cell (10, 2), centre (20, 84)
    assertEquals(0f, paf[10 * HW + 2], 1e-6);
    assertEquals(-1f, paf[plane + 10 * HW + 2], 1e-6);
    // away from bones: 0, and every cell weighted
    assertEquals(0f, paf[14 * HW + 14]);
    assertEquals(1f, pafW[14 * HW + 14]);
    assertEquals(1f, scoreW[5]);
  }

  @Test
  void identityTargetsNameTheNearestAnimal() {
    double[] xy = {20, 20, 100, 20, 20, 100, 20, 60, 110, 110};
    int plane = HW * HW;
    float[] ident = new float[2 * plane];
    float[] identW = new float[plane];
    MultiAnimalTargets.fill(xy, 2, 2, 1, new int[][] {{0, 1}}, HW, S, 9, 7.2, 8, 0, new float[3 * plane], new float[3 * plane],
        new float[6 * plane], new float[6 * plane], new float[2 * plane], new float[2 * plane], ident, identW);
    assertEquals(1f, ident[2 * HW + 2], "animal 0's head cell");
    assertEquals(0f, ident[plane + 2 * HW + 2]);
    assertEquals(1f, ident[plane + 12 * HW + 2], "animal 1's head cell");
    assertEquals(1f, identW[12 * HW + 2]);
    assertEquals(0f, identW[13 * HW + 13], "the unique bodypart belongs to no animal");
    assertEquals(0f, identW[7 * HW + 7]);
  }
}

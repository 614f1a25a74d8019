package org.labpose.multianimal.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GraphSelectionTest {
  @Test
  void aChainOfBodypartsGivesItsBonesFirstAndStaysConnected() {
    // five bodyparts along a line, 10 px apart, with small noise: neighbours are the shortest pairs
    Random rnd = new Random(3);
    List<double[][]> animals = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      double[][] a = new double[5][];
      for (int b = 0; b < 5; b++) {
        a[b] = new double[] {100 + 10 * b + rnd.nextGaussian() * 0.5, 50 + rnd.nextGaussian() * 0.5};
      }
      animals.add(a);
    }
    List<AssemblyParams.Edge> g = GraphSelection.fromLabels(animals, 5);
    assertEquals(8, g.size(), "2 (B - 1) edges");
    List<AssemblyParams.Edge> bones = List.of(new AssemblyParams.Edge(0, 1), new AssemblyParams.Edge(1, 2),
        new AssemblyParams.Edge(2, 3), new AssemblyParams.Edge(3, 4));
    assertTrue(g.subList(0, 4).containsAll(bones), g.toString());
  }
}

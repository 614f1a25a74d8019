package org.labpose.multianimal.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblerTest {

  /** Two animals of three bodyparts in a chain 0-1-2, far apart: each comes out whole. */
  @Test
  void twoSeparateAnimals() {
    List<AssemblyParams.Edge> graph = List.of(new AssemblyParams.Edge(0, 1), new AssemblyParams.Edge(1, 2));
    List<List<Detection>> cands = List.of(
        List.of(Detection.of(10, 10, 0.9), Detection.of(200, 10, 0.8)),
        List.of(Detection.of(20, 10, 0.9), Detection.of(210, 10, 0.9)),
        List.of(Detection.of(215, 10, 0.7), Detection.of(30, 10, 0.95)));
    Map<Integer, EdgeCosts> costs = new HashMap<>();
    costs.put(0, new EdgeCosts(new double[][] {{0.9, 0.01}, {0.02, 0.8}}, new double[][] {{10, 200}, {180, 10}}));
    costs.put(1, new EdgeCosts(new double[][] {{0.01, 0.7}, {0.9, 0.03}}, new double[][] {{195, 10}, {5, 180}}));
    FrameAssembly fa = new Assembler(AssemblyParams.defaults(2, 3, graph)).assemble(new FrameDetections(cands, costs));
    assertEquals(2, fa.animals().size());
    List<String> got = new ArrayList<>();
    for (Animal a : fa.animals()) {
      got.add(a.x(0) + "," + a.x(1) + "," + a.x(2));
    }
    got.sort(null);
    assertEquals(List.of("10.0,20.0,30.0", "200.0,210.0,215.0"), got);
  }

  /** A unique bodypart is the most confident candidate above the p-cutoff, never part of an animal. */
  @Test
  void uniqueBodypartIsTheBestCandidate() {
    List<AssemblyParams.Edge> graph = List.of(new AssemblyParams.Edge(0, 1));
    List<List<Detection>> cands = List.of(
        List.of(Detection.of(10, 10, 0.9)),
        List.of(Detection.of(20, 10, 0.9)),
        List.of(Detection.of(300, 300, 0.4), Detection.of(310, 300, 0.6)));
    Map<Integer, EdgeCosts> costs = Map.of(0, new EdgeCosts(new double[][] {{0.9}}, new double[][] {{10}}));
    AssemblyParams p = new AssemblyParams(2, 2, graph, List.of(0), 0.1, 0.05, 1, 0.8, false);
    FrameAssembly fa = new Assembler(p).assemble(new FrameDetections(cands, costs));
    assertEquals(1, fa.animals().size());
    assertEquals(310, fa.unique()[0][0]);
    assertEquals(0.6, fa.unique()[0][2]);
  }

  @Test
  void theConfigsAssemblySectionChangesTheSettingsByKey() {
    AssemblyParams d = AssemblyParams.defaults(2, 3, List.of(new AssemblyParams.Edge(0, 1)));
    AssemblyParams c = d.withConfig(Map.of("min_affinity", 0.3, "min_links", 1));
    assertEquals(0.3, c.minAffinity());
    assertEquals(1, c.minLinks());
    assertEquals(d.pcutoff(), c.pcutoff());
    org.labpose.core.SettingException e = assertThrows(org.labpose.core.SettingException.class,
        () -> d.withConfig(Map.of("min_affinity", 3)));
    assertEquals("assembly.min_affinity: expected a number from 0 to 1, found '3'", e.getMessage());
    e = assertThrows(org.labpose.core.SettingException.class, () -> d.withConfig(Map.of("paf_threshold", 0.1)));
    assertTrue(e.getMessage().startsWith("assembly.paf_threshold: unknown key"), e.getMessage());
  }

  @Test
  void badSettingsAreRefused() {
    List<AssemblyParams.Edge> graph = List.of(new AssemblyParams.Edge(0, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssemblyParams.defaults(2, 3, graph));
    assertEquals("graph edge 0-5 must join two different of the 3 bodyparts", e.getMessage());
  }
}

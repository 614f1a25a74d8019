package org.labpose.multianimal.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembler's two optional priors: link lengths from the labels and the temporal window. */
class AssemblerPriorsTest {
  private static final List<AssemblyParams.Edge> EDGE = List.of(new AssemblyParams.Edge(0, 1));

  /**
   * Two snouts and two tail bases of mice lying close: the part-affinity prefers (slightly) the wrong
   * pairing, whose links are 100 and 20 px long where labelled mice measure 60 px.
   */
  private static FrameDetections crossed() {
    List<List<Detection>> cands = List.of(
        List.of(Detection.of(100, 100, 0.9), Detection.of(100, 140, 0.9)),
        List.of(Detection.of(160, 100, 0.9), Detection.of(160, 140, 0.9)));
    double[][] len = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        Detection a = cands.get(0).get(i);
        Detection b = cands.get(1).get(j);
        len[i][j] = Math.hypot(a.x() - b.x(), a.y() - b.y());
      }
    }
    return new FrameDetections(cands, Map.of(0, new EdgeCosts(new double[][] {{0.5, 0.6}, {0.6, 0.5}}, len)));
  }

  private static List<String> pairs(FrameAssembly fa) {
    List<String> got = new ArrayList<>();
    for (Animal a : fa.animals()) {
      got.add((int) a.y(0) + "-" + (int) a.y(1));
    }
    got.sort(null);
    return got;
  }

  private static AssemblyParams params() {
    return new AssemblyParams(2, 2, EDGE, List.of(0), 0.1, 0.05, 1, 0, false); // no pose suppression: the crossed animals share one box
  }

  @Test
  void withoutPriorsTheStrongerAffinityWins() {
    assertEquals(List.of("100-140", "140-100"), pairs(new Assembler(params()).assemble(crossed())));
  }

  @Test
  void linkLengthsOfTheLabelsChooseThePlausiblePairing() {
    List<double[][]> labelled = List.of(
        new double[][] {{0, 0}, {58, 0}}, new double[][] {{0, 0}, {0, 62}}, new double[][] {{10, 10}, {70, 10}});
    LinkLengths lengths = LinkLengths.fromAnimals(labelled, 2);
    assertEquals(60, lengths.mean()[0], 1e-9);
    assertEquals(2, lengths.sd()[0], 1e-9);
    AssemblyParams p = params().withPriors(lengths, 0);
    assertEquals(List.of("100-100", "140-140"), pairs(new Assembler(p).assemble(crossed())));
    // the config can turn it off
    assertEquals(List.of("100-140", "140-100"),
        pairs(new Assembler(p.withConfig(Map.of("calibrate", false))).assemble(crossed())));
  }

  @Test
  void theWeightIsOneAtTheMeanAndFallsWithTheSpreadAndTolerance() {
    // three bodyparts: pairs (0,1), (0,2), (1,2); the last never labelled
    LinkLengths l = new LinkLengths(3, new double[] {40, 80, Double.NaN}, new double[] {3, 5, Double.NaN});
    assertEquals(1, l.weight(0, 1, 40), 1e-12);
    double s = Math.sqrt(9 + Math.pow(LinkLengths.TOLERANCE * 40, 2));
    assertEquals(Math.exp(-0.5), l.weight(0, 1, 40 + s), 1e-12);
    assertEquals(Math.exp(-0.5), l.weight(1, 0, 40 - s), 1e-12, "a pair either way round");
    assertEquals(2, l.z(2, 0, 80 + 2 * Math.sqrt(25 + Math.pow(LinkLengths.TOLERANCE * 80, 2))), 1e-12);
    assertEquals(1, l.weight(1, 2, 1000), "a pair never labelled together accepts any distance");
    assertNull(LinkLengths.fromAnimals(List.<double[][]>of(new double[][] {{0, 0}, {Double.NaN, Double.NaN}}), 2));
    assertThrows(IllegalArgumentException.class, () -> params().withPriors(l, 0), "3 bodyparts for animals of 2");
    assertThrows(IllegalArgumentException.class, () -> new LinkLengths(3, new double[2], new double[2]));
  }

  /**
   * Growth refuses a bodypart far from one the animal already has: a chain snout - ear - tail base
   * whose ear - tail link (about as long as labelled) reaches the other mouse's tail base, lying beside
   * the snout: 20 px from it where the labels say 90. Without link lengths the animal takes it; with them
   * it keeps no tail base rather than a wrong one.
   */
  @Test
  void growthRefusesABodypartImplausiblyFarFromTheOthers() {
    List<AssemblyParams.Edge> chain = List.of(new AssemblyParams.Edge(0, 1), new AssemblyParams.Edge(1, 2));
    List<List<Detection>> cands = List.of(
        List.of(Detection.of(100, 100, 0.9)),
        List.of(Detection.of(130, 100, 0.9)),
        List.of(Detection.of(80, 100, 0.9)));
    Map<Integer, EdgeCosts> costs = Map.of(
        0, new EdgeCosts(new double[][] {{0.9}}, new double[][] {{30}}),
        1, new EdgeCosts(new double[][] {{0.8}}, new double[][] {{50}}));
    List<double[][]> labelled = List.of(new double[][] {{0, 0}, {30, 0}, {90, 0}}, new double[][] {{0, 0}, {31, 0}, {92, 0}},
        new double[][] {{0, 0}, {29, 0}, {88, 0}});
    AssemblyParams p = new AssemblyParams(2, 3, chain, List.of(0, 1), 0.1, 0.05, 1, 0, false);
    Animal plain = new Assembler(p).assemble(new FrameDetections(cands, costs)).animals().get(0);
    assertEquals(80, plain.x(2), 1e-9);
    Animal shaped = new Assembler(p.withPriors(LinkLengths.fromAnimals(labelled, 3), 0))
        .assemble(new FrameDetections(cands, costs)).animals().get(0);
    assertEquals(130, shaped.x(1), 1e-9);
    assertTrue(Double.isNaN(shaped.x(2)), "the other mouse's tail base is refused");
  }

  /**
   * With a temporal window, the pairing of the frames before carries over an ambiguous frame; the
   * same frame on its own (or with the window off) keeps the affinity's choice.
   */
  @Test
  void theTemporalWindowPrefersLinksNearTheLastFrames() {
    Assembler a = new Assembler(params().withPriors(null, 3));
    FrameDetections clear = new FrameDetections(crossed().candidates(),
        Map.of(0, new EdgeCosts(new double[][] {{0.9, 0.1}, {0.1, 0.9}}, crossed().costs().get(0).length())));
    for (int f = 0; f < 3; f++) {
      assertEquals(List.of("100-100", "140-140"), pairs(a.assembleNext(clear)));
    }
    assertEquals(List.of("100-100", "140-140"), pairs(a.assembleNext(crossed())));
    assertEquals(List.of("100-140", "140-100"), pairs(a.assemble(crossed())), "assemble() has no memory");
    a.reset();
    assertEquals(List.of("100-140", "140-100"), pairs(a.assembleNext(crossed())), "reset forgets the last frames");
    Assembler off = new Assembler(params());
    off.assembleNext(clear);
    assertEquals(List.of("100-140", "140-100"), pairs(off.assembleNext(crossed())));
  }

  @Test
  void theWindowComesFromTheConfig() {
    AssemblyParams p = params().withConfig(Map.of("window_size", 7));
    assertEquals(7, p.window());
    org.labpose.core.SettingException e = assertThrows(org.labpose.core.SettingException.class,
        () -> params().withConfig(Map.of("window_size", -1)));
    assertTrue(e.getMessage().startsWith("assembly.window_size"), e.getMessage());
  }

  @Test
  void thePeakSeparationComesFromTheSameSection() {
    Map<String, Object> section = Map.of("peak_separation", 0, "window_size", 3);
    assertEquals(0.0, AssemblyParams.peakSeparation(section, 1.25));
    assertEquals(3, params().withConfig(section).window(), "the assembler accepts the decoder's key beside its own");
    assertEquals(1.25, AssemblyParams.peakSeparation(null, 1.25));
    org.labpose.core.SettingException e = assertThrows(org.labpose.core.SettingException.class,
        () -> AssemblyParams.peakSeparation(Map.of("peak_separation", -0.5), 1.25));
    assertTrue(e.getMessage().startsWith("assembly.peak_separation"), e.getMessage());
  }
}

package org.labpose.net.model;

import java.util.ArrayList;
import java.util.List;
import org.labpose.multianimal.assembly.AssemblyParams;
import org.labpose.multianimal.assembly.LinkLengths;
import org.labpose.multianimal.assembly.MapDecoder;

/**
 * What a bottom-up multi-animal network outputs and how its maps become animals: one score map per
 * bodypart shared by every animal (the animals' bodyparts, then the unique ones), refinement offsets,
 * and two part-affinity channels per edge of the graph.
 *
 * @param individuals the project's individuals (at most this many animals per frame)
 * @param bodyparts the animals' bodyparts
 * @param unique unique bodyparts (single points, not part of any animal)
 * @param edges the part-affinity graph: pairs of indices into {@code bodyparts}
 * @param pafWidth px (network input) around a bone where its field is set in training
 * @param nmsRadius map cells: with grid suppression ({@link #decoder(int, double, double)} with separation 0)
 *     a detection is the maximum of its score map within this radius
 * @param minConfidence detections below this score (0..1) are ignored
 * @param identity with an identity head: one map per individual saying whose each detection is
 *     (the config's {@code identity: true}, for animals that can be told apart by look)
 * @param linkLengths the distances between bodyparts (px of the video) in the training labels, which
 *     the assembler uses to prefer plausible links and animals; null for models trained before they
 *     were recorded
 */
public record MultiAnimalHead(
    List<String> individuals, List<String> bodyparts, List<String> unique, List<List<Integer>> edges,
    double pafWidth, int nmsRadius, double minConfidence, boolean identity, LinkLengths linkLengths) {

  /** A head without link lengths. */
  public MultiAnimalHead(List<String> individuals, List<String> bodyparts, List<String> unique,
      List<List<Integer>> edges, double pafWidth, int nmsRadius, double minConfidence, boolean identity) {
    this(individuals, bodyparts, unique, edges, pafWidth, nmsRadius, minConfidence, identity, null);
  }

  public MultiAnimalHead {
    individuals = List.copyOf(individuals);
    bodyparts = List.copyOf(bodyparts);
    unique = List.copyOf(unique == null ? List.of() : unique);
    edges = edges.stream().map(List::copyOf).toList();
    if (individuals.isEmpty() || bodyparts.isEmpty()) {
      throw new IllegalArgumentException("a multi-animal head needs individuals and bodyparts");
    }
    for (List<Integer> e : edges) {
      if (e.size() != 2 || e.get(0) < 0 || e.get(1) < 0 || e.get(0) >= bodyparts.size()
          || e.get(1) >= bodyparts.size() || e.get(0).equals(e.get(1))) {
        throw new IllegalArgumentException("edge " + e + " must join two different of the " + bodyparts.size() + " bodyparts");
      }
    }
    if (!(pafWidth > 0) || nmsRadius < 1 || !(minConfidence >= 0 && minConfidence < 1)) {
      throw new IllegalArgumentException("pafWidth must be positive, nmsRadius at least 1, minConfidence in [0, 1)");
    }
    if (linkLengths != null && linkLengths.bodyparts() != bodyparts.size()) {
      throw new IllegalArgumentException("link lengths for " + linkLengths.bodyparts() + " bodyparts, but the head has "
          + bodyparts.size());
    }
  }

  /** Score maps: the animals' bodyparts and the unique ones. */
  public int maps() {
    return bodyparts.size() + unique.size();
  }

  /** The graph as the assembler takes it. */
  public List<AssemblyParams.Edge> graph() {
    List<AssemblyParams.Edge> g = new ArrayList<>();
    for (List<Integer> e : edges) {
      g.add(new AssemblyParams.Edge(e.get(0), e.get(1)));
    }
    return g;
  }

  /** Identity maps: one per individual with an identity head, else none. */
  public int identities() {
    return identity ? individuals.size() : 0;
  }

  /** The network's layer sizes for this head. */
  public NetSpec spec(String net) {
    return new NetSpec(net, maps(), 8, edges.size(), identities());
  }

  /**
   * Map cells between two detections of one bodypart, measured between their refined positions, by
   * default: 1.25 (10 px of network input at stride 8). On synthetic three-mouse videos this finds the
   * second of two snouts side by side that suppression on the grid merges (docs/benchmarks.md).
   */
  public static final double PEAK_SEPARATION = 1.25;

  /** Decoder of this head's maps, with the default {@link #PEAK_SEPARATION}. */
  public MapDecoder decoder(int stride, double locrefStd) {
    return decoder(stride, locrefStd, PEAK_SEPARATION);
  }

  /**
   * Decoder of this head's maps keeping detections {@code separation} map cells apart (between refined
   * positions); 0: suppression on the grid within {@code nmsRadius} cells, as DeepLabCut does.
   */
  public MapDecoder decoder(int stride, double locrefStd, double separation) {
    return new MapDecoder(maps(), graph(), stride, locrefStd, nmsRadius, minConfidence, identities(), separation * stride);
  }

  /**
   * Assembly settings: DeepLabCut's defaults with at most one animal per individual and the distances
   * between bodyparts of the training labels (no temporal window unless the config sets one).
   */
  public AssemblyParams assembly() {
    return AssemblyParams.defaults(individuals.size(), bodyparts.size(), graph()).withPriors(linkLengths, 0);
  }
}

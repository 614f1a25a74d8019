package org.labpose.multianimal.assembly;

import java.util.ArrayList;
import java.util.List;
import org.labpose.core.project.ConfigSection;

/**
 * Settings of the {@link Assembler}, with DeepLabCut's defaults.
 *
 * @param maxIndividuals at most this many animals per frame
 * @param multiBodyparts number of the animals' bodyparts; later bodypart indices are unique bodyparts
 * @param graph the connection graph: pairs of bodypart indices, first &lt; second by convention
 * @param edges indices into {@code graph} of the edges used, in the order links are extracted
 * @param pcutoff detections below this confidence are not linked (0..1)
 * @param minAffinity links below this part-affinity are dropped (0..1)
 * @param minLinks an animal built from links needs at least this many
 * @param maxOverlap two animals whose bounding boxes share this fraction of keypoints are one
 *     (the weaker is dropped); 0 or 1 turns this off
 * @param identityOnly group detections by the identity head's vote alone, ignoring affinities
 * @param linkLengths the distances between the bodyparts in the labelled animals: each link's
 *     affinity is weighted by how plausible its length is, and an animal does not take a bodypart
 *     implausibly far from those it has ({@link LinkLengths}); null: not used
 * @param window frames: when the assembler is fed consecutive video frames
 *     ({@link Assembler#assembleNext}), each edge's pairing prefers candidates near the links of the
 *     last {@code window} frames, as DeepLabCut's {@code window_size} does; 0: off
 */
public record AssemblyParams(
    int maxIndividuals,
    int multiBodyparts,
    List<Edge> graph,
    List<Integer> edges,
    double pcutoff,
    double minAffinity,
    int minLinks,
    double maxOverlap,
    boolean identityOnly,
    LinkLengths linkLengths,
    int window) {

  /** One edge of the connection graph, by bodypart index. */
  public record Edge(int from, int to) {}

  /** Settings without link lengths or temporal window (DeepLabCut's assembler as it is by default). */
  public AssemblyParams(int maxIndividuals, int multiBodyparts, List<Edge> graph, List<Integer> edges, double pcutoff,
      double minAffinity, int minLinks, double maxOverlap, boolean identityOnly) {
    this(maxIndividuals, multiBodyparts, graph, edges, pcutoff, minAffinity, minLinks, maxOverlap, identityOnly, null, 0);
  }

  public AssemblyParams {
    graph = List.copyOf(graph);
    if (linkLengths != null && linkLengths.bodyparts() != multiBodyparts) {
      throw new IllegalArgumentException("link lengths for " + linkLengths.bodyparts() + " bodyparts, but the animals have "
          + multiBodyparts);
    }
    if (window < 0) {
      throw new IllegalArgumentException("the temporal window must not be negative, got " + window);
    }
    edges = List.copyOf(edges);
    if (maxIndividuals < 1) {
      throw new IllegalArgumentException("max individuals must be at least 1, got " + maxIndividuals);
    }
    if (multiBodyparts < 1) {
      throw new IllegalArgumentException("need at least one bodypart, got " + multiBodyparts);
    }
    for (int e : edges) {
      if (e < 0 || e >= graph.size()) {
        throw new IllegalArgumentException("edge index " + e + " outside the graph's " + graph.size() + " edges");
      }
    }
    for (Edge e : graph) {
      if (e.from() < 0 || e.to() < 0 || e.from() >= multiBodyparts || e.to() >= multiBodyparts
          || e.from() == e.to()) {
        throw new IllegalArgumentException(
            "graph edge " + e.from() + "-" + e.to() + " must join two different of the " + multiBodyparts + " bodyparts");
      }
    }
  }

  /** DeepLabCut's defaults (p-cutoff 0.1, minimal affinity 0.05, 2 links, overlap 0.8) using every edge. */
  public static AssemblyParams defaults(int maxIndividuals, int multiBodyparts, List<Edge> graph) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < graph.size(); i++) {
      all.add(i);
    }
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, all, 0.1, 0.05, 2, 0.8, false);
  }

  /** The same settings using only the given edges of the graph, in this order. */
  public AssemblyParams withEdges(List<Integer> use) {
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, use, pcutoff, minAffinity, minLinks,
        maxOverlap, identityOnly, linkLengths, window);
  }

  /** The same settings with another p-cutoff and minimal affinity. */
  public AssemblyParams withThresholds(double cutoff, double affinity) {
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, edges, cutoff, affinity, minLinks,
        maxOverlap, identityOnly, linkLengths, window);
  }

  /** The same settings grouping by the identity head alone ({@code true}) or by affinity. */
  public AssemblyParams withIdentityOnly(boolean only) {
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, edges, pcutoff, minAffinity, minLinks,
        maxOverlap, only, linkLengths, window);
  }

  /** Keys of the config's {@code assembly} section: the assembler's and the map decoder's. */
  private static final List<String> CONFIG_KEYS = List.of("pcutoff", "min_affinity", "min_links", "max_overlap",
      "identity_only", "calibrate", "window_size", "peak_separation");

  /**
   * These settings changed by the config's {@code assembly} section: {@code pcutoff},
   * {@code min_affinity}, {@code min_links}, {@code max_overlap}, {@code identity_only},
   * {@code calibrate} ({@code false} drops the link lengths learnt from the labels) and
   * {@code window_size} (frames, 0 = off); absent keys keep their values. (The section's
   * {@code peak_separation} is the map decoder's: {@link #peakSeparation}.)
   *
   * @throws org.labpose.core.SettingException naming the key with an unusable value
   */
  public AssemblyParams withConfig(Object section) {
    ConfigSection c = ConfigSection.of("assembly", section, CONFIG_KEYS);
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, edges, c.fraction("pcutoff", pcutoff),
        c.fraction("min_affinity", minAffinity), c.whole("min_links", minLinks, 0), c.fraction("max_overlap", maxOverlap),
        c.bool("identity_only", identityOnly), c.bool("calibrate", true) ? linkLengths : null,
        c.whole("window_size", window, 0));
  }

  /**
   * The config's {@code assembly: {peak_separation: ...}}: how far apart (in score-map cells) two
   * detections of one bodypart must be, measured between their refined positions
   * ({@link MapDecoder}); 0 = DeepLabCut's suppression on the grid of cells. Absent: {@code dflt}.
   *
   * @throws org.labpose.core.SettingException when the value is negative or not a number
   */
  public static double peakSeparation(Object section, double dflt) {
    ConfigSection c = ConfigSection.of("assembly", section, CONFIG_KEYS);
    double v = c.number("peak_separation", dflt);
    if (!(v >= 0)) {
      throw c.bad("peak_separation", "must be 0 (grid suppression) or a positive number of map cells, got " + v);
    }
    return v;
  }

  /** The same settings with these link lengths (null: none) and temporal window (frames, 0 = off). */
  public AssemblyParams withPriors(LinkLengths lengths, int frames) {
    return new AssemblyParams(maxIndividuals, multiBodyparts, graph, edges, pcutoff, minAffinity, minLinks,
        maxOverlap, identityOnly, lengths, frames);
  }
}

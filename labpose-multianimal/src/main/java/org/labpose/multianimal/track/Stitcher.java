package org.labpose.multianimal.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Joins tracklets into a fixed number of tracks, as DeepLabCut's {@code TrackletStitcher}
 * ({@code refine_training_dataset/stitch.py}) does:
 *
 * <ol>
 *   <li>Frames without any position are dropped; tracklets are split where frames are missing; those
 *       shorter than {@code minLength} are set aside (residuals) and, when they follow each other within
 *       5 frames, pre-joined along the chain that overlaps best.
 *   <li>A flow network: source, sink, and per tracklet an entry and an exit node; each tracklet must be
 *       entered once (from the source or from a tracklet that ended at most {@code maxGap} frames before)
 *       and left once (to the sink or a later tracklet); the source sends exactly {@code tracks} units.
 *       Joining tracklet i to j costs {@code floor(100 * cost(i, j))}: by default {@link #MOTION_AND_POSE}
 *       (DeepLabCut's is {@link #CENTROID_DISTANCE}); with an identity head the cost of tracklets that
 *       vote for the same identity is divided by 100.
 *   <li>The minimum-cost flow (JGraphT's capacity-scaling algorithm) gives each track as a chain of
 *       tracklets; when no flow exists within {@code maxGap} the gap limit is lifted. Tracks that no
 *       tracklet can fill (fewer animals seen than tracks) stay empty; more tracklets at once than
 *       tracks is an error.
 *   <li>Residuals go back: first those that fit (do not overlap in time) exactly one track, repeatedly,
 *       then each of the others into the track whose neighbouring positions are nearest.
 * </ol>
 */
public final class Stitcher {
  /** Cost of a track left empty: above any chain of links (JGraphT takes costs below 1e9 as finite). */
  private static final double BYPASS_COST = 5e8;
  /** Largest cost of one link (a jump of 10^6 px). */
  private static final double MAX_LINK_COST = 1e8;
  private final StitchParams params;
  private final ToDoubleBiFunction<Tracklet, Tracklet> cost;

  /** DeepLabCut's default cost: the distance in px from the earlier tracklet's last centroid to the later's first. */
  public static final ToDoubleBiFunction<Tracklet, Tracklet> CENTROID_DISTANCE = Tracklet::distanceTo;

  /**
   * LabPose's default cost, in px: the pose of the earlier tracklet's last frame carried forward by its
   * velocity across the gap, compared bodypart by bodypart with the later tracklet's first pose (mean
   * distance), averaged with the same comparison backwards in time. Unlike the distance of centroids it
   * tells apart two look-alike animals that meet and part, by where each was heading and which way it faced.
   */
  public static final ToDoubleBiFunction<Tracklet, Tracklet> MOTION_AND_POSE = Stitcher::motionCost;

  /** A stitcher with the default cost ({@link #MOTION_AND_POSE}), divided by 100 for tracklets of the same identity. */
  public Stitcher(StitchParams params) {
    this(params, null);
  }

  static double motionCost(Tracklet a, Tracklet b) {
    Tracklet first = a.precedes(b) ? a : b;
    Tracklet second = first == a ? b : a;
    int gap = second.start() - first.end();
    if (gap <= 0) {
      return a.distanceTo(b);
    }
    double[] v1 = first.velocity(true, 5);
    double[] v2 = second.velocity(false, 5);
    double forward = poseDistance(first.row(first.size() - 1), v1[0] * gap, v1[1] * gap, second.row(0));
    double backward = poseDistance(second.row(0), -v2[0] * gap, -v2[1] * gap, first.row(first.size() - 1));
    double c = (forward + backward) / 2;
    return Double.isFinite(c) ? c : a.distanceTo(b);
  }

  /** Mean distance of shared bodyparts between pose {@code p} moved by (dx, dy) and pose {@code q}. */
  private static double poseDistance(double[][] p, double dx, double dy, double[][] q) {
    double s = 0;
    int n = 0;
    for (int k = 0; k < Math.min(p.length, q.length); k++) {
      if (!Double.isNaN(p[k][0]) && !Double.isNaN(q[k][0])) {
        s += Math.hypot(p[k][0] + dx - q[k][0], p[k][1] + dy - q[k][1]);
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /**
   * @param cost cost of joining an earlier tracklet to a later one (larger = less likely the same
   *     animal), or null for the default
   */
  public Stitcher(StitchParams params, ToDoubleBiFunction<Tracklet, Tracklet> cost) {
    this.params = params;
    this.cost = cost;
  }

  /** The result: the tracks and what was left out. */
  public record Result(
      List<Tracklet> tracks, List<Tracklet> leftOut, int maxGap, List<Integer> linkCosts, int tracklets) {
    public Result {
      tracks = List.copyOf(tracks);
      leftOut = List.copyOf(leftOut);
      linkCosts = List.copyOf(linkCosts);
    }
  }

  /** Stitches the tracklets (of the animals, not the unique bodyparts). */
  public Result stitch(List<Tracklet> input) {
    List<Tracklet> tracklets = new ArrayList<>();
    List<Tracklet> residuals = new ArrayList<>();
    for (Tracklet raw : input) {
      Tracklet t = raw.purified();
      if (t == null) {
        continue;
      }
      List<Tracklet> parts = params.splitAtGaps() && !t.isContinuous() ? t.splitAtGaps() : List.of(t);
      for (Tracklet p : parts) {
        (p.size() >= params.minLength() ? tracklets : residuals).add(p);
      }
    }
    if (tracklets.isEmpty()) {
      throw new StitchException("no tracklet of at least " + params.minLength() + " frames to stitch (" + residuals.size()
          + " shorter ones)");
    }
    if (params.prestitchResiduals()) {
      residuals = prestitch(residuals, 5);
    }
    tracklets.sort(Comparator.comparingInt(Tracklet::start));
    ToDoubleBiFunction<Tracklet, Tracklet> weight = cost != null ? cost : defaultCost(tracklets);
    int maxGap = params.maxGap() > 0 ? params.maxGap() : (int) (1.5 * maxGap(tracklets));
    Flow flow = new Flow(tracklets, maxGap, weight);
    List<List<Integer>> paths = flow.solve();
    if (paths == null) {
      flow = new Flow(tracklets, Integer.MAX_VALUE, weight);
      paths = flow.solve();
    }
    if (paths == null) {
      throw new StitchException(tooMany(tracklets));
    }
    List<Tracklet> tracks = new ArrayList<>();
    boolean[] inPath = new boolean[tracklets.size()];
    for (List<Integer> path : paths) {
      for (int i : path) {
        inPath[i] = true;
      }
    }
    List<Tracklet> unused = new ArrayList<>();
    for (int i = 0; i < inPath.length; i++) {
      if (!inPath[i]) {
        unused.add(tracklets.get(i));
      }
    }
    for (List<Integer> path : paths) {
      List<Tracklet> parts = new ArrayList<>();
      for (int i : path) {
        parts.add(tracklets.get(i));
      }
      tracks.add(Tracklet.concat(parts));
    }
    List<Tracklet> left = new ArrayList<>(putBack(tracks, residuals));
    left.addAll(unused);
    return new Result(tracks, left, maxGap, flow.linkCosts, tracklets.size());
  }

  private String tooMany(List<Tracklet> tracklets) {
    int worst = 0;
    int at = -1;
    Map<Integer, Integer> count = new HashMap<>();
    for (Tracklet t : tracklets) {
      for (int f : t.frames()) {
        int c = count.merge(f, 1, Integer::sum);
        if (c > worst || (c == worst && f < at)) {
          worst = c;
          at = f;
        }
      }
    }
    if (worst > params.tracks()) {
      return "cannot make " + params.tracks() + " tracks: " + worst + " animals are tracked at once at frame " + at
          + "; raise the number of tracks to at least " + worst;
    }
    return "cannot make " + params.tracks() + " tracks from " + tracklets.size()
        + " tracklets: no way to chain them into that many tracks";
  }

  private ToDoubleBiFunction<Tracklet, Tracklet> defaultCost(List<Tracklet> tracklets) {
    boolean withIdentity = false;
    for (Tracklet t : tracklets) {
      withIdentity |= t.identity() != -1;
    }
    if (!withIdentity) {
      return MOTION_AND_POSE;
    }
    return (a, b) -> (a.identity() == b.identity() ? 0.01 : 1) * motionCost(a, b);
  }

  /** Per tracklet the nearest positive gap to a later-listed one; the largest of these (0 if none). */
  static int maxGap(List<Tracklet> tracklets) {
    int max = 0;
    for (int i = 0; i < tracklets.size(); i++) {
      int nearest = Integer.MAX_VALUE;
      for (int j = i + 1; j < tracklets.size(); j++) {
        int g = tracklets.get(i).timeGapTo(tracklets.get(j));
        if (g > 0) {
          nearest = Math.min(nearest, g);
        }
      }
      if (nearest != Integer.MAX_VALUE) {
        max = Math.max(max, nearest);
      }
    }
    return max;
  }

  /** Chains short tracklets that follow each other within {@code gap} frames, along the best-overlapping chain. */
  static List<Tracklet> prestitch(List<Tracklet> residuals, int gap) {
    record Next(int to, double weight) {}
    List<Tracklet> sorted = new ArrayList<>(residuals);
    sorted.sort(Comparator.comparingInt(Tracklet::start));
    int n = sorted.size();
    List<List<Next>> next = new ArrayList<>();
    List<List<Integer>> neighbours = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      next.add(new ArrayList<>());
      neighbours.add(new ArrayList<>());
    }
    List<Integer> linked = new ArrayList<>(); // in order of first link, as the components are visited
    for (int i = 0; i < n; i++) {
      int e = sorted.get(i).end();
      for (int j = i + 1; j < n; j++) {
        int g = sorted.get(j).start() - e;
        if (g < 1) {
          continue;
        }
        if (g >= gap) {
          break;
        }
        next.get(i).add(new Next(j, 1 - sorted.get(i).boxOverlapWith(sorted.get(j))));
        for (int v : new int[] {i, j}) {
          if (neighbours.get(v).isEmpty()) {
            linked.add(v);
          }
        }
        neighbours.get(i).add(j);
        neighbours.get(j).add(i);
      }
    }
    boolean[] seen = new boolean[n];
    boolean[] used = new boolean[n];
    double[] best = new double[n];
    int[] prev = new int[n];
    List<Tracklet> mini = new ArrayList<>();
    for (int start : linked) {
      if (seen[start]) {
        continue;
      }
      List<Integer> comp = new ArrayList<>();
      java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>(List.of(start));
      seen[start] = true;
      while (!q.isEmpty()) {
        int v = q.poll();
        comp.add(v);
        for (int u : neighbours.get(v)) {
          if (!seen[u]) {
            seen[u] = true;
            q.add(u);
          }
        }
      }
      comp.sort(null);
      // Longest path in the DAG (links go from lower to higher index): dynamic programming in index order.
      for (int v : comp) {
        best[v] = Double.NEGATIVE_INFINITY; // not reached yet
        prev[v] = -1;
      }
      for (int v : comp) {
        if (best[v] == Double.NEGATIVE_INFINITY) {
          best[v] = 0; // a chain may start here
        }
        for (Next e : next.get(v)) {
          double d = best[v] + e.weight();
          if (d > best[e.to()]) {
            best[e.to()] = d;
            prev[e.to()] = v;
          }
        }
      }
      int end = comp.get(0);
      for (int v : comp) {
        if (best[v] > best[end]) {
          end = v;
        }
      }
      List<Tracklet> chain = new ArrayList<>();
      for (int v = end; v >= 0; v = prev[v]) {
        chain.add(0, sorted.get(v));
        used[v] = true;
      }
      mini.add(Tracklet.concat(chain));
    }
    List<Tracklet> result = new ArrayList<>();
    for (Tracklet r : residuals) {
      if (!used[indexOfIdentical(sorted, r)]) {
        result.add(r);
      }
    }
    result.addAll(mini);
    return result;
  }


  private static int indexOfIdentical(List<Tracklet> list, Tracklet t) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == t) {
        return i;
      }
    }
    return -1;
  }

  /** Puts short tracklets back into the tracks; returns those that fit nowhere. */
  static List<Tracklet> putBack(List<Tracklet> tracks, List<Tracklet> residualsIn) {
    List<Tracklet> residuals = new ArrayList<>();
    for (Tracklet r : residualsIn) {
      if (r.size() > 1) {
        residuals.add(r);
      }
    }
    residuals.sort(Comparator.comparingInt(Tracklet::size));
    List<Tracklet> dropped = new ArrayList<>();
    for (Tracklet r : residualsIn) {
      if (r.size() <= 1) {
        dropped.add(r);
      }
    }
    // Those that fit exactly one track, until no progress.
    int attempts = 0;
    int maxAttempts = residuals.size();
    while (attempts < maxAttempts && !residuals.isEmpty()) {
      for (Tracklet r : reversed(residuals)) {
        List<Integer> fit = fitting(tracks, r);
        if (fit.isEmpty()) {
          residuals.remove(r);
          dropped.add(r);
        } else if (fit.size() == 1) {
          tracks.set(fit.get(0), Tracklet.concat(List.of(tracks.get(fit.get(0)), r)));
          residuals.remove(r);
          attempts = 0;
        } else {
          attempts++;
        }
      }
    }
    // The others: into the nearest track around them.
    for (Tracklet r : reversed(residuals)) {
      double[][] rc = r.centroid();
      double[] first = rc[0];
      double[] last = rc[rc.length - 1];
      List<Integer> fit = fitting(tracks, r);
      int bestTrack = -1;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int t : fit) {
        Tracklet track = tracks.get(t);
        int[] frames = track.frames();
        int e = lowerBound(frames, r.end());
        int s = e - 1;
        if (s < 0 || e >= frames.length) {
          continue;
        }
        int leftGap = r.start() - frames[s];
        int rightGap = frames[e] - r.end();
        if (leftGap <= 0 && rightGap > 0) {
          continue;
        }
        double[][] tc = track.centroid();
        double d;
        if (leftGap <= 3) {
          d = Math.hypot(tc[s][0] - first[0], tc[s][1] - first[1]);
        } else if (rightGap <= 3) {
          d = Math.hypot(tc[e][0] - last[0], tc[e][1] - last[1]);
        } else {
          d = Math.hypot(tc[s][0] - first[0], tc[s][1] - first[1]) + Math.hypot(tc[e][0] - last[0], tc[e][1] - last[1]);
        }
        if (d < bestDist) {
          bestDist = d;
          bestTrack = t;
        }
      }
      if (bestTrack >= 0) {
        tracks.set(bestTrack, Tracklet.concat(List.of(tracks.get(bestTrack), r)));
        residuals.remove(r);
      }
    }
    dropped.addAll(residuals);
    return dropped;
  }

  private static List<Tracklet> reversed(List<Tracklet> l) {
    List<Tracklet> r = new ArrayList<>(l);
    java.util.Collections.reverse(r);
    return r;
  }

  private static List<Integer> fitting(List<Tracklet> tracks, Tracklet r) {
    List<Integer> fit = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) {
      if (!r.overlaps(tracks.get(i))) {
        fit.add(i);
      }
    }
    return fit;
  }

  private static int lowerBound(int[] a, int key) {
    int i = Arrays.binarySearch(a, key);
    if (i >= 0) {
      while (i > 0 && a[i - 1] == key) {
        i--;
      }
      return i;
    }
    return -i - 1;
  }

  /** The flow network over the tracklets (sorted by start) and its solution. */
  private final class Flow {
    private final Graph<String, DefaultWeightedEdge> g = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    private final Map<String, Integer> supply = new HashMap<>();
    private final List<Integer> linkCosts = new ArrayList<>();
    private final int n;
    private final DefaultWeightedEdge bypass;

    Flow(List<Tracklet> nodes, int maxGap, ToDoubleBiFunction<Tracklet, Tracklet> weight) {
      n = nodes.size();
      g.addVertex("source");
      g.addVertex("sink");
      supply.put("source", params.tracks());
      supply.put("sink", -params.tracks());
      for (int i = 0; i < n; i++) {
        g.addVertex(in(i));
        g.addVertex(out(i));
        supply.put(in(i), -1);
        supply.put(out(i), 1);
      }
      // Each tracklet's in-node takes one unit and its out-node gives one: a tracklet is on exactly one
      // track. (An in -> out edge would let two tracks pass through one tracklet, the same animal
      // written twice, where a track has nothing to follow over a gap longer than maxGap.)
      for (int i = 0; i < n; i++) {
        g.setEdgeWeight(g.addEdge("source", in(i)), 0);
      }
      for (int i = 0; i < n; i++) {
        g.setEdgeWeight(g.addEdge(out(i), "sink"), 0);
      }
      // Tracks left empty (fewer animals seen than tracks asked for) flow straight to the sink, at a
      // cost that no chain of real links reaches.
      bypass = g.addEdge("source", "sink");
      g.setEdgeWeight(bypass, BYPASS_COST);
      for (int i = 0; i < n; i++) {
        int end = nodes.get(i).end();
        for (int j = i + 1; j < n; j++) {
          long gap = (long) nodes.get(j).start() - end;
          if (gap > maxGap) {
            break;
          }
          if (gap > 0) {
            double c = weight.applyAsDouble(nodes.get(i), nodes.get(j));
            if (Double.isNaN(c)) {
              continue;
            }
            int w = (int) Math.max(-MAX_LINK_COST, Math.min(MAX_LINK_COST, 100 * c));
            g.setEdgeWeight(g.addEdge(out(i), in(j)), w);
            linkCosts.add(w);
          }
        }
      }
    }

    private String in(int i) {
      return i + "in";
    }

    private String out(int i) {
      return i + "out";
    }

    /** Per track the tracklet indices in order, or null when no flow meets the constraints. */
    List<List<Integer>> solve() {
      MinimumCostFlowAlgorithm.MinimumCostFlow<DefaultWeightedEdge> flow;
      try {
        flow = new CapacityScalingMinimumCostFlow<String, DefaultWeightedEdge>().getMinimumCostFlow(
            new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(g, supply::get, e -> e == bypass ? params.tracks() : 1));
      } catch (IllegalArgumentException | IllegalStateException unfeasible) {
        return null;
      }
      Map<DefaultWeightedEdge, Integer> left = new HashMap<>();
      for (var e : flow.getFlowMap().entrySet()) {
        left.put(e.getKey(), (int) Math.round(e.getValue()));
      }
      List<List<Integer>> paths = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (left.get(g.getEdge("source", in(i))) != 1) {
          continue;
        }
        List<Integer> path = new ArrayList<>();
        int cur = i;
        while (true) {
          path.add(cur);
          if (left.get(g.getEdge(out(cur), "sink")) == 1) {
            break;
          }
          int next = -1;
          for (int j = cur + 1; j < n; j++) {
            DefaultWeightedEdge e = g.getEdge(out(cur), in(j));
            if (e != null && left.get(e) == 1) {
              left.put(e, 0);
              next = j;
              break;
            }
          }
          if (next < 0) {
            break;
          }
          cur = next;
        }
        paths.add(path);
      }
      return paths;
    }
  }
}

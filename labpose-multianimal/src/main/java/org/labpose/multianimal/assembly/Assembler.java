package org.labpose.multianimal.assembly;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.labpose.multianimal.Matching;

/**
 * Groups one frame's detections into individuals with part-affinity fields, following DeepLabCut's
 * {@code Assembler} ({@code deeplabcut/core/inferenceutils.py}):
 *
 * <ol>
 *   <li>Links: per edge of the graph, the {@code maxIndividuals} most confident candidates of each end
 *       that pass the p-cutoff are paired by the Hungarian algorithm maximising the summed affinity; pairs
 *       under the minimal affinity are dropped. Two optional priors weigh in. With
 *       {@link AssemblyParams#linkLengths} each candidate's affinity is multiplied by how plausible its
 *       length is for that pair of bodyparts in the labelled animals ({@link LinkLengths#weight}), before
 *       the pairing (DeepLabCut's calibration by the training poses weights links after it). For
 *       consecutive frames fed to {@link #assembleNext} with a {@link AssemblyParams#window}, the pairing
 *       (only: the minimal affinity and the growth use the affinity without it, so an animal missed in
 *       the last frames is not held back by its absence) also weighs how near each candidate is to the
 *       same edge's links of the last frames: the mean over those frames {@code n = 1..window} of
 *       {@code exp(-0.01 n d)}, {@code d} the distance (px) of the two ends' coordinates {x1, y1, x2, y2}
 *       to the nearest earlier link (DeepLabCut's {@code window_size}, per edge).
 *   <li>Complete skeletons first: a connected group of links holding exactly one animal's number of
 *       bodyparts is an animal (with link lengths, only if every two of its bodyparts are plausibly far
 *       apart; otherwise its links are left to growth).
 *   <li>Growth: from the strongest remaining link, an animal grows by always taking the strongest link
 *       that reaches a detection not yet used (a best-first search), until it is complete; with link
 *       lengths, not a detection implausibly far from a bodypart the animal has (as DeepLabCut's
 *       calibrated assembler refuses links that make the pose less likely).
 *   <li>Surplus: with more animals than allowed, incomplete animals joined by a left-over link and not
 *       sharing a bodypart are merged; a second growth pass completes what it can.
 *   <li>Clean-up: animals with fewer than {@code minLinks} links are dropped; of two animals whose boxes
 *       overlap by {@code maxOverlap} of their keypoints the one with less total affinity goes; at most
 *       {@code maxIndividuals} remain, the most complete first.
 * </ol>
 *
 * Ties are broken by input order (candidates in detection order, links in edge order), as DeepLabCut's
 * stable sorts do. {@link #assemble} keeps no state between frames and is thread-safe;
 * {@link #assembleNext} remembers the last frames' links and must be fed one video's frames in order
 * from one thread.
 */
public final class Assembler {
  /** Decay of the temporal prior per px of distance to an earlier link and per frame back (DeepLabCut's gamma). */
  static final double GAMMA = 0.01;

  private final AssemblyParams params;
  /** The links of the last frames fed to {@link #assembleNext}, newest first: per edge, {x1, y1, x2, y2} each. */
  private final ArrayDeque<List<List<double[]>>> history = new ArrayDeque<>();

  public Assembler(AssemblyParams params) {
    this.params = params;
  }

  /** The settings. */
  public AssemblyParams params() {
    return params;
  }

  /** Assembles one frame on its own (no temporal prior). */
  public FrameAssembly assemble(FrameDetections frame) {
    return assemble(frame, false);
  }

  /**
   * Assembles the next frame of a video, weighting links by their nearness to those of the last
   * {@link AssemblyParams#window} frames given here (as {@link #assemble} with a window of 0).
   */
  public FrameAssembly assembleNext(FrameDetections frame) {
    return assemble(frame, true);
  }

  /** Forgets the frames given to {@link #assembleNext} (a new video starts). */
  public void reset() {
    history.clear();
  }

  private FrameAssembly assemble(FrameDetections frame, boolean temporal) {
    if (!temporal || params.window() == 0) {
      return assembleFrame(frame, null);
    }
    // this frame's links, per edge; a frame assembled without links still counts as a frame back
    List<List<double[]>> made = new ArrayList<>();
    for (int e = 0; e < params.graph().size(); e++) {
      made.add(new ArrayList<>());
    }
    FrameAssembly out = assembleFrame(frame, made);
    history.addFirst(made);
    while (history.size() > params.window()) {
      history.removeLast();
    }
    return out;
  }

  /** One frame; with {@code made} (the temporal window is on) links are weighed by {@link #recency} and recorded there. */
  private FrameAssembly assembleFrame(FrameDetections frame, List<List<double[]>> made) {
    int nMulti = params.multiBodyparts();
    int nParts = frame.candidates().size();
    if (nParts < nMulti) {
      throw new IllegalArgumentException(
          "the frame has candidates for " + nParts + " bodyparts, expected at least " + nMulti);
    }
    // Joints, numbered in bodypart order; a bodypart whose candidates are all at (0, 0) counts as absent.
    List<List<Joint>> bag = new ArrayList<>();
    List<Joint> joints = new ArrayList<>();
    int idx = 0;
    for (int b = 0; b < nParts; b++) {
      List<Detection> dets = frame.candidates().get(b);
      List<Joint> js = new ArrayList<>();
      boolean any = false;
      for (Detection d : dets) {
        any |= d.x() != 0 || d.y() != 0;
      }
      if (any) {
        for (Detection d : dets) {
          Joint j = new Joint(d.x(), d.y(), d.confidence(), b, idx++, d.identity());
          js.add(j);
          joints.add(j);
        }
      }
      bag.add(js);
    }
    double[][] unique = uniqueParts(bag, nMulti, nParts);
    boolean anyMulti = false;
    for (int b = 0; b < nMulti; b++) {
      anyMulti |= !bag.get(b).isEmpty();
    }
    if (!anyMulti) {
      return new FrameAssembly(List.of(), unique);
    }
    List<Assembly> assemblies = new ArrayList<>();
    if (nMulti == 1) {
      for (Joint j : bag.get(0)) {
        if (j.conf >= params.pcutoff()) {
          Assembly a = new Assembly(nMulti);
          a.addJoint(j);
          assemblies.add(a);
        }
      }
      return result(assemblies, unique);
    }
    if (params.maxIndividuals() == 1) {
      Assembly a = new Assembly(nMulti);
      for (int b = 0; b < nMulti; b++) {
        Joint best = null;
        for (Joint j : bag.get(b)) {
          if (best == null || j.conf > best.conf) {
            best = j;
          }
        }
        if (best != null) {
          a.addJoint(best);
        }
      }
      return result(List.of(a), unique);
    }
    if (params.identityOnly()) {
      List<Joint> sorted = new ArrayList<>();
      for (Joint j : joints) {
        if (Double.isFinite(j.conf)) {
          sorted.add(j);
        }
      }
      sorted.sort(Comparator.comparingInt((Joint j) -> j.group));
      Map<Integer, List<Joint>> groups = new LinkedHashMap<>();
      for (Joint j : sorted) {
        groups.computeIfAbsent(j.group, g -> new ArrayList<>()).add(j);
      }
      for (List<Joint> group : groups.values()) {
        Assembly a = new Assembly(nMulti);
        List<Joint> members = new ArrayList<>(group);
        members.sort(Comparator.comparingDouble((Joint j) -> j.conf).reversed());
        for (Joint j : members) {
          if (j.conf >= params.pcutoff() && j.label < nMulti) {
            a.addJoint(j);
          }
        }
        if (a.size() > 0) {
          assemblies.add(a);
        }
      }
    } else {
      List<Link> links = bestLinks(bag, frame.costs(), made);
      assemblies = build(links);
    }
    // Remove animals with too few links (an animal made without links is kept).
    for (int i = assemblies.size() - 1; i >= 0; i--) {
      Assembly a = assemblies.get(i);
      int n = a.links.size();
      if ((n > 0 && n < params.minLinks()) || a.size() == 0) {
        assemblies.remove(i);
      }
    }
    // Non-maximum suppression of poses that share most of their keypoints' box.
    if (params.maxOverlap() > 0 && params.maxOverlap() < 1) {
      List<Assembly> left = new ArrayList<>(assemblies);
      List<Assembly> kept = new ArrayList<>();
      while (!left.isEmpty()) {
        Assembly best = left.get(0);
        for (Assembly a : left) {
          if (a.affinity > best.affinity) {
            best = a;
          }
        }
        left.remove(best);
        kept.add(best);
        for (int i = left.size() - 1; i >= 0; i--) {
          if (best.intersectionWith(left.get(i)) >= params.maxOverlap()) {
            left.remove(i);
          }
        }
      }
      assemblies = kept;
    }
    if (assemblies.size() > params.maxIndividuals()) {
      assemblies = new ArrayList<>(assemblies);
      assemblies.sort(Comparator.comparingInt(Assembly::size).reversed());
      assemblies = assemblies.subList(0, params.maxIndividuals());
    }
    return result(assemblies, unique);
  }

  private static FrameAssembly result(List<Assembly> assemblies, double[][] unique) {
    List<Animal> out = new ArrayList<>();
    for (Assembly a : assemblies) {
      out.add(new Animal(a.data, a.affinity, a.links.size()));
    }
    return new FrameAssembly(out, unique);
  }

  private double[][] uniqueParts(List<List<Joint>> bag, int nMulti, int nParts) {
    double[][] unique = new double[nParts - nMulti][3];
    for (int u = 0; u < unique.length; u++) {
      Arrays.fill(unique[u], Double.NaN);
      Joint best = null;
      for (Joint j : bag.get(nMulti + u)) {
        if (best == null || j.conf > best.conf) {
          best = j;
        }
      }
      if (best != null && best.conf > params.pcutoff()) {
        unique[u] = new double[] {best.x, best.y, best.conf};
      }
    }
    return unique;
  }

  /**
   * Per edge, the optimal pairing of the most confident candidates of its two ends; with {@code made}
   * the pairing weighs each candidate's {@link #recency} and the links are recorded there, per edge.
   */
  private List<Link> bestLinks(List<List<Joint>> bag, Map<Integer, EdgeCosts> costs, List<List<double[]>> made) {
    boolean temporal = made != null;
    List<Link> links = new ArrayList<>();
    int max = params.maxIndividuals();
    for (int e : params.edges()) {
      AssemblyParams.Edge edge = params.graph().get(e);
      List<Joint> ds = bag.get(edge.from());
      List<Joint> dt = bag.get(edge.to());
      EdgeCosts c = costs.get(e);
      if (ds.isEmpty() || dt.isEmpty() || c == null) {
        continue;
      }
      if (c.affinity().length != ds.size() || (ds.size() > 0 && c.affinity()[0].length != dt.size())) {
        throw new IllegalArgumentException("edge " + e + " (" + edge.from() + "-" + edge.to() + ") has a "
            + c.affinity().length + "x" + (c.affinity().length == 0 ? 0 : c.affinity()[0].length)
            + " affinity matrix for " + ds.size() + "x" + dt.size() + " candidates");
      }
      boolean allInfinite = true;
      for (double[] row : c.length()) {
        for (double v : row) {
          allInfinite &= Double.isInfinite(v);
        }
      }
      if (allInfinite) {
        continue;
      }
      int[] keepS = mostConfident(ds, max);
      int[] keepT = mostConfident(dt, max);
      if (keepS.length == 0 || keepT.length == 0) {
        continue;
      }
      double[][] aff = new double[keepS.length][keepT.length];
      double[][] pairing = aff;
      if (temporal) {
        pairing = new double[keepS.length][keepT.length];
      }
      for (int i = 0; i < keepS.length; i++) {
        for (int j = 0; j < keepT.length; j++) {
          double v = c.affinity()[keepS[i]][keepT[j]];
          aff[i][j] = Double.isNaN(v) ? 0 : v;
          Joint s = ds.get(keepS[i]);
          Joint t = dt.get(keepT[j]);
          if (params.linkLengths() != null) {
            aff[i][j] *= params.linkLengths().weight(edge.from(), edge.to(), Math.hypot(s.x - t.x, s.y - t.y));
          }
          if (temporal) {
            pairing[i][j] = aff[i][j] * recency(e, s, t);
          }
        }
      }
      for (int[] pair : Matching.maximumAssignment(pairing)) {
        double w = aff[pair[0]][pair[1]];
        if (w >= params.minAffinity()) {
          Link l = new Link(ds.get(keepS[pair[0]]), dt.get(keepT[pair[1]]), w);
          links.add(l);
          if (temporal) {
            made.get(e).add(new double[] {l.a.x, l.a.y, l.b.x, l.b.y});
          }
        }
      }
    }
    return links;
  }

  /**
   * The temporal prior of a candidate link of edge {@code e}: the mean over the remembered frames that
   * have links of this edge of {@code exp(-GAMMA n d)}, 1 when none has. It steers the pairing only: a
   * link far from every earlier one, as of an animal missed in the last frames, keeps its affinity.
   */
  private double recency(int e, Joint s, Joint t) {
    double sum = 0;
    int frames = 0;
    int n = 0;
    for (List<List<double[]>> past : history) {
      n++;
      List<double[]> ls = past.get(e);
      if (ls.isEmpty()) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (double[] v : ls) {
        double dx1 = v[0] - s.x;
        double dy1 = v[1] - s.y;
        double dx2 = v[2] - t.x;
        double dy2 = v[3] - t.y;
        best = Math.min(best, Math.sqrt(dx1 * dx1 + dy1 * dy1 + dx2 * dx2 + dy2 * dy2));
      }
      sum += Math.exp(-GAMMA * n * best);
      frames++;
    }
    return frames == 0 ? 1 : sum / frames;
  }

  /** Indices of the {@code max} most confident candidates (stable on ties) that pass the p-cutoff. */
  private int[] mostConfident(List<Joint> dets, int max) {
    Integer[] order = new Integer[dets.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> dets.get(i).conf).reversed());
    List<Integer> keep = new ArrayList<>();
    for (int k = 0; k < Math.min(max, order.length); k++) {
      if (dets.get(order[k]).conf >= params.pcutoff()) {
        keep.add(order[k]);
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  private List<Assembly> build(List<Link> links) {
    int nMulti = params.multiBodyparts();
    Map<Integer, LinkedHashMap<Integer, Link>> lookup = new HashMap<>();
    for (Link l : links) {
      lookup.computeIfAbsent(l.a.idx, k -> new LinkedHashMap<>()).put(l.b.idx, l);
      lookup.computeIfAbsent(l.b.idx, k -> new LinkedHashMap<>()).put(l.a.idx, l);
    }
    List<Assembly> assemblies = new ArrayList<>();
    Set<Integer> assembled = new HashSet<>();

    // 1. Unambiguous, complete individuals: connected groups of exactly nMulti detections.
    for (Set<Integer> chain : components(links)) {
      if (chain.size() != nMulti) {
        continue;
      }
      Assembly a = new Assembly(nMulti);
      List<Link> added = new ArrayList<>();
      for (Link l : links) {
        if (chain.contains(l.a.idx) && chain.contains(l.b.idx) && a.addLink(l)) {
          added.add(l);
        }
      }
      if (!plausible(a)) {
        continue; // parts of two animals: left to growth, which takes only what fits
      }
      for (Link l : added) {
        unlink(lookup, l);
      }
      assembled.addAll(a.idx);
      assemblies.add(a);
    }
    if (assemblies.size() == params.maxIndividuals()) {
      return assemblies;
    }

    // 2. Grow individuals from the strongest links.
    List<Link> byAffinity = new ArrayList<>(links);
    byAffinity.sort(Comparator.comparingDouble((Link l) -> l.affinity).reversed());
    for (Link l : byAffinity) {
      if (assembled.contains(l.a.idx) || assembled.contains(l.b.idx)) {
        continue;
      }
      Assembly a = new Assembly(nMulti);
      a.addLink(l);
      fill(a, lookup, assembled);
      for (Link used : a.links) {
        unlink(lookup, used);
      }
      assembled.addAll(a.idx);
      assemblies.add(a);
    }

    // 3. Too many: merge incomplete animals that a left-over link joins and that share no bodypart.
    if (assemblies.size() > params.maxIndividuals()) {
      Map<Integer, Assembly> store = new HashMap<>();
      for (Assembly a : assemblies) {
        if (a.size() != nMulti) {
          for (int i : a.idx) {
            store.put(i, a);
          }
        }
      }
      Set<Link> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (Assembly a : assemblies) {
        used.addAll(a.links);
      }
      for (Link l : links) {
        if (used.contains(l)) {
          continue;
        }
        Assembly si = store.get(l.a.idx);
        Assembly sj = store.get(l.b.idx);
        if (si == null || sj == null || si.sharesBodypart(sj)) {
          continue;
        }
        Assembly merged = Assembly.merge(si, sj, nMulti);
        si.become(merged);
        removeIdentical(assemblies, sj);
        for (int i : sj.idx) {
          store.put(i, si);
        }
      }
    }

    // 4. A second growth pass for the incomplete animals.
    for (Assembly a : assemblies) {
      if (a.size() != nMulti) {
        fill(a, lookup, assembled);
        assembled.addAll(a.idx);
      }
    }
    return assemblies;
  }

  private static void removeIdentical(List<Assembly> list, Assembly a) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == a) {
        list.remove(i);
        return;
      }
    }
  }

  private static void unlink(Map<Integer, LinkedHashMap<Integer, Link>> lookup, Link l) {
    LinkedHashMap<Integer, Link> m = lookup.get(l.a.idx);
    if (m != null) {
      m.remove(l.b.idx);
    }
    m = lookup.get(l.b.idx);
    if (m != null) {
      m.remove(l.a.idx);
    }
  }

  /** Connected groups of detections joined by links, in order of first appearance in the links. */
  private static List<Set<Integer>> components(List<Link> links) {
    Map<Integer, List<Integer>> adj = new LinkedHashMap<>();
    for (Link l : links) {
      adj.computeIfAbsent(l.a.idx, k -> new ArrayList<>()).add(l.b.idx);
      adj.computeIfAbsent(l.b.idx, k -> new ArrayList<>()).add(l.a.idx);
    }
    List<Set<Integer>> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int start : adj.keySet()) {
      if (!seen.add(start)) {
        continue;
      }
      Set<Integer> comp = new LinkedHashSet<>();
      ArrayDeque<Integer> q = new ArrayDeque<>();
      q.add(start);
      comp.add(start);
      while (!q.isEmpty()) {
        for (int nb : adj.get(q.poll())) {
          if (seen.add(nb)) {
            comp.add(nb);
            q.add(nb);
          }
        }
      }
      out.add(comp);
    }
    return out;
  }

  /** Best-first growth: always the strongest link from the animal to a detection not yet used. */
  private void fill(Assembly a, Map<Integer, LinkedHashMap<Integer, Link>> lookup, Set<Integer> assembled) {
    record Entry(double affinity, long order, Link link) {}
    PriorityQueue<Entry> heap = new PriorityQueue<>(
        Comparator.comparingDouble((Entry e) -> -e.affinity).thenComparingLong(Entry::order));
    Set<Link> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    long[] counter = {0};
    java.util.function.IntConsumer push = i -> {
      LinkedHashMap<Integer, Link> m = lookup.get(i);
      if (m == null) {
        return;
      }
      for (Map.Entry<Integer, Link> e : m.entrySet()) {
        if (a.idx.contains(e.getKey()) || !visited.add(e.getValue())) {
          continue;
        }
        heap.add(new Entry(e.getValue().affinity, counter[0]++, e.getValue()));
      }
    };
    for (int i : new ArrayList<>(a.idx)) {
      push.accept(i);
    }
    while (!heap.isEmpty() && a.size() < params.multiBodyparts()) {
      Link best = heap.poll().link;
      int next;
      if (a.idx.contains(best.a.idx)) {
        next = best.b.idx;
      } else if (a.idx.contains(best.b.idx)) {
        next = best.a.idx;
      } else {
        continue;
      }
      if (assembled.contains(next)) {
        continue;
      }
      if (!plausible(a, next == best.a.idx ? best.a : best.b)) {
        continue;
      }
      a.addLink(best);
      push.accept(next);
    }
  }

  /** Whether every two bodyparts of the animal are plausibly far apart (always, without link lengths). */
  private boolean plausible(Assembly a) {
    LinkLengths l = params.linkLengths();
    if (l == null) {
      return true;
    }
    for (int i = 0; i < a.visible.length; i++) {
      for (int k = i + 1; k < a.visible.length; k++) {
        if (a.visible[i] && a.visible[k]
            && Math.abs(l.z(i, k, Math.hypot(a.data[i][0] - a.data[k][0], a.data[i][1] - a.data[k][1]))) > LinkLengths.MAX_Z) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the joint fits the animal's shape: its distance to each bodypart the animal has scores
   * |z| at most {@link LinkLengths#MAX_Z} (always, without link lengths).
   */
  private boolean plausible(Assembly a, Joint j) {
    LinkLengths l = params.linkLengths();
    if (l == null) {
      return true;
    }
    for (int k = 0; k < a.visible.length; k++) {
      if (a.visible[k] && k != j.label
          && Math.abs(l.z(k, j.label, Math.hypot(a.data[k][0] - j.x, a.data[k][1] - j.y))) > LinkLengths.MAX_Z) {
        return false;
      }
    }
    return true;
  }

  /** A detection taking part in assembly: its bodypart ({@code label}) and frame-wide number. */
  private static final class Joint {
    final double x;
    final double y;
    final double conf;
    final int label;
    final int idx;
    final int group;

    Joint(double x, double y, double conf, int label, int idx, int group) {
      this.x = x;
      this.y = y;
      this.conf = conf;
      this.label = label;
      this.idx = idx;
      this.group = group;
    }
  }

  /** Two detections of an edge's bodyparts and the part-affinity between them. */
  private static final class Link {
    final Joint a;
    final Joint b;
    final double affinity;

    Link(Joint a, Joint b, double affinity) {
      this.a = a;
      this.b = b;
      this.affinity = affinity;
    }
  }

  /** An animal being built: one detection per bodypart at most. */
  private static final class Assembly {
    double[][] data;
    double affinity;
    List<Link> links = new ArrayList<>();
    boolean[] visible;
    int visibleCount;
    Set<Integer> idx = new LinkedHashSet<>();

    Assembly(int n) {
      data = new double[n][4];
      for (double[] r : data) {
        Arrays.fill(r, Double.NaN);
      }
      visible = new boolean[n];
    }

    int size() {
      return visibleCount;
    }

    boolean addJoint(Joint j) {
      if (j.label >= visible.length || visible[j.label]) {
        return false;
      }
      data[j.label] = new double[] {j.x, j.y, j.conf, j.group};
      visible[j.label] = true;
      visibleCount++;
      idx.add(j.idx);
      return true;
    }

    /** Adds a link's detections; false when it brought no new detection. */
    boolean addLink(Link l) {
      if (idx.contains(l.a.idx) && idx.contains(l.b.idx)) {
        affinity += l.affinity;
        links.add(l);
        return false;
      }
      if (visible[l.a.label] && visible[l.b.label]) {
        return false;
      }
      addJoint(l.a);
      addJoint(l.b);
      affinity += l.affinity;
      links.add(l);
      return true;
    }

    boolean sharesBodypart(Assembly o) {
      for (int i = 0; i < visible.length; i++) {
        if (visible[i] && o.visible[i]) {
          return true;
        }
      }
      return false;
    }

    static Assembly merge(Assembly a, Assembly b, int n) {
      Assembly m = new Assembly(n);
      for (Link l : a.links) {
        m.addLink(l);
      }
      for (Link l : b.links) {
        m.addLink(l);
      }
      return m;
    }

    void become(Assembly o) {
      data = o.data;
      affinity = o.affinity;
      links = o.links;
      visible = o.visible;
      visibleCount = o.visibleCount;
      idx = o.idx;
    }

    /** Box of the found keypoints: {xmin, ymin, xmax, ymax}. */
    double[] extent() {
      double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.NEGATIVE_INFINITY};
      for (double[] r : data) {
        if (Double.isNaN(r[0]) || Double.isNaN(r[1])) {
          continue;
        }
        b[0] = Math.min(b[0], r[0]);
        b[1] = Math.min(b[1], r[1]);
        b[2] = Math.max(b[2], r[0]);
        b[3] = Math.max(b[3], r[1]);
      }
      return b;
    }

    /** The smaller of the two animals' fractions of keypoints inside the intersection of their boxes. */
    double intersectionWith(Assembly o) {
      double[] e1 = extent();
      double[] e2 = o.extent();
      double x1 = Math.max(e1[0], e2[0]);
      double y1 = Math.max(e1[1], e2[1]);
      double x2 = Math.min(e1[2], e2[2]);
      double y2 = Math.min(e1[3], e2[3]);
      if (x2 < x1 || y2 < y1) {
        return 0;
      }
      return Math.min(inside(x1, y1, x2, y2) / (double) size(), o.inside(x1, y1, x2, y2) / (double) o.size());
    }

    private int inside(double x1, double y1, double x2, double y2) {
      int n = 0;
      for (double[] r : data) {
        if (!Double.isNaN(r[0]) && !Double.isNaN(r[1]) && r[0] >= x1 && r[0] <= x2 && r[1] >= y1 && r[1] <= y2) {
          n++;
        }
      }
      return n;
    }
  }
}

package org.labpose.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bodyparts of an animal, the edges drawn between them, and the left/right pairs that swap when
 * an image is mirrored. Symmetric pairs are found from the names (left/right, l_/r_, _l/_r, a
 * trailing L/R after a lower-case letter) unless given. Immutable.
 */
public final class Skeleton {

  /** An edge or a pair between two bodyparts. */
  public record Pair(String a, String b) {
    public Pair {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  private final List<String> bodyparts;
  private final List<Pair> edges;
  private final List<Pair> symmetricPairs;

  /**
   * @param bodyparts bodyparts in order
   * @param edges edges between bodyparts of this skeleton
   * @param symmetricPairs left/right pairs; null to infer them from the names
   * @throws IllegalArgumentException when an edge or pair names an unknown bodypart
   */
  public Skeleton(List<String> bodyparts, List<Pair> edges, List<Pair> symmetricPairs) {
    this.bodyparts = List.copyOf(bodyparts);
    Set<String> known = new HashSet<>(this.bodyparts);
    if (known.size() != this.bodyparts.size()) {
      throw new IllegalArgumentException("duplicate bodypart in " + bodyparts);
    }
    this.edges = List.copyOf(edges);
    for (Pair e : this.edges) {
      if (!known.contains(e.a()) || !known.contains(e.b())) {
        throw new IllegalArgumentException("skeleton edge " + e.a() + "-" + e.b() + " names a bodypart not in " + bodyparts);
      }
    }
    this.symmetricPairs = symmetricPairs == null ? inferPairs(this.bodyparts) : List.copyOf(symmetricPairs);
    for (Pair p : this.symmetricPairs) {
      if (!known.contains(p.a()) || !known.contains(p.b())) {
        throw new IllegalArgumentException("symmetric pair " + p.a() + "/" + p.b() + " names a bodypart not in " + bodyparts);
      }
    }
  }

  public List<String> bodyparts() {
    return bodyparts;
  }

  public List<Pair> edges() {
    return edges;
  }

  /** Left/right pairs (each pair once). Empty when the animal has none. */
  public List<Pair> symmetricPairs() {
    return symmetricPairs;
  }

  /** For each bodypart, the bodypart it becomes in a mirrored image (itself when unpaired). */
  public Map<String, String> mirrorMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String b : bodyparts) {
      m.put(b, b);
    }
    for (Pair p : symmetricPairs) {
      m.put(p.a(), p.b());
      m.put(p.b(), p.a());
    }
    return m;
  }

  static List<Pair> inferPairs(List<String> bodyparts) {
    Set<String> names = new HashSet<>(bodyparts);
    Set<String> used = new HashSet<>();
    List<Pair> pairs = new ArrayList<>();
    for (String b : bodyparts) {
      if (used.contains(b)) {
        continue;
      }
      String other = counterpart(b);
      if (other != null && !other.equals(b) && names.contains(other) && !used.contains(other)) {
        pairs.add(new Pair(b, other));
        used.add(b);
        used.add(other);
      }
    }
    return pairs;
  }

  /** The left/right counterpart of a name by common conventions, or null. */
  static String counterpart(String name) {
    String[][] words = {{"left", "right"}, {"Left", "Right"}, {"LEFT", "RIGHT"}};
    for (String[] w : words) {
      for (int s = 0; s < 2; s++) {
        int i = name.indexOf(w[s]);
        if (i >= 0) {
          return name.substring(0, i) + w[1 - s] + name.substring(i + w[s].length());
        }
      }
    }
    String[][] affixes = {{"l_", "r_"}, {"L_", "R_"}, {"l.", "r."}};
    for (String[] a : affixes) {
      for (int s = 0; s < 2; s++) {
        if (name.startsWith(a[s])) {
          return a[1 - s] + name.substring(a[s].length());
        }
      }
    }
    String[][] suffixes = {{"_l", "_r"}, {"_L", "_R"}, {".l", ".r"}};
    for (String[] a : suffixes) {
      for (int s = 0; s < 2; s++) {
        if (name.endsWith(a[s])) {
          return name.substring(0, name.length() - a[s].length()) + a[1 - s];
        }
      }
    }
    int n = name.length();
    if (n >= 2 && Character.isLowerCase(name.charAt(n - 2))) {
      char last = name.charAt(n - 1);
      if (last == 'L') {
        return name.substring(0, n - 1) + 'R';
      }
      if (last == 'R') {
        return name.substring(0, n - 1) + 'L';
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Skeleton s
        && s.bodyparts.equals(bodyparts)
        && s.edges.equals(edges)
        && s.symmetricPairs.equals(symmetricPairs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bodyparts, edges, symmetricPairs);
  }
}

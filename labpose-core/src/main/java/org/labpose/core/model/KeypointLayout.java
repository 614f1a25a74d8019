package org.labpose.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered set of keypoint slots that a label set or pose table holds, as DeepLabCut orders its
 * columns: individuals in order, each with its bodyparts, then the unique bodyparts. Lookups by name
 * are constant time. Immutable.
 */
public final class KeypointLayout {
  private final List<KeypointId> keypoints;
  private final Map<KeypointId, Integer> index;
  private final boolean multiAnimal;

  /**
   * @param keypoints slots in column order, no duplicates
   * @param multiAnimal true when the data has an individuals level (DeepLabCut's 4-row header)
   */
  public KeypointLayout(List<KeypointId> keypoints, boolean multiAnimal) {
    this.keypoints = List.copyOf(keypoints);
    this.multiAnimal = multiAnimal;
    Map<KeypointId, Integer> idx = new HashMap<>();
    for (int i = 0; i < this.keypoints.size(); i++) {
      KeypointId k = this.keypoints.get(i);
      if (!multiAnimal && !k.individual().isEmpty()) {
        throw new IllegalArgumentException("single-animal layout with individual " + k);
      }
      if (idx.put(k, i) != null) {
        throw new IllegalArgumentException("duplicate keypoint " + k);
      }
    }
    this.index = Collections.unmodifiableMap(idx);
  }

  /** A single-animal layout with the given bodyparts. */
  public static KeypointLayout singleAnimal(List<String> bodyparts) {
    List<KeypointId> ks = new ArrayList<>();
    for (String b : bodyparts) {
      ks.add(KeypointId.of(b));
    }
    return new KeypointLayout(ks, false);
  }

  /**
   * A multi-animal layout: every individual gets every one of {@code bodyparts}; {@code unique}
   * bodyparts come last under {@link KeypointId#UNIQUE}.
   */
  public static KeypointLayout multiAnimal(
      List<String> individuals, List<String> bodyparts, List<String> unique) {
    List<KeypointId> ks = new ArrayList<>();
    for (String ind : individuals) {
      for (String b : bodyparts) {
        ks.add(new KeypointId(ind, b));
      }
    }
    for (String u : unique) {
      ks.add(new KeypointId(KeypointId.UNIQUE, u));
    }
    return new KeypointLayout(ks, true);
  }

  /** All slots in column order. */
  public List<KeypointId> keypoints() {
    return keypoints;
  }

  /** Number of slots. */
  public int size() {
    return keypoints.size();
  }

  /** True when the data has an individuals level. */
  public boolean isMultiAnimal() {
    return multiAnimal;
  }

  /** Position of a slot, or -1 when absent. Package use: keeps layouts private to the model. */
  int indexOf(KeypointId k) {
    Integer i = index.get(k);
    return i == null ? -1 : i;
  }

  int require(KeypointId k) {
    int i = indexOf(k);
    if (i < 0) {
      throw new IllegalArgumentException("no keypoint " + k + " in " + keypoints);
    }
    return i;
  }

  /** True when the slot exists. */
  public boolean contains(KeypointId k) {
    return index.containsKey(k);
  }

  /** Individuals in order, without the unique pseudo-individual; empty for single-animal data. */
  public List<String> individuals() {
    LinkedHashSet<String> s = new LinkedHashSet<>();
    for (KeypointId k : keypoints) {
      if (multiAnimal && !k.individual().equals(KeypointId.UNIQUE)) {
        s.add(k.individual());
      }
    }
    return List.copyOf(s);
  }

  /** Bodyparts of the animals (all bodyparts in single-animal data), in first-seen order. */
  public List<String> bodyparts() {
    LinkedHashSet<String> s = new LinkedHashSet<>();
    for (KeypointId k : keypoints) {
      if (!(multiAnimal && k.individual().equals(KeypointId.UNIQUE))) {
        s.add(k.bodypart());
      }
    }
    return List.copyOf(s);
  }

  /** Unique bodyparts (multi-animal data only), in order. */
  public List<String> uniqueBodyparts() {
    List<String> s = new ArrayList<>();
    for (KeypointId k : keypoints) {
      if (multiAnimal && k.individual().equals(KeypointId.UNIQUE)) {
        s.add(k.bodypart());
      }
    }
    return List.copyOf(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeypointLayout l && l.multiAnimal == multiAnimal && l.keypoints.equals(keypoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keypoints, multiAnimal);
  }

  @Override
  public String toString() {
    return keypoints.toString();
  }
}

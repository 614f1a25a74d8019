package org.labpose.multianimal.assembly;

import java.util.Arrays;

/**
 * One individual assembled in one frame: per bodypart x, y (px, origin top-left), confidence and the
 * identity head's vote (-1 without one); NaN rows for bodyparts not found.
 */
public final class Animal {
  private final double[][] keypoints;
  private final double affinity;
  private final int links;

  /**
   * @param keypoints bodyparts x {x, y, confidence, identity}; copied
   * @param affinity sum of the affinities of the links that built the animal
   * @param links number of those links
   */
  public Animal(double[][] keypoints, double affinity, int links) {
    this.keypoints = new double[keypoints.length][];
    for (int i = 0; i < keypoints.length; i++) {
      if (keypoints[i].length != 4) {
        throw new IllegalArgumentException("bodypart " + i + " has " + keypoints[i].length + " values, expected 4");
      }
      this.keypoints[i] = keypoints[i].clone();
    }
    this.affinity = affinity;
    this.links = links;
  }

  /** Number of bodyparts (found or not). */
  public int size() {
    return keypoints.length;
  }

  /** x in px of bodypart {@code b}, NaN when not found. */
  public double x(int b) {
    return keypoints[b][0];
  }

  /** y in px of bodypart {@code b}, NaN when not found. */
  public double y(int b) {
    return keypoints[b][1];
  }

  /** Confidence of bodypart {@code b}, NaN when not found. */
  public double confidence(int b) {
    return keypoints[b][2];
  }

  /** The identity vote of bodypart {@code b}: -1 without identity head, NaN when not found. */
  public double identity(int b) {
    return keypoints[b][3];
  }

  /** True when bodypart {@code b} was found. */
  public boolean has(int b) {
    return !Double.isNaN(keypoints[b][0]);
  }

  /** Number of bodyparts found. */
  public int found() {
    int n = 0;
    for (double[] k : keypoints) {
      if (!Double.isNaN(k[0])) {
        n++;
      }
    }
    return n;
  }

  /** Mean confidence over the bodyparts found, NaN when none. */
  public double meanConfidence() {
    double s = 0;
    int n = 0;
    for (double[] k : keypoints) {
      if (!Double.isNaN(k[2])) {
        s += k[2];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Sum of the affinities of the links that built the animal. */
  public double affinity() {
    return affinity;
  }

  /** Number of links that built the animal. */
  public int links() {
    return links;
  }

  /** A copy of the keypoints, bodyparts x {x, y, confidence, identity}. */
  public double[][] keypoints() {
    double[][] c = new double[keypoints.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = keypoints[i].clone();
    }
    return c;
  }

  @Override
  public String toString() {
    return "Animal" + Arrays.deepToString(keypoints);
  }
}

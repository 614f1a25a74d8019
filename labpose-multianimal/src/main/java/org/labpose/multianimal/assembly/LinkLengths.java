package org.labpose.multianimal.assembly;

import java.util.Arrays;
import java.util.List;

/**
 * How far apart every two bodyparts of one animal are in the labelled animals, so that the
 * {@link Assembler} can tell a plausible animal from one made of two (a snout to the other mouse's ear
 * is twice as long as a snout to its own). This is the idea of DeepLabCut's optional assembler
 * calibration by the training poses ({@code Assembler.calibrate}: a density of all pairwise
 * distances, used to weight links and to refuse links that make an animal less likely), kept per pair
 * so that it also holds for animals with missing bodyparts.
 *
 * <p>A distance {@code d} of pair (a, b) has the score {@code z = (d - mean) / s}, where
 * {@code s = sqrt(sd^2 + (TOLERANCE * mean)^2)} widens the labelled spread by the detections' own error
 * (labelled distances on a rigid head can have no spread at all); a link's affinity is weighted by
 * {@code exp(-z^2 / 2)} and a bodypart whose distance to one already in the animal scores
 * |z| &gt; {@link #MAX_Z} is not added to it.
 *
 * <p>Distances in px of the original image (the labels' and the predictions' frame: origin top-left,
 * x right, y down); they hold for videos filmed as the labelled frames were.
 *
 * @param bodyparts the animals' number of bodyparts B
 * @param mean per pair a &lt; b, in the order (0,1), (0,2), ..., (0,B-1), (1,2), ..., the mean labelled
 *     distance (px); NaN where the pair was labelled together in fewer than 2 animals
 * @param sd per pair, its standard deviation (px)
 */
public record LinkLengths(int bodyparts, double[] mean, double[] sd) {
  /** Relative tolerance added to the labelled spread: the detections' error, as a fraction of the distance. */
  public static final double TOLERANCE = 0.15;
  /** Largest |z| of a bodypart's distance to another of the same animal for the animal to take it. */
  public static final double MAX_Z = 4.5;

  public LinkLengths {
    int pairs = bodyparts * (bodyparts - 1) / 2;
    if (bodyparts < 2 || mean.length != pairs || sd.length != pairs) {
      throw new IllegalArgumentException("link lengths: " + bodyparts + " bodyparts make " + Math.max(0, pairs)
          + " pairs, got " + mean.length + " means and " + sd.length + " deviations");
    }
    mean = mean.clone();
    sd = sd.clone();
    for (int p = 0; p < pairs; p++) {
      if (!Double.isNaN(mean[p]) && !(mean[p] > 0 && sd[p] >= 0)) {
        throw new IllegalArgumentException("link lengths: pair " + p + " has mean " + mean[p] + " and deviation "
            + sd[p] + " (need a positive mean and a deviation of 0 or more)");
      }
    }
  }

  /**
   * The distances between every two bodyparts in labelled animals.
   *
   * @param animals per labelled animal, per bodypart {x, y} in px (NaN when not labelled)
   * @param bodyparts B
   * @return null when no pair is labelled together in 2 animals or more
   */
  public static LinkLengths fromAnimals(List<double[][]> animals, int bodyparts) {
    if (bodyparts < 2) {
      return null;
    }
    int pairs = bodyparts * (bodyparts - 1) / 2;
    double[] mean = new double[pairs];
    double[] sd = new double[pairs];
    boolean any = false;
    double[][] sums = sums(animals, bodyparts);
    for (int p = 0; p < pairs; p++) {
      double n = sums[p][0];
      double m = n == 0 ? 0 : sums[p][1] / n;
      if (n < 2 || !(m > 0)) {
        mean[p] = Double.NaN;
        sd[p] = Double.NaN;
        continue;
      }
      mean[p] = m;
      sd[p] = Math.sqrt(Math.max(0, (sums[p][2] - n * m * m) / (n - 1)));
      any = true;
    }
    return any ? new LinkLengths(bodyparts, mean, sd) : null;
  }

  /**
   * Per pair (a &lt; b, in {@link #pair} order) over the animals where both are labelled: {count, sum of
   * distances, sum of squared distances} (px, px^2).
   */
  static double[][] sums(List<double[][]> animals, int bodyparts) {
    double[][] out = new double[Math.max(0, bodyparts * (bodyparts - 1) / 2)][3];
    for (int a = 0; a < bodyparts; a++) {
      for (int b = a + 1; b < bodyparts; b++) {
        double[] r = out[pair(a, b, bodyparts)];
        for (double[][] an : animals) {
          if (!Double.isNaN(an[a][0]) && !Double.isNaN(an[b][0])) {
            double d = Math.hypot(an[a][0] - an[b][0], an[a][1] - an[b][1]);
            r[0]++;
            r[1] += d;
            r[2] += d * d;
          }
        }
      }
    }
    return out;
  }

  /** Index of pair (a, b), a != b, in {@link #mean} and {@link #sd}. */
  static int pair(int a, int b, int bodyparts) {
    int i = Math.min(a, b);
    int j = Math.max(a, b);
    return i * bodyparts - i * (i + 1) / 2 + (j - i - 1);
  }

  /** The score z of a distance (px) between bodyparts a and b; 0 for a pair never labelled together. */
  public double z(int a, int b, double distance) {
    int p = pair(a, b, bodyparts);
    double m = mean[p];
    if (Double.isNaN(m)) {
      return 0;
    }
    double s = Math.sqrt(sd[p] * sd[p] + TOLERANCE * TOLERANCE * m * m);
    return (distance - m) / s;
  }

  /** How plausible a link of bodyparts a and b this long (px) is, in (0, 1]: 1 at the labelled mean. */
  public double weight(int a, int b, double distance) {
    double z = z(a, b, distance);
    return Math.exp(-0.5 * z * z);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] sd() {
    return sd.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkLengths l && bodyparts == l.bodyparts && Arrays.equals(mean, l.mean) && Arrays.equals(sd, l.sd);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * bodyparts + Arrays.hashCode(mean)) + Arrays.hashCode(sd);
  }

  @Override
  public String toString() {
    return "LinkLengths[" + bodyparts + " bodyparts, mean " + Arrays.toString(mean) + ", sd " + Arrays.toString(sd) + "]";
  }
}

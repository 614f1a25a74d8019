package org.labpose.multianimal.assembly;

/**
 * The part-affinity between every candidate of an edge's first bodypart (rows) and every candidate
 * of its second bodypart (columns), and their distances in px.
 *
 * @param affinity mean projection of the part-affinity field on the segment, 0..1; NaN counts as 0
 * @param length segment lengths in px; an edge whose lengths are all infinite is ignored
 */
public record EdgeCosts(double[][] affinity, double[][] length) {
  public EdgeCosts {
    if (affinity.length != length.length) {
      throw new IllegalArgumentException(
          "affinity has " + affinity.length + " rows but length has " + length.length);
    }
    for (int i = 0; i < affinity.length; i++) {
      if (affinity[i].length != length[i].length) {
        throw new IllegalArgumentException("row " + i + ": affinity has " + affinity[i].length
            + " columns but length has " + length[i].length);
      }
    }
  }
}

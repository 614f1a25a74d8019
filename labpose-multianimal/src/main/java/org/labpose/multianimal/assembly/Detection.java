package org.labpose.multianimal.assembly;

/**
 * One candidate position of one bodypart in one frame: a peak of the bodypart's shared score map.
 *
 * @param x column in px (origin top-left, x right)
 * @param y row in px (y down)
 * @param confidence the score map's value at the peak, 0..1
 * @param identity the individual the identity head votes for (0-based), or -1 without an identity head
 */
public record Detection(double x, double y, double confidence, int identity) {
  /** A detection without identity. */
  public static Detection of(double x, double y, double confidence) {
    return new Detection(x, y, confidence, -1);
  }
}

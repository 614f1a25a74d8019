package org.labpose.video.synth;

/**
 * The pose of the synthetic mouse in one frame, in pixels (origin top-left, y down) and radians
 * (0 = facing +x, increasing clockwise on screen because y points down).
 *
 * @param x body centre x
 * @param y body centre y
 * @param heading body direction, tail base → neck
 * @param bend head direction relative to the body
 * @param stretch body length factor (1 normal, about 0.7 when rearing)
 * @param tailPhase phase of the tail's sway
 * @param length snout-to-tail-base length at stretch 1
 */
public record MousePose(double x, double y, double heading, double bend, double stretch, double tailPhase, double length) {

  /** Half the body length (centre to tail base, centre to neck). */
  double bodyHalf() {
    return 0.3 * length * stretch;
  }

  /** Head length, neck to snout. */
  double headLength() {
    return 0.38 * length;
  }

  double[] tailbase() {
    return new double[] {x - bodyHalf() * Math.cos(heading), y - bodyHalf() * Math.sin(heading)};
  }

  double[] neck() {
    return new double[] {x + bodyHalf() * Math.cos(heading), y + bodyHalf() * Math.sin(heading)};
  }

  double headHeading() {
    return heading + bend;
  }

  double[] snout() {
    double[] n = neck();
    double h = headHeading();
    return new double[] {n[0] + headLength() * Math.cos(h), n[1] + headLength() * Math.sin(h)};
  }

  /** An ear centre; {@code side} +1 for the animal's left, -1 for its right. */
  double[] ear(int side) {
    double[] n = neck();
    double h = headHeading();
    double along = 0.22 * headLength();
    double across = 0.14 * length;
    // The animal's left, seen from above with y down, is the heading turned by -90°: (sin h, -cos h).
    return new double[] {
      n[0] + along * Math.cos(h) + side * across * Math.sin(h),
      n[1] + along * Math.sin(h) - side * across * Math.cos(h)
    };
  }

  /**
   * Keypoints in {@link SynthConfig#SPINE_BODYPARTS} order: x, y pairs for snout, leftear, rightear,
   * shoulder (the neck, where head and body meet), spine (the body's centre) and tailbase.
   */
  public double[] keypointsWithSpine() {
    double[] k = keypoints();
    double[] n = neck();
    return new double[] {k[0], k[1], k[2], k[3], k[4], k[5], n[0], n[1], x, y, k[6], k[7]};
  }

  /** Keypoints in {@link SynthConfig#BODYPARTS} order: x, y pairs for snout, leftear, rightear, tailbase. */
  public double[] keypoints() {
    double[] s = snout();
    double[] l = ear(+1);
    double[] r = ear(-1);
    double[] t = tailbase();
    return new double[] {s[0], s[1], l[0], l[1], r[0], r[1], t[0], t[1]};
  }
}

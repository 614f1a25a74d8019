package org.labpose.video.synth;

import java.util.List;
import java.util.Random;

/**
 * Makes several synthetic mice interact the way pairs in an arena do, so that tracking meets the hard
 * cases: a mouse now and then approaches another until they touch, follows behind it for a while, or
 * comes to rest against it (huddling, both still); in between each moves on its own, and paths cross
 * as they go. Each mouse is in one plan at a time; plans start at random (about one every 4 s per
 * mouse) and last a few seconds. Deterministic for a given seed.
 */
final class SocialScheduler {
  private enum Kind { NONE, APPROACH, FOLLOW, HUDDLE, HELD }

  private final List<MouseMotion> mice;
  private final Random rng;
  private final double dt;
  private final Kind[] kind;
  private final int[] partner;
  private final double[] left;

  SocialScheduler(List<MouseMotion> mice, long seed, double fps) {
    this.mice = mice;
    this.rng = new Random(seed * 977 + 5);
    this.dt = 1 / fps;
    int n = mice.size();
    kind = new Kind[n];
    partner = new int[n];
    left = new double[n];
    java.util.Arrays.fill(kind, Kind.NONE);
  }

  /** Sets each mouse's goal for the next step. */
  void step() {
    int n = mice.size();
    for (int i = 0; i < n; i++) {
      MouseMotion m = mice.get(i);
      left[i] -= dt;
      if (kind[i] == Kind.NONE) {
        if (rng.nextDouble() < 0.25 * dt) {
          int j = (i + 1 + rng.nextInt(n - 1)) % n;
          if (kind[j] == Kind.HELD || kind[j] == Kind.HUDDLE) {
            continue;
          }
          double u = rng.nextDouble();
          kind[i] = u < 0.35 ? Kind.APPROACH : u < 0.7 ? Kind.FOLLOW : Kind.HUDDLE;
          partner[i] = j;
          left[i] = 2 + 4 * rng.nextDouble();
        }
        continue;
      }
      MouseMotion p = mice.get(partner[i]);
      double len = m.length();
      double dx = p.x() - m.x();
      double dy = p.y() - m.y();
      double d = Math.hypot(dx, dy);
      switch (kind[i]) {
        case APPROACH -> {
          m.goal(p.x(), p.y(), 1.3 * len);
          if (d < 0.9 * len || left[i] <= 0) {
            end(i);
          }
        }
        case FOLLOW -> {
          double bx = p.x() - 0.9 * len * Math.cos(p.heading());
          double by = p.y() - 0.9 * len * Math.sin(p.heading());
          double gap = Math.hypot(bx - m.x(), by - m.y());
          m.goal(bx, by, Math.max(0.8 * len, p.speed() + Math.min(1.5 * len, gap)));
          if (left[i] <= 0) {
            end(i);
          }
        }
        case HUDDLE -> {
          // lie alongside the partner, then both rest together
          double sx = p.x() - 0.5 * len * Math.sin(p.heading());
          double sy = p.y() + 0.5 * len * Math.cos(p.heading());
          if (Math.hypot(sx - m.x(), sy - m.y()) > 0.3 * len && left[i] > 0) {
            m.goal(sx, sy, 1.2 * len);
          } else if (kind[partner[i]] != Kind.HELD && left[i] > 0) {
            m.hold();
            p.hold();
            kind[partner[i]] = Kind.HELD;
            partner[partner[i]] = i;
            left[partner[i]] = left[i] = 2 + 3 * rng.nextDouble();
            kind[i] = Kind.HELD;
          } else {
            end(i);
          }
        }
        case HELD -> {
          if (left[i] <= 0) {
            end(i);
          }
        }
        default -> { }
      }
    }
  }

  /**
   * Keeps bodies apart: two mice whose centres are closer than {@value #MIN_GAP} body lengths are
   * pushed apart along the line between them (a top view shows touching, never two mice in one place).
   */
  void separate() {
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < mice.size(); i++) {
        for (int j = i + 1; j < mice.size(); j++) {
          MouseMotion a = mice.get(i);
          MouseMotion b = mice.get(j);
          double min = MIN_GAP * 0.5 * (a.length() + b.length());
          double dx = b.x() - a.x();
          double dy = b.y() - a.y();
          double d = Math.hypot(dx, dy);
          if (d >= min) {
            continue;
          }
          if (d < 1e-6) {
            dx = Math.cos(a.heading() + Math.PI / 2);
            dy = Math.sin(a.heading() + Math.PI / 2);
            d = 1;
          }
          double push = (min - d) / 2;
          a.nudge(-dx / d * push, -dy / d * push);
          b.nudge(dx / d * push, dy / d * push);
        }
      }
    }
  }

  /** Closest approach of two mice's centres, in body lengths. */
  static final double MIN_GAP = 0.45;

  private void end(int i) {
    kind[i] = Kind.NONE;
    mice.get(i).free();
  }
}

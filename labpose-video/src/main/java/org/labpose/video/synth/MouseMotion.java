package org.labpose.video.synth;

import java.util.Random;

/**
 * Simulates a mouse's movement in a rectangular arena: walking, running bursts, pauses with head
 * scanning and rearing-like body shortening, turning as a smooth random process, and following the
 * walls when it reaches them. Deterministic for a given seed.
 */
final class MouseMotion {
  private enum Behavior { WALK, RUN, PAUSE, REAR }

  private final Random rng;
  private final double length;
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;
  private final double dt;

  private double x;
  private double y;
  private double heading;
  private double speed;
  private double turnRate;
  private double bend;
  private double stretch = 1;
  private double tailPhase;
  private double time;
  private Behavior behavior = Behavior.WALK;
  private double behaviorLeft;
  private final double scanPhase;
  // a social goal set from outside: head for (goalX, goalY) at goalSpeed px/s; NaN = none
  private double goalX = Double.NaN;
  private double goalY = Double.NaN;
  private double goalSpeed;
  private boolean holdStill;

  /**
   * @param arena {x1, y1, x2, y2} of the floor in pixels
   * @param length mouse length in pixels
   * @param fps frames per second
   */
  MouseMotion(long seed, double[] arena, double length, double fps) {
    this.rng = new Random(seed);
    this.length = length;
    double margin = 0.45 * length;
    this.minX = arena[0] + margin;
    this.minY = arena[1] + margin;
    this.maxX = arena[2] - margin;
    this.maxY = arena[3] - margin;
    this.dt = 1 / fps;
    this.x = minX + rng.nextDouble() * (maxX - minX);
    this.y = minY + rng.nextDouble() * (maxY - minY);
    this.heading = rng.nextDouble() * 2 * Math.PI - Math.PI;
    this.behaviorLeft = exp(2);
    this.scanPhase = rng.nextDouble() * 2 * Math.PI;
    this.tailPhase = rng.nextDouble() * 2 * Math.PI;
  }

  private double exp(double mean) {
    return -mean * Math.log(1 - rng.nextDouble());
  }

  double x() {
    return x;
  }

  double y() {
    return y;
  }

  double heading() {
    return heading;
  }

  double speed() {
    return speed;
  }

  double length() {
    return length;
  }

  /** Heads for (gx, gy) at {@code speedPx} px/s until cleared. */
  void goal(double gx, double gy, double speedPx) {
    goalX = gx;
    goalY = gy;
    goalSpeed = speedPx;
    holdStill = false;
  }

  /** Stays in place (huddling, resting against another). */
  void hold() {
    goalX = Double.NaN;
    holdStill = true;
  }

  /** Moves the mouse by (dx, dy) px, staying on the floor (used to keep bodies from overlapping). */
  void nudge(double dx, double dy) {
    x = Math.max(minX, Math.min(maxX, x + dx));
    y = Math.max(minY, Math.min(maxY, y + dy));
  }

  /** Back to moving on its own. */
  void free() {
    goalX = Double.NaN;
    holdStill = false;
  }

  MousePose pose() {
    return new MousePose(x, y, heading, bend, stretch, tailPhase, length);
  }

  /** Advances one frame. */
  void step() {
    time += dt;
    behaviorLeft -= dt;
    if (behaviorLeft <= 0) {
      double u = rng.nextDouble();
      behavior = u < 0.5 ? Behavior.WALK : u < 0.68 ? Behavior.RUN : u < 0.9 ? Behavior.PAUSE : Behavior.REAR;
      behaviorLeft = exp(switch (behavior) {
        case WALK -> 2.0;
        case RUN -> 0.8;
        case PAUSE -> 1.2;
        case REAR -> 0.9;
      });
    }
    double targetSpeed = switch (behavior) {
      case WALK -> 1.3 * length;
      case RUN -> 3.5 * length;
      case PAUSE, REAR -> 0;
    };
    boolean social = !Double.isNaN(goalX);
    if (social) {
      targetSpeed = goalSpeed;
    } else if (holdStill) {
      targetSpeed = 0;
    }
    speed += (targetSpeed - speed) * Math.min(1, dt * 4);

    boolean moving = speed > 0.2 * length;
    double sigma = moving ? 2.5 : 0.6;
    turnRate += -turnRate * dt * 2 + rng.nextGaussian() * Math.sqrt(dt) * sigma;
    turnRate = Math.max(-4, Math.min(4, turnRate));

    // Wall following: if the point ahead leaves the arena, steer along the nearest wall.
    double look = 0.5 * length + 0.4 * speed;
    double ax = x + look * Math.cos(heading);
    double ay = y + look * Math.sin(heading);
    double steer = 0;
    if (ax < minX || ax > maxX || ay < minY || ay > maxY) {
      double dxw = Math.min(x - minX, maxX - x);
      double dyw = Math.min(y - minY, maxY - y);
      double desired;
      if (dxw < dyw) {
        desired = Math.sin(heading) >= 0 ? Math.PI / 2 : -Math.PI / 2; // along a vertical wall
      } else {
        desired = Math.cos(heading) >= 0 ? 0 : Math.PI; // along a horizontal wall
      }
      steer = wrap(desired - heading) * 5;
    }
    if (social) {
      double desired = Math.atan2(goalY - y, goalX - x);
      steer += wrap(desired - heading) * 4;
    }
    heading = wrap(heading + (turnRate + steer) * dt);
    x += speed * Math.cos(heading) * dt;
    y += speed * Math.sin(heading) * dt;
    if (x < minX || x > maxX || y < minY || y > maxY) {
      x = Math.max(minX, Math.min(maxX, x));
      y = Math.max(minY, Math.min(maxY, y));
      speed *= 0.5;
    }

    double bendTarget = Math.max(-0.6, Math.min(0.6, 0.18 * (turnRate + steer)));
    if (!moving) {
      bendTarget += 0.45 * Math.sin(2 * Math.PI * 0.6 * time + scanPhase);
    }
    bend += (bendTarget - bend) * Math.min(1, dt * 6);
    double stretchTarget = behavior == Behavior.REAR ? 0.7 : behavior == Behavior.PAUSE ? 0.93 : 1.0;
    stretch += (stretchTarget - stretch) * Math.min(1, dt * 5);
    tailPhase += dt * (2 + 3 * speed / length);
  }

  static double wrap(double a) {
    while (a > Math.PI) {
      a -= 2 * Math.PI;
    }
    while (a < -Math.PI) {
      a += 2 * Math.PI;
    }
    return a;
  }
}

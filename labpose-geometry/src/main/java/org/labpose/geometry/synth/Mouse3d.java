package org.labpose.geometry.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.labpose.geometry.Vec3;

/**
 * A synthetic mouse in three dimensions for ground-truth 3D data: a body and a head (ellipsoids), two
 * ears, a tail (a chain of small spheres lying on the floor behind the body) and four paws that step in a
 * trot (diagonal pairs together, each paw lifted while it swings forward). It walks, pauses, and rears
 * (the body pitched up about the hips, front paws off the floor), turning smoothly and away from the
 * arena's walls. Deterministic for a given seed.
 *
 * <p>World: mm, the floor z = 0, z up, the origin at the centre of a square arena.
 */
public final class Mouse3d {
  /** Keypoints, in this order. */
  public static final List<String> BODYPARTS =
      List.of("snout", "leftear", "rightear", "neck", "back", "tailbase", "tailtip", "fl_paw", "fr_paw", "hl_paw", "hr_paw");

  /** Body length, tail base to neck, mm. */
  public static final double BODY = 60;

  private enum Behaviour { WALK, PAUSE, REAR }

  private final Random rng;
  private final double half;
  private final double dt;
  private double x;
  private double y;
  private double heading;
  private double speed;
  private double turn;
  private double gait;
  private double rear;
  private double bend;
  private double tail;
  private double time;
  private Behaviour behaviour = Behaviour.WALK;
  private double left;

  /**
   * @param arena the arena's side, mm (the mouse keeps about a body length from its walls)
   * @param fps frames per second
   */
  public Mouse3d(long seed, double arena, double fps) {
    this.rng = new Random(seed);
    this.half = arena / 2;
    this.dt = 1 / fps;
    this.x = (rng.nextDouble() - 0.5) * half;
    this.y = (rng.nextDouble() - 0.5) * half;
    this.heading = rng.nextDouble() * 2 * Math.PI;
    this.left = 1 + rng.nextDouble() * 2;
    this.tail = rng.nextDouble() * 2 * Math.PI;
  }

  /** Advances one frame. */
  public void step() {
    time += dt;
    left -= dt;
    if (left <= 0) {
      double r = rng.nextDouble();
      behaviour = r < 0.55 ? Behaviour.WALK : r < 0.8 ? Behaviour.PAUSE : Behaviour.REAR;
      left = behaviour == Behaviour.WALK ? 1.5 + 2.5 * rng.nextDouble() : 0.8 + 1.2 * rng.nextDouble();
    }
    double targetSpeed = behaviour == Behaviour.WALK ? 120 : 0;
    speed += (targetSpeed - speed) * Math.min(1, 4 * dt);
    rear += ((behaviour == Behaviour.REAR ? 1 : 0) - rear) * Math.min(1, 3 * dt);
    // turning: a smooth random rate, and away from a wall ahead
    turn += (-turn * 2 + rng.nextGaussian() * 6) * dt;
    double ahead = 1.2 * BODY;
    double ax = x + ahead * Math.cos(heading);
    double ay = y + ahead * Math.sin(heading);
    double margin = half - BODY;
    if (Math.abs(ax) > margin || Math.abs(ay) > margin) {
      double toCentre = Math.atan2(-y, -x);
      double d = Math.atan2(Math.sin(toCentre - heading), Math.cos(toCentre - heading));
      turn = 2.5 * Math.signum(d);
    }
    heading += turn * dt * (0.3 + speed / 120);
    x = clamp(x + speed * Math.cos(heading) * dt, margin);
    y = clamp(y + speed * Math.sin(heading) * dt, margin);
    gait += 2 * Math.PI * speed / 45 * dt;
    bend = 0.35 * Math.sin(1.3 * time) * (behaviour == Behaviour.WALK ? 0.5 : 1);
    tail += 3 * dt;
  }

  private static double clamp(double v, double m) {
    return Math.max(-m, Math.min(m, v));
  }

  /** The body's shapes and keypoints in the current frame. */
  public Pose pose() {
    double pitch = Math.toRadians(55) * rear;
    double c = Math.cos(heading);
    double s = Math.sin(heading);
    double[] flat = {c, s, 0};
    double[] side = {-s, c, 0}; // the animal's left
    double[] up = {0, 0, 1};
    double[] axis = {c * Math.cos(pitch), s * Math.cos(pitch), Math.sin(pitch)};
    double[] bodyUp = Vec3.cross(axis, side);
    double[] tailbase = {x - BODY / 2 * c, y - BODY / 2 * s, 14};
    double[] neck = add(tailbase, axis, BODY);
    double[] back = add(add(tailbase, axis, BODY / 2), bodyUp, 15);
    // the head: yawed by the bend, pitched a little less than the body while rearing
    double hp = 0.8 * pitch - 0.15;
    double hy = heading + bend;
    double[] hdir = {Math.cos(hy) * Math.cos(hp), Math.sin(hy) * Math.cos(hp), Math.sin(hp)};
    double[] hside = Vec3.unit(Vec3.cross(up, hdir));
    double[] hup = Vec3.cross(hdir, hside);
    double[] snout = add(neck, hdir, 30);
    double[] leftEar = add(add(add(neck, hdir, 7), hside, 9), hup, 8);
    double[] rightEar = add(add(add(neck, hdir, 7), hside, -9), hup, 8);
    List<Shape> shapes = new ArrayList<>();
    shapes.add(new Shape(add(tailbase, axis, BODY / 2), axis, bodyUp, new double[] {37, 19, 16}, BODY_RGB));
    shapes.add(new Shape(add(neck, hdir, 13), hdir, hup, new double[] {18, 11, 10}, BODY_RGB));
    shapes.add(new Shape(leftEar, hdir, Vec3.unit(add(hup, hside, 0.3)), new double[] {2, 6, 6}, PINK_RGB));
    shapes.add(new Shape(rightEar, hdir, Vec3.unit(add(hup, hside, -0.3)), new double[] {2, 6, 6}, PINK_RGB));
    // the tail: 12 spheres from the tail base down to the floor and back, swaying
    double[] p = tailbase;
    for (int k = 1; k <= 12; k++) {
      double a = heading + Math.PI + 0.35 * Math.sin(tail - 0.5 * k);
      double[] next = {p[0] + 7 * Math.cos(a), p[1] + 7 * Math.sin(a), Math.max(2, 14 - 3 * k)};
      double r = 3.2 - 0.15 * k;
      shapes.add(new Shape(next, flat, up, new double[] {r, r, r}, PINK_RGB));
      p = next;
    }
    double[] tailtip = p;
    // paws: a trot, stride growing with speed; a paw lifts while it swings forward
    double stride = Math.min(40, 0.35 * speed);
    double[][] paws = new double[4][];
    double[] phase = {0, Math.PI, Math.PI, 0};
    for (int i = 0; i < 4; i++) {
      boolean front = i < 2;
      double lr = i % 2 == 0 ? 1 : -1;
      double along = front ? BODY * 0.85 : BODY * 0.15;
      double ph = gait + phase[i];
      double[] hip = add(add(tailbase, flat, along * Math.cos(pitch)), side, lr * 11);
      double[] foot = add(hip, flat, stride / 2 * Math.sin(ph));
      foot[2] = 2.5 + (speed > 5 ? 6 * Math.max(0, Math.cos(ph)) : 0);
      if (front && rear > 0.01) {
        // rearing: the front paws come up to the chest
        double[] chest = add(add(add(tailbase, axis, BODY * 0.8), bodyUp, -14), side, lr * 8);
        foot = new double[] {foot[0] + rear * (chest[0] - foot[0]), foot[1] + rear * (chest[1] - foot[1]), foot[2] + rear * (chest[2] - foot[2])};
      }
      paws[i] = foot;
      shapes.add(new Shape(foot, flat, up, new double[] {5, 3.2, 2.5}, PINK_RGB));
    }
    double[][] keypoints = {snout, leftEar, rightEar, neck, back, tailbase, tailtip, paws[0], paws[1], paws[2], paws[3]};
    return new Pose(keypoints, shapes);
  }

  private static double[] add(double[] a, double[] dir, double len) {
    return new double[] {a[0] + dir[0] * len, a[1] + dir[1] * len, a[2] + dir[2] * len};
  }

  static final int BODY_RGB = 0x4a4a50;
  static final int PINK_RGB = 0xd8a0a0;

  /**
   * An ellipsoid: its centre (mm), two of its axes (unit vectors: the first, and one across it; the third is their
   * cross product), its semi-axes along them (mm), its colour (0xRRGGBB).
   */
  public record Shape(double[] centre, double[] axis1, double[] axis2, double[] radii, int rgb) {}

  /**
   * One frame: the keypoints ({@link #BODYPARTS} order, {x, y, z} mm, world frame) and the shapes to draw.
   */
  public record Pose(double[][] keypoints, List<Shape> shapes) {}
}

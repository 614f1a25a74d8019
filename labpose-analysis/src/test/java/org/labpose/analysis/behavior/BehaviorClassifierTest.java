package org.labpose.analysis.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.analysis.stats.BinaryAgreement;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;

/** Trained on two synthetic videos with planted "head-bobbing" bouts, validated on a third. */
class BehaviorClassifierTest {
  @TempDir Path dir;
  static final double FPS = 30;

  /** A walking mouse that sometimes stops and moves its head in quick circles (the behaviour). */
  record Video(PoseTable poses, boolean[] truth) {}

  static Video video(long seed, int n) {
    Random r = new Random(seed);
    PoseTable p = new PoseTable("s", KeypointLayout.singleAnimal(List.of("snout", "leftear", "rightear", "tailbase")), n);
    boolean[] bob = new boolean[n];
    double x = 300, y = 240, dir = 0;
    int f = 0;
    while (f < n) {
      boolean b = r.nextDouble() < 0.35;
      int len = (int) ((b ? 1 + 2 * r.nextDouble() : 2 + 4 * r.nextDouble()) * FPS);
      for (int i = 0; i < len && f < n; i++, f++) {
        bob[f] = b;
        double hx = 0, hy = 0;
        if (b) {
          double a = 2 * Math.PI * 4 * i / FPS;
          hx = 8 * Math.cos(a);
          hy = 8 * Math.sin(a);
        } else {
          dir += r.nextGaussian() * 0.05;
          x = Math.min(560, Math.max(80, x + 3 * Math.cos(dir)));
          y = Math.min(420, Math.max(60, y + 3 * Math.sin(dir)));
          if (x <= 80 || x >= 560 || y <= 60 || y >= 420) {
            dir += Math.PI / 2;
          }
        }
        double c = Math.cos(dir), s = Math.sin(dir);
        put(p, f, "snout", x + 30 * c + hx, y + 30 * s + hy, r);
        put(p, f, "leftear", x + 15 * c + 10 * s, y + 15 * s - 10 * c, r);
        put(p, f, "rightear", x + 15 * c - 10 * s, y + 15 * s + 10 * c, r);
        put(p, f, "tailbase", x - 30 * c, y - 30 * s, r);
      }
    }
    return new Video(p, bob);
  }

  private static void put(PoseTable p, int f, String part, double x, double y, Random r) {
    p.set(f, KeypointId.of(part), x + r.nextGaussian(), y + r.nextGaussian(), 0.95);
  }

  private static BehaviorFeatures.Matrix features(Video v) {
    return BehaviorFeatures.compute(v.poses(), FPS, Calibration.pixels(), KinematicsConfig.defaults(), BehaviorFeatures.WINDOWS_S);
  }

  @Test
  void learnsAPlantedBehaviourAndGeneralisesToANewVideo() throws Exception {
    Video a = video(1, 2400);
    Video b = video(2, 2400);
    Video test = video(3, 2400);
    BehaviorClassifier c = BehaviorClassifier.train(List.of(features(a), features(b)), List.of(Map.of("bob", a.truth()), Map.of("bob", b.truth())),
        BehaviorFeatures.WINDOWS_S, new BehaviorClassifier.Settings(40, 7, 0.5, 0.2));
    BehaviorFeatures.Matrix m = features(test);
    Map<String, double[]> p = c.probabilities(m);
    boolean[] got = c.classify(p, FPS).get("bob");
    BinaryAgreement ag = BinaryAgreement.of(test.truth(), got);
    assertTrue(ag.f1() >= 0.85, "F1 " + ag.f1());
    assertTrue(ag.kappa() >= 0.8, "kappa " + ag.kappa());

    Path file = dir.resolve("bob.lpclf");
    c.save(file);
    BehaviorClassifier back = BehaviorClassifier.load(file);
    assertArrayEquals(p.get("bob"), back.probabilities(m).get("bob"), 1e-12);
  }

  @Test
  void badModelsAndLabelsAreRefused() throws Exception {
    Path junk = dir.resolve("junk.lpclf");
    Files.writeString(junk, "not a model");
    assertThrows(InputFormatException.class, () -> BehaviorClassifier.load(junk));
    Video a = video(1, 300);
    assertThrows(IllegalArgumentException.class, () -> BehaviorClassifier.train(List.of(features(a)),
        List.of(Map.of("bob", new boolean[300])), BehaviorFeatures.WINDOWS_S, BehaviorClassifier.Settings.defaults()));
  }

  /** Java serialisation streams as an attacker would write them: none may be deserialised, each refused within a second. */
  @Test
  void craftedAndDamagedModelFilesAreRefusedQuickly() throws Exception {
    java.util.List<byte[]> crafted = new java.util.ArrayList<>();
    // a HashSet nested deeply (the CPU bomb) and a URL key (the DNS gadget), serialised by the JDK itself
    java.util.Set<Object> root = new java.util.HashSet<>();
    java.util.Set<Object> s1 = root;
    for (int i = 0; i < 30; i++) {
      java.util.Set<Object> t1 = new java.util.HashSet<>();
      s1.add(t1);
      s1.add("x" + i);
      s1 = t1;
    }
    crafted.add(serialise(root));
    crafted.add(serialise(new java.util.HashMap<>(Map.of(java.net.URI.create("http://127.0.0.1/").toURL(), "v"))));
    // 40 bytes declaring a long[0x7ffffff0]
    java.io.ByteArrayOutputStream arr = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream o = new java.io.DataOutputStream(arr);
    o.writeShort(0xaced);
    o.writeShort(5);
    o.writeByte(0x75); // TC_ARRAY
    o.writeByte(0x72); // TC_CLASSDESC
    o.writeUTF("[J");
    o.writeLong(0x782004b012ec3ba4L);
    o.writeByte(2);
    o.writeShort(0);
    o.writeByte(0x78);
    o.writeByte(0x70);
    o.writeInt(0x7ffffff0);
    crafted.add(arr.toByteArray());
    crafted.add(new byte[0]);
    Video a = video(1, 600);
    Video b = video(2, 600);
    BehaviorClassifier c = BehaviorClassifier.train(List.of(features(a), features(b)), List.of(Map.of("bob", a.truth()), Map.of("bob", b.truth())),
        BehaviorFeatures.WINDOWS_S, new BehaviorClassifier.Settings(5, 7, 0.5, 0.2));
    Path good = dir.resolve("good.lpclf");
    c.save(good);
    byte[] model = Files.readAllBytes(good);
    for (int cut : new int[] {1, 7, 20, model.length / 2, model.length - 1}) {
      crafted.add(java.util.Arrays.copyOf(model, cut));
    }
    Random r = new Random(3);
    for (int i = 0; i < 50; i++) {
      byte[] flipped = model.clone();
      int at = r.nextInt(flipped.length);
      flipped[at] ^= (byte) (1 << r.nextInt(8));
      crafted.add(flipped);
    }
    for (int i = 0; i < crafted.size(); i++) {
      Path f = dir.resolve("crafted" + i + ".lpclf");
      Files.write(f, crafted.get(i));
      long t0 = System.nanoTime();
      InputFormatException e = assertThrows(InputFormatException.class, () -> BehaviorClassifier.load(f), "case " + i);
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
      // refused at once, not after reading or allocating what the header claims (10 s: slack for a loaded machine)
      assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "case " + i + " took too long");
    }
    assertTrue(BehaviorClassifier.load(good).model().behaviors().contains("bob"));
  }

  private static byte[] serialise(Object o) throws Exception {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }
}

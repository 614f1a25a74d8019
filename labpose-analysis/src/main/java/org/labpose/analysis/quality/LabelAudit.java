package org.labpose.analysis.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.Skeleton;

/**
 * Flags labels that are likely wrong before they poison training. Coordinates in pixels (origin
 * top-left, x right, y down).
 * <ul>
 *   <li>outside the image: a point beyond the frame's width or height;
 *   <li>left/right swap: for a symmetric pair, the side of the tail base → snout axis on which the
 *       "left" bodypart lies is the opposite of the side in most frames (so it works for top and
 *       bottom views alike);
 *   <li>far from the body: a distance between two bodyparts whose robust z-score (0.6745 (d −
 *       median) / MAD over the frames) exceeds {@link #Z_LIMIT}; the bodypart blamed is the one in
 *       most such pairs of the frame;
 *   <li>duplicate frame: two frames whose image files have the same content hash.
 * </ul>
 */
public final class LabelAudit {
  private LabelAudit() {}

  /** Robust z-score beyond which a distance is an outlier. */
  public static final double Z_LIMIT = 3.5;

  /** One finding. */
  public record Issue(String image, String keypoint, String reason) {}

  /**
   * Audits a label set.
   *
   * @param sizes image path → {width, height} in px (frames without an entry are not size-checked)
   * @param hashes image path → content hash (frames without an entry are not checked for duplicates)
   */
  public static List<Issue> audit(LabelSet labels, Skeleton skeleton, String snout, String tailBase,
      Map<String, int[]> sizes, Map<String, String> hashes) {
    List<Issue> out = new ArrayList<>();
    List<KeypointId> ks = labels.layout().keypoints();
    for (LabeledFrame f : labels.frames()) {
      int[] wh = sizes.get(f.imagePath());
      if (wh == null) {
        continue;
      }
      for (KeypointId k : ks) {
        double x = f.x(k);
        double y = f.y(k);
        if (!Double.isNaN(x) && (x < 0 || y < 0 || x >= wh[0] || y >= wh[1])) {
          out.add(new Issue(f.imagePath(), k.toString(), String.format(Locale.ROOT, "outside the %d×%d image at (%.1f, %.1f)", wh[0], wh[1], x, y)));
        }
      }
    }
    swaps(labels, skeleton, snout, tailBase, out);
    farFromBody(labels, out);
    Map<String, String> firstByHash = new LinkedHashMap<>();
    for (LabeledFrame f : labels.frames()) {
      String h = hashes.get(f.imagePath());
      if (h == null) {
        continue;
      }
      String first = firstByHash.putIfAbsent(h, f.imagePath());
      if (first != null) {
        out.add(new Issue(f.imagePath(), "", "duplicate of " + first + " (same image content)"));
      }
    }
    return out;
  }

  private static void swaps(LabelSet labels, Skeleton skeleton, String snout, String tailBase, List<Issue> out) {
    if (snout == null || tailBase == null) {
      return;
    }
    List<String> individuals = labels.layout().isMultiAnimal() ? labels.layout().individuals() : List.of(KeypointId.SINGLE_ANIMAL);
    for (Skeleton.Pair pair : skeleton.symmetricPairs()) {
      String left = pair.a().toLowerCase(Locale.ROOT).contains("right") ? pair.b() : pair.a();
      String right = left.equals(pair.a()) ? pair.b() : pair.a();
      for (String ind : individuals) {
        KeypointId s = new KeypointId(ind, snout);
        KeypointId t = new KeypointId(ind, tailBase);
        KeypointId l = new KeypointId(ind, left);
        KeypointId r = new KeypointId(ind, right);
        if (!labels.layout().contains(s) || !labels.layout().contains(t) || !labels.layout().contains(l) || !labels.layout().contains(r)) {
          continue;
        }
        Map<String, Double> side = new LinkedHashMap<>();
        int positive = 0;
        int negative = 0;
        for (LabeledFrame f : labels.frames()) {
          double hx = f.x(s) - f.x(t);
          double hy = f.y(s) - f.y(t);
          // cross product of the axis with (left − right): its sign tells on which side "left" lies
          double c = hx * (f.y(l) - f.y(r)) - hy * (f.x(l) - f.x(r));
          if (Double.isNaN(c) || c == 0) {
            continue;
          }
          side.put(f.imagePath(), c);
          if (c > 0) {
            positive++;
          } else {
            negative++;
          }
        }
        if (side.size() < 3 || positive == negative) {
          continue;
        }
        boolean usual = positive > negative;
        for (Map.Entry<String, Double> e : side.entrySet()) {
          if ((e.getValue() > 0) != usual) {
            out.add(new Issue(e.getKey(), new KeypointId(ind, left) + "," + new KeypointId(ind, right),
                "left/right swapped? " + left + " is on the other side of the body axis than in " + Math.max(positive, negative) + " of "
                    + side.size() + " frames"));
          }
        }
      }
    }
  }

  private static void farFromBody(LabelSet labels, List<Issue> out) {
    List<KeypointId> ks = labels.layout().keypoints();
    List<LabeledFrame> frames = labels.frames();
    int n = frames.size();
    if (n < 5) {
      return;
    }
    int[][] blame = new int[n][ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      for (int j = i + 1; j < ks.size(); j++) {
        if (!ks.get(i).individual().equals(ks.get(j).individual())) {
          continue;
        }
        double[] d = new double[n];
        for (int f = 0; f < n; f++) {
          LabeledFrame fr = frames.get(f);
          d[f] = Math.hypot(fr.x(ks.get(i)) - fr.x(ks.get(j)), fr.y(ks.get(i)) - fr.y(ks.get(j)));
        }
        double[] v = Arrays.stream(d).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length < 5) {
          continue;
        }
        double med = v[v.length / 2];
        double[] dev = Arrays.stream(v).map(x -> Math.abs(x - med)).sorted().toArray();
        double mad = Math.max(dev[dev.length / 2], 1e-6 + 0.02 * med);
        for (int f = 0; f < n; f++) {
          if (!Double.isNaN(d[f]) && Math.abs(0.6745 * (d[f] - med) / mad) > Z_LIMIT) {
            blame[f][i]++;
            blame[f][j]++;
          }
        }
      }
    }
    for (int f = 0; f < n; f++) {
      int best = -1;
      for (int k = 0; k < ks.size(); k++) {
        if (blame[f][k] > 0 && (best < 0 || blame[f][k] > blame[f][best])) {
          best = k;
        }
      }
      if (best >= 0 && blame[f][best] >= 2) {
        out.add(new Issue(frames.get(f).imagePath(), ks.get(best).toString(),
            "far from the rest of the body: " + blame[f][best] + " of its distances to other bodyparts are outliers (robust z > " + Z_LIMIT + ")"));
      }
    }
  }
}

package org.labpose.video.frames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;

/**
 * Picks frames of a video for labelling, as DeepLabCut's {@code extract_frames} does, and writes
 * them as {@code img<zero-padded index>.png}. {@code uniform}: evenly spaced; {@code kmeans}: the
 * candidate frames (at most {@link #MAX_CANDIDATES}, evenly spaced between start and stop) are
 * shrunk to about 30 pixels wide in grey, clustered by seeded k-means, and the frame nearest each
 * cluster centre is taken. Existing images are never overwritten, so running it again adds none.
 */
public final class FrameExtractor {
  /** Most frames looked at by k-means. */
  public static final int MAX_CANDIDATES = 1000;

  private FrameExtractor() {}

  /** How to pick. */
  public enum Algorithm { UNIFORM, KMEANS }

  /** The result: frames chosen and files written (existing ones are skipped). */
  public record Result(List<Integer> frames, List<Path> written, List<Path> skipped) {}

  /**
   * Picks {@code n} frames between fractions {@code start} and {@code stop} of the video.
   *
   * @param crop {x1, x2, y1, y2} in pixels applied before clustering and saving, or null
   */
  public static List<Integer> pick(Path video, Algorithm algo, int n, double start, double stop, int[] crop, long seed) throws IOException {
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      int total = src.frameCount();
      if (total <= 0) {
        throw new InputFormatException(video, null, "the container does not state a frame count");
      }
      int first = (int) Math.floor(start * total);
      int last = Math.max(first + 1, (int) Math.ceil(stop * total));
      last = Math.min(last, total);
      int span = last - first;
      if (algo == Algorithm.UNIFORM || span <= n) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < Math.min(n, span); i++) {
          s.add(first + (int) ((long) i * span / Math.min(n, span)));
        }
        return new ArrayList<>(s);
      }
      int m = Math.min(MAX_CANDIDATES, span);
      int[] cand = new int[m];
      for (int i = 0; i < m; i++) {
        cand[i] = first + (int) ((long) i * span / m);
      }
      double[][] feats = new double[m][];
      int ci = 0;
      RgbImage img;
      if (first > 0) {
        src.read(first - 1);
      }
      int idx = first;
      while (ci < m && (img = src.next()) != null) {
        if (idx == cand[ci]) {
          feats[ci++] = thumbnail(crop == null ? img : img.crop(crop[0], crop[1], crop[2], crop[3]), 30);
        }
        idx++;
      }
      if (ci < m) {
        throw new InputFormatException(video, "frame " + idx, "the video ends before frame " + cand[ci] + " that the container promises");
      }
      int[] chosen = kmeansRepresentatives(feats, n, seed);
      TreeSet<Integer> s = new TreeSet<>();
      for (int c : chosen) {
        s.add(cand[c]);
      }
      return new ArrayList<>(s);
    }
  }

  /**
   * Picks up to {@code n} diverse frames among {@code candidates} (k-means on small grey thumbnails,
   * as for labelling), e.g. among outlier frames. At most {@link #MAX_CANDIDATES} candidates, evenly
   * spaced, are looked at.
   */
  public static List<Integer> pickAmong(Path video, List<Integer> candidates, int n, int[] crop, long seed) throws IOException {
    List<Integer> sorted = new ArrayList<>(new TreeSet<>(candidates));
    if (sorted.size() <= n) {
      return sorted;
    }
    int m = Math.min(MAX_CANDIDATES, sorted.size());
    int[] cand = new int[m];
    for (int i = 0; i < m; i++) {
      cand[i] = sorted.get((int) ((long) i * sorted.size() / m));
    }
    double[][] feats = new double[m][];
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      for (int i = 0; i < m; i++) {
        RgbImage img = src.read(cand[i]);
        feats[i] = thumbnail(crop == null ? img : img.crop(crop[0], crop[1], crop[2], crop[3]), 30);
      }
    }
    TreeSet<Integer> s = new TreeSet<>();
    for (int c : kmeansRepresentatives(feats, n, seed)) {
      s.add(cand[c]);
    }
    return new ArrayList<>(s);
  }

  /** The file name {@link #extract} gives frame {@code frame} of a video of {@code frameCount} frames. */
  public static String imageName(int frame, int frameCount) {
    int digits = Math.max(1, (int) Math.ceil(Math.log10(Math.max(2, frameCount))));
    return "img" + String.format("%0" + digits + "d", frame) + ".png";
  }

  /** Writes the frames as PNGs into {@code folder} (existing files are kept). */
  public static Result extract(Path video, List<Integer> frames, Path folder, int[] crop) throws IOException {
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    try (VideoFrameSource src = new VideoFrameSource(video)) {
      for (int f : frames) {
        Path out = folder.resolve(imageName(f, src.frameCount()));
        if (Files.exists(out)) {
          skipped.add(out);
          continue;
        }
        RgbImage img = src.read(f);
        Images.writePng(crop == null ? img : img.crop(crop[0], crop[1], crop[2], crop[3]), out);
        written.add(out);
      }
    }
    return new Result(frames, written, skipped);
  }

  /** A grey thumbnail about {@code width} pixels wide (area averaging), values 0–1. */
  static double[] thumbnail(RgbImage img, int width) {
    int w = Math.min(width, img.width());
    int h = Math.max(1, (int) Math.round((double) img.height() * w / img.width()));
    double[] out = new double[w * h];
    int[] count = new int[w * h];
    byte[] px = img.data();
    for (int y = 0; y < img.height(); y++) {
      int ty = Math.min(h - 1, y * h / img.height());
      for (int x = 0; x < img.width(); x++) {
        int tx = Math.min(w - 1, x * w / img.width());
        int i = (y * img.width() + x) * 3;
        out[ty * w + tx] += (0.299 * (px[i] & 0xff) + 0.587 * (px[i + 1] & 0xff) + 0.114 * (px[i + 2] & 0xff)) / 255.0;
        count[ty * w + tx]++;
      }
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= Math.max(1, count[i]);
    }
    return out;
  }

  /**
   * Seeded k-means (k-means++ start, Lloyd iterations) and, for each cluster, the index of the
   * member nearest its centre. Returns at most {@code k} distinct indices.
   */
  static int[] kmeansRepresentatives(double[][] x, int k, long seed) {
    int n = x.length;
    k = Math.min(k, n);
    Random rng = new Random(seed);
    double[][] c = new double[k][];
    c[0] = x[rng.nextInt(n)].clone();
    double[] d2 = new double[n];
    Arrays.fill(d2, Double.MAX_VALUE);
    for (int j = 1; j < k; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        d2[i] = Math.min(d2[i], dist2(x[i], c[j - 1]));
        sum += d2[i];
      }
      double r = rng.nextDouble() * sum;
      int pick = n - 1;
      for (int i = 0; i < n; i++) {
        r -= d2[i];
        if (r <= 0) {
          pick = i;
          break;
        }
      }
      c[j] = x[pick].clone();
    }
    int[] assign = new int[n];
    for (int iter = 0; iter < 50; iter++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int j = 0; j < k; j++) {
          double d = dist2(x[i], c[j]);
          if (d < bd) {
            bd = d;
            best = j;
          }
        }
        if (assign[i] != best || iter == 0) {
          changed |= assign[i] != best;
          assign[i] = best;
        }
      }
      double[][] sum = new double[k][x[0].length];
      int[] cnt = new int[k];
      for (int i = 0; i < n; i++) {
        cnt[assign[i]]++;
        for (int d = 0; d < x[i].length; d++) {
          sum[assign[i]][d] += x[i][d];
        }
      }
      for (int j = 0; j < k; j++) {
        if (cnt[j] > 0) {
          for (int d = 0; d < sum[j].length; d++) {
            sum[j][d] /= cnt[j];
          }
          c[j] = sum[j];
        }
      }
      if (!changed && iter > 0) {
        break;
      }
    }
    TreeSet<Integer> reps = new TreeSet<>();
    for (int j = 0; j < k; j++) {
      int best = -1;
      double bd = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        if (assign[i] == j) {
          double d = dist2(x[i], c[j]);
          if (d < bd) {
            bd = d;
            best = i;
          }
        }
      }
      if (best >= 0) {
        reps.add(best);
      }
    }
    // empty clusters: fill with the points farthest from their centres, so that k frames come out
    while (reps.size() < k) {
      int far = -1;
      double fd = -1;
      for (int i = 0; i < n; i++) {
        if (!reps.contains(i)) {
          double d = dist2(x[i], c[assign[i]]);
          if (d > fd) {
            fd = d;
            far = i;
          }
        }
      }
      reps.add(far);
    }
    return reps.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double dist2(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}

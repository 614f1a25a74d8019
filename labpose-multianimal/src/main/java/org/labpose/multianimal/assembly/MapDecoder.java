package org.labpose.multianimal.assembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a bottom-up network's output maps into one frame's {@link FrameDetections}: per bodypart the
 * peaks of its shared score map (at least {@code minConfidence}), each moved by the location-refinement
 * offset at its cell; per graph edge the part-affinity of every pair of candidates (the mean, over 10
 * points evenly spaced on the segment between them, of the edge's field projected on the segment's
 * direction), and their distance.
 *
 * <p>Peaks are found in one of two ways. Grid suppression (DeepLabCut's): a cell is a peak when it is
 * the maximum of its score map within {@code nmsRadius} cells; two bodyparts closer than about two
 * cells (16 px of network input at stride 8, e.g. the snouts of two mice side by side) then give one
 * peak, and one of the animals loses that bodypart. Suppression between refined positions (with a
 * {@code separation}): every cell at least {@code minConfidence} is taken at its refined position
 * (cell centre plus its offset), strongest first, and kept unless that position lies within
 * {@code separation} px of a stronger kept one; the cells around one bodypart all point at it and
 * collapse into one detection, while cells between two near bodyparts point at their own and both
 * survive.
 *
 * <p>Output layout (channels first, one batch item of {@code channels x h x w}): bodypart logits
 * (K), refinement offsets (2K: x, y per bodypart, in units of {@code locrefStd} px), part-affinity
 * fields (2E: x, y per edge), and with an identity head one map per individual. Cell (i, j) has its centre at network-input pixel
 * (j * stride + stride / 2, i * stride + stride / 2); positions are returned in image px via
 * {@code x_image = (x_input + 0.5) / scaleX - 0.5}.
 */
public final class MapDecoder {
  /** Points sampled on a segment to integrate the part-affinity field. */
  public static final int SEGMENT_SAMPLES = 10;

  private final int bodyparts;
  private final List<AssemblyParams.Edge> edges;
  private final int stride;
  private final double locrefStd;
  private final int nmsRadius;
  private final double minConfidence;
  private final int identities;
  private final double separation;

  /**
   * @param bodyparts K: all bodyparts with a map (the animals' and the unique ones)
   * @param edges the graph whose fields the network outputs, in channel order
   * @param stride px of network input per map cell
   * @param locrefStd px per unit of refinement offset
   * @param nmsRadius cells: a peak must be the maximum within this Chebyshev radius
   * @param minConfidence peaks below this score (0..1) are ignored
   */
  public MapDecoder(int bodyparts, List<AssemblyParams.Edge> edges, int stride, double locrefStd, int nmsRadius,
      double minConfidence) {
    this(bodyparts, edges, stride, locrefStd, nmsRadius, minConfidence, 0);
  }

  /**
   * As above, for a network with an identity head: {@code identities} maps after the fields, one per
   * individual; each detection gets the individual whose map is highest at its cell.
   */
  public MapDecoder(int bodyparts, List<AssemblyParams.Edge> edges, int stride, double locrefStd, int nmsRadius,
      double minConfidence, int identities) {
    this(bodyparts, edges, stride, locrefStd, nmsRadius, minConfidence, identities, 0);
  }

  /**
   * As above, with suppression between refined positions when {@code separation} (px of network input)
   * is positive; 0 keeps grid suppression within {@code nmsRadius} cells.
   */
  public MapDecoder(int bodyparts, List<AssemblyParams.Edge> edges, int stride, double locrefStd, int nmsRadius,
      double minConfidence, int identities, double separation) {
    if (!(separation >= 0)) {
      throw new IllegalArgumentException("the peak separation must not be negative, got " + separation);
    }
    this.separation = separation;
    if (identities < 0) {
      throw new IllegalArgumentException("identities must not be negative, got " + identities);
    }
    this.identities = identities;
    if (bodyparts < 1 || stride < 1 || nmsRadius < 1 || !(locrefStd > 0)) {
      throw new IllegalArgumentException("bodyparts, stride and radius must be positive, locrefStd > 0");
    }
    this.bodyparts = bodyparts;
    this.edges = List.copyOf(edges);
    this.stride = stride;
    this.locrefStd = locrefStd;
    this.nmsRadius = nmsRadius;
    this.minConfidence = minConfidence;
  }

  /** Channels the network must output: 3K + 2E (+ the identity maps). */
  public int channels() {
    return 3 * bodyparts + 2 * edges.size() + identities;
  }

  /**
   * Decodes batch item {@code item} of {@code out} (shape B x channels x h x w, flattened).
   *
   * @param scaleX network-input px per image px in x (global scale, padding excluded)
   * @param scaleY the same in y
   */
  public FrameDetections decode(float[] out, int item, int h, int w, double scaleX, double scaleY) {
    int plane = h * w;
    int base = item * channels() * plane;
    List<List<Detection>> cands = new ArrayList<>();
    List<List<double[]>> inputXy = new ArrayList<>();
    for (int k = 0; k < bodyparts; k++) {
      int s = base + k * plane;
      List<Detection> ds = new ArrayList<>();
      List<double[]> ixy = new ArrayList<>();
      int loc = base + (bodyparts + 2 * k) * plane;
      for (int c : peaks(out, s, h, w, loc, plane)) {
        int i = c / w;
        int j = c % w;
        double p = 1 / (1 + Math.exp(-out[s + c]));
        double x = j * stride + stride / 2.0 + out[loc + c] * locrefStd;
        double y = i * stride + stride / 2.0 + out[loc + plane + c] * locrefStd;
        ixy.add(new double[] {x, y});
        int who = -1;
        if (identities > 0) {
          int i0 = base + (3 * bodyparts + 2 * edges.size()) * plane + i * w + j;
          float top = Float.NEGATIVE_INFINITY;
          for (int id = 0; id < identities; id++) {
            if (out[i0 + id * plane] > top) {
              top = out[i0 + id * plane];
              who = id;
            }
          }
        }
        ds.add(new Detection((x + 0.5) / scaleX - 0.5, (y + 0.5) / scaleY - 0.5, p, who));
      }
      cands.add(ds);
      inputXy.add(ixy);
    }
    Map<Integer, EdgeCosts> costs = new HashMap<>();
    for (int e = 0; e < edges.size(); e++) {
      List<double[]> a = inputXy.get(edges.get(e).from());
      List<double[]> b = inputXy.get(edges.get(e).to());
      if (a.isEmpty() || b.isEmpty()) {
        continue;
      }
      int px = base + (3 * bodyparts + 2 * e) * plane;
      int py = px + plane;
      double[][] aff = new double[a.size()][b.size()];
      double[][] len = new double[a.size()][b.size()];
      for (int i = 0; i < a.size(); i++) {
        for (int j = 0; j < b.size(); j++) {
          double[] p = a.get(i);
          double[] q = b.get(j);
          double dx = q[0] - p[0];
          double dy = q[1] - p[1];
          double l = Math.hypot(dx, dy);
          len[i][j] = Math.hypot(dx / scaleX, dy / scaleY);
          if (l < 1e-9) {
            aff[i][j] = 0;
            continue;
          }
          double ux = dx / l;
          double uy = dy / l;
          double sum = 0;
          for (int t = 0; t < SEGMENT_SAMPLES; t++) {
            double f = SEGMENT_SAMPLES == 1 ? 0.5 : t / (double) (SEGMENT_SAMPLES - 1);
            int cj = clamp((int) Math.floor((p[0] + f * dx) / stride), w);
            int ci = clamp((int) Math.floor((p[1] + f * dy) / stride), h);
            int c = ci * w + cj;
            sum += out[px + c] * ux + out[py + c] * uy;
          }
          aff[i][j] = sum / SEGMENT_SAMPLES;
        }
      }
      costs.put(e, new EdgeCosts(aff, len));
    }
    return new FrameDetections(cands, costs);
  }

  private static int clamp(int v, int n) {
    return Math.max(0, Math.min(n - 1, v));
  }

  /**
   * The peak cells (index {@code i * w + j}) of the score map at {@code s}: in raster order with grid
   * suppression; strongest first (ties in raster order) with suppression between refined positions,
   * the offsets of cell {@code c} being at {@code loc + c} (x) and {@code loc + plane + c} (y).
   */
  private int[] peaks(float[] out, int s, int h, int w, int loc, int plane) {
    int n = 0;
    int[] cells = new int[h * w];
    for (int c = 0; c < h * w; c++) {
      if (1 / (1 + Math.exp(-out[s + c])) >= minConfidence && (separation > 0 || isPeak(out, s, h, w, c / w, c % w))) {
        cells[n++] = c;
      }
    }
    if (separation == 0 || n == 0) {
      return Arrays.copyOf(cells, n);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = cells[i];
    }
    Arrays.sort(order, (a, b) -> Float.compare(out[s + b], out[s + a])); // stable: ties keep raster order
    int[] kept = new int[n];
    double[] kx = new double[n];
    double[] ky = new double[n];
    int m = 0;
    double sep2 = separation * separation;
    for (int c : order) {
      double x = (c % w) * stride + out[loc + c] * locrefStd;
      double y = (c / w) * stride + out[loc + plane + c] * locrefStd;
      boolean free = true;
      for (int q = 0; q < m && free; q++) {
        double dx = x - kx[q];
        double dy = y - ky[q];
        free = dx * dx + dy * dy >= sep2;
      }
      if (free) {
        kx[m] = x;
        ky[m] = y;
        kept[m++] = c;
      }
    }
    return Arrays.copyOf(kept, m);
  }

  /** True when cell (i, j) is the maximum of its neighbourhood (ties: the first in raster order wins). */
  private boolean isPeak(float[] out, int s, int h, int w, int i, int j) {
    float v = out[s + i * w + j];
    for (int di = -nmsRadius; di <= nmsRadius; di++) {
      int ii = i + di;
      if (ii < 0 || ii >= h) {
        continue;
      }
      for (int dj = -nmsRadius; dj <= nmsRadius; dj++) {
        int jj = j + dj;
        if (jj < 0 || jj >= w || (di == 0 && dj == 0)) {
          continue;
        }
        float u = out[s + ii * w + jj];
        boolean before = di < 0 || (di == 0 && dj < 0);
        if (u > v || (u == v && before)) {
          return false;
        }
      }
    }
    return true;
  }
}

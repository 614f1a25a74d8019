package org.labpose.multianimal.assembly;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a bottom-up network's output maps into one frame's {@link FrameDetections}: per bodypart the
 * local maxima of its shared score map (non-maximum suppression within {@code nmsRadius} cells, at least
 * {@code minConfidence}), each moved by the location-refinement offset at its cell; per graph edge the
 * part-affinity of every pair of candidates (the mean, over 10 points evenly spaced on the segment
 * between them, of the edge's field projected on the segment's direction), and their distance.
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
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          float v = out[s + i * w + j];
          double p = 1 / (1 + Math.exp(-v));
          if (p < minConfidence || !isPeak(out, s, h, w, i, j)) {
            continue;
          }
          int lx = base + (bodyparts + 2 * k) * plane + i * w + j;
          double x = j * stride + stride / 2.0 + out[lx] * locrefStd;
          double y = i * stride + stride / 2.0 + out[lx + plane] * locrefStd;
          ixy.add(new double[] {x, y});
          int who = -1;
          if (identities > 0) {
            int i0 = base + (3 * bodyparts + 2 * edges.size()) * plane + i * w + j;
            float top = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < identities; c++) {
              if (out[i0 + c * plane] > top) {
                top = out[i0 + c * plane];
                who = c;
              }
            }
          }
          ds.add(new Detection((x + 0.5) / scaleX - 0.5, (y + 0.5) / scaleY - 0.5, p, who));
        }
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

package org.labpose.web;

import java.util.List;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/** Per-individual access to a multi-animal pose table, for the track view's JSON. */
final class PoseTableView {
  private final PoseTable t;

  PoseTableView(PoseTable t) {
    this.t = t;
  }

  List<String> individuals() {
    return t.layout().individuals();
  }

  List<String> bodyparts() {
    return t.layout().bodyparts();
  }

  /** x, y (px), likelihood per bodypart of an individual in a frame; NaN when absent. */
  double[][] points(int frame, String individual) {
    List<String> parts = bodyparts();
    double[][] out = new double[parts.size()][];
    for (int b = 0; b < parts.size(); b++) {
      KeypointId k = new KeypointId(individual, parts.get(b));
      out[b] = new double[] {t.x(frame, k), t.y(frame, k), t.likelihood(frame, k)};
    }
    return out;
  }

  /** Per frame the mean likelihood of the individual's found bodyparts (NaN when none). */
  double[] meanLikelihood(String individual) {
    double[] out = new double[t.frameCount()];
    for (int f = 0; f < out.length; f++) {
      double s = 0;
      int n = 0;
      for (double[] p : points(f, individual)) {
        if (!Double.isNaN(p[0])) {
          s += Double.isNaN(p[2]) ? 1 : p[2];
          n++;
        }
      }
      out[f] = n == 0 ? Double.NaN : s / n;
    }
    return out;
  }
}

package org.labpose.analysis.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryTest {
  @Test
  void hullOfASquareWithInteriorPoints() {
    double[] x = {0, 4, 2, 4, 0, 1, 3};
    double[] y = {0, 0, 2, 3, 3, 1, 2};
    assertEquals(12, Geometry.convexHullArea(x, y, 7), 1e-12);
    assertEquals(0, Geometry.convexHullArea(x, y, 2), 1e-12);
  }

  /** Naive reference: the hull area is the largest area of a polygon through the hull vertices;
   * a point is a hull vertex iff it is outside the triangles of the other points. */
  @Test
  void hullMatchesANaiveReference() {
    Random r = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int k = 3 + r.nextInt(6);
      double[] x = new double[k];
      double[] y = new double[k];
      for (int i = 0; i < k; i++) {
        x[i] = r.nextDouble() * 10;
        y[i] = r.nextDouble() * 10;
      }
      // naive: keep points not inside any triangle of three others, sort by angle around their mean
      java.util.List<double[]> hull = new java.util.ArrayList<>();
      for (int p = 0; p < k; p++) {
        boolean inside = false;
        for (int a = 0; a < k && !inside; a++) {
          for (int b = a + 1; b < k && !inside; b++) {
            for (int c = b + 1; c < k && !inside; c++) {
              if (p != a && p != b && p != c
                  && Geometry.inPolygon(new double[] {x[a], x[b], x[c]}, new double[] {y[a], y[b], y[c]}, x[p], y[p])) {
                inside = true;
              }
            }
          }
        }
        if (!inside) {
          hull.add(new double[] {x[p], y[p]});
        }
      }
      double mx = hull.stream().mapToDouble(p -> p[0]).average().orElseThrow();
      double my = hull.stream().mapToDouble(p -> p[1]).average().orElseThrow();
      hull.sort(java.util.Comparator.comparingDouble(p -> Math.atan2(p[1] - my, p[0] - mx)));
      double[] hx = hull.stream().mapToDouble(p -> p[0]).toArray();
      double[] hy = hull.stream().mapToDouble(p -> p[1]).toArray();
      assertEquals(Geometry.polygonArea(hx, hy), Geometry.convexHullArea(x, y, k), 1e-9, "trial " + trial);
    }
  }

  @Test
  void pointInPolygon() {
    double[] x = {0, 10, 10, 5, 0};
    double[] y = {0, 0, 10, 5, 10};
    assertTrue(Geometry.inPolygon(x, y, 2, 2));
    assertFalse(Geometry.inPolygon(x, y, 5, 8)); // in the notch
    assertFalse(Geometry.inPolygon(x, y, -1, 5));
    assertFalse(Geometry.inPolygon(x, y, Double.NaN, 5));
  }
}

package org.labpose.analysis.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.OneWayAnova;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Compares one metric across treatment groups: per group n, mean and SD (n − 1); each group against
 * the reference group (the first): Welch's two-sided t-test, the Mann–Whitney U test (two-sided,
 * normal approximation with tie correction, as Commons Math computes it; for very small groups
 * the t-test or an exact test is preferable), and Hedges' g (Cohen's d with the pooled SD, corrected
 * for small samples); with three or more groups, one-way ANOVA over all groups.
 */
public final class GroupComparison {
  private GroupComparison() {}

  /** One group's row. Comparisons are NaN for the reference group and where undefined. */
  public record Row(String metric, String group, int n, double mean, double sd, String reference, double difference,
      double welchT, double welchP, double mannWhitneyU, double mannWhitneyP, double hedgesG, double anovaP) {}

  /**
   * Rows for one metric.
   *
   * @param values group → values (NaN left out), groups in order; the first is the reference
   */
  public static List<Row> compare(String metric, Map<String, double[]> values) {
    Map<String, double[]> clean = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      clean.put(e.getKey(), Arrays.stream(e.getValue()).filter(v -> !Double.isNaN(v)).toArray());
    }
    List<String> groups = new ArrayList<>(clean.keySet());
    double anovaP = Double.NaN;
    if (groups.size() >= 3 && clean.values().stream().allMatch(v -> v.length >= 2)) {
      anovaP = new OneWayAnova().anovaPValue(new ArrayList<>(clean.values()));
    }
    List<Row> rows = new ArrayList<>();
    double[] ref = groups.isEmpty() ? new double[0] : clean.get(groups.get(0));
    for (int g = 0; g < groups.size(); g++) {
      double[] v = clean.get(groups.get(g));
      double mean = mean(v);
      double sd = sd(v);
      if (g == 0) {
        rows.add(new Row(metric, groups.get(g), v.length, mean, sd, "", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, anovaP));
        continue;
      }
      double t = Double.NaN, p = Double.NaN, u = Double.NaN, up = Double.NaN, hg = Double.NaN;
      if (v.length >= 2 && ref.length >= 2 && (sd > 0 || sd(ref) > 0)) {
        t = new TTest().t(v, ref);
        p = new TTest().tTest(v, ref);
        hg = hedgesG(v, ref);
      }
      if (v.length >= 1 && ref.length >= 1) {
        MannWhitneyUTest mw = new MannWhitneyUTest();
        u = mw.mannWhitneyU(v, ref);
        up = mw.mannWhitneyUTest(v, ref);
      }
      rows.add(new Row(metric, groups.get(g), v.length, mean, sd, groups.get(0), mean - mean(ref), t, p, u, up, hg, anovaP));
    }
    return rows;
  }

  /** Hedges' g of a against b: (mean a − mean b) / pooled SD × (1 − 3 / (4 (na + nb) − 9)). */
  public static double hedgesG(double[] a, double[] b) {
    int na = a.length;
    int nb = b.length;
    double pooled = Math.sqrt(((na - 1) * sq(sd(a)) + (nb - 1) * sq(sd(b))) / (na + nb - 2));
    double d = (mean(a) - mean(b)) / pooled;
    return d * (1 - 3.0 / (4.0 * (na + nb) - 9));
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static double sd(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += sq(x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  private static double sq(double x) {
    return x * x;
  }
}

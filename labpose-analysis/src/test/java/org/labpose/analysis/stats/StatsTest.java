package org.labpose.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every statistic against published or reference values (to 1e-6). References come from
 * {@code stats_reference.py} in the test resources: exact rational arithmetic for the ICCs and SciPy
 * 1.17 for the tests.
 */
class StatsTest {
  /** Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges. */
  private static final double[][] SHROUT_FLEISS = {
    {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};

  @Test
  void iccMatchesShroutAndFleiss() {
    Icc icc = Icc.of(SHROUT_FLEISS);
    // exact values from the ANOVA mean squares (BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02)
    assertEquals(0.1657417684054754, icc.icc11(), 1e-6);
    assertEquals(0.28976377952755905, icc.icc21(), 1e-6);
    assertEquals(0.7148407148407149, icc.icc31(), 1e-6);
    assertEquals(0.4427971336792686, icc.icc1k(), 1e-6);
    assertEquals(0.620050547598989, icc.icc2k(), 1e-6);
    assertEquals(0.9093155423770695, icc.icc3k(), 1e-6);
    // the values printed in the paper (two decimals)
    assertEquals(0.17, icc.icc11(), 0.005);
    assertEquals(0.29, icc.icc21(), 0.005);
    assertEquals(0.71, icc.icc31(), 0.005);
    assertEquals(0.44, icc.icc1k(), 0.005);
    assertEquals(0.62, icc.icc2k(), 0.005);
    assertEquals(0.91, icc.icc3k(), 0.005);
  }

  @Test
  void cohensKappaOfTheTextbookExample() {
    // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15 -> kappa 0.4
    boolean[] a = new boolean[50];
    boolean[] b = new boolean[50];
    for (int i = 0; i < 50; i++) {
      a[i] = i < 25;
      b[i] = i < 20 || (i >= 25 && i < 35);
    }
    BinaryAgreement k = BinaryAgreement.of(a, b);
    assertEquals(0.4, k.kappa(), 1e-12);
    assertEquals(20.0 / 25, k.sensitivity(), 1e-12);
    assertEquals(15.0 / 25, k.specificity(), 1e-12);
    assertEquals(20.0 / 30, k.precision(), 1e-12);
    assertEquals(40.0 / 55, k.f1(), 1e-12);
    assertEquals(0.7, k.accuracy(), 1e-12);
  }

  @Test
  void blandAltmanAndPairedT() {
    double[] p1 = {101.2, 98.4, 100.0, 97.5, 103.3, 99.1};
    double[] p2 = {102.0, 99.9, 100.4, 98.8, 104.1, 99.0};
    BlandAltman ba = BlandAltman.of(p1, p2);
    assertEquals(0.7833333333333338, ba.bias(), 1e-9);
    assertEquals(0.584522597225003, ba.sd(), 1e-9);
    assertEquals(0.7833333333333338 - 1.96 * 0.584522597225003, ba.lower(), 1e-9);
    assertEquals(0.7833333333333338 + 1.96 * 0.584522597225003, ba.upper(), 1e-9);
    assertEquals(0.02189103357538132, ba.pairedTP(), 1e-6);
  }

  @Test
  void groupComparisonMatchesScipy() {
    double[] vehicle = {12.1, 14.3, 11.8, 15.2, 13.9, 12.7, 16.1, 14.8};
    double[] drug = {10.2, 11.9, 12.5, 10.8, 11.1, 9.7, 12.0};
    double[] high = {13.0, 15.5, 14.1, 16.7, 15.9};
    Map<String, double[]> g = new LinkedHashMap<>();
    g.put("vehicle", vehicle);
    g.put("drug", drug);
    g.put("high", high);
    List<GroupComparison.Row> rows = GroupComparison.compare("distance_cm", g);
    GroupComparison.Row d = rows.get(1);
    assertEquals("drug", d.group());
    assertEquals("vehicle", d.reference());
    assertEquals(-4.036425340484743, d.welchT(), 1e-6);
    assertEquals(0.0015972260498098487, d.welchP(), 1e-6);
    assertEquals(0.005478553242547366, d.mannWhitneyP(), 1e-6);
    assertEquals(8 * 7 - 4.0, d.mannWhitneyU(), 1e-9); // Commons Math reports max(U1, U2); SciPy U1 = 4
    assertEquals(-1.9119495238012036, d.hedgesG(), 1e-6);
    assertEquals(0.0003388485150908765, d.anovaP(), 1e-6);
    assertTrue(Double.isNaN(rows.get(0).welchP()));
    assertEquals(8, rows.get(0).n());
  }

  @Test
  void keypointAgreement() {
    double n = Double.NaN;
    double[] ax = {10, 20, 30, 40, n};
    double[] ay = {10, 20, 30, 40, 50};
    double[] bx = {13, 20, 30, n, 7};
    double[] by = {14, 21, 30, 40, 7};
    KeypointAgreement k = KeypointAgreement.of(ax, ay, bx, by, 2, 5);
    assertEquals(4, k.frames());
    assertEquals(3, k.paired());
    assertEquals((5 + 1 + 0) / 3.0, k.meanError(), 1e-12);
    assertEquals(Math.sqrt((25 + 1 + 0) / 3.0), k.rmse(), 1e-12);
    assertEquals(2 / 3.0, k.pck(), 1e-12);
    assertEquals(3 / 4.0, k.trackingRate(), 1e-12);
  }
}

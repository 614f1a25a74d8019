package org.labpose.analysis.stats;

/**
 * Agreement of a per-frame yes/no annotation (a behaviour) with a reference: counts, Cohen's kappa,
 * sensitivity (recall), specificity, precision and F1. Undefined ratios (0/0) are NaN.
 */
public record BinaryAgreement(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

  /** Compares {@code predicted} with {@code reference}, frame by frame. */
  public static BinaryAgreement of(boolean[] reference, boolean[] predicted) {
    if (reference.length != predicted.length) {
      throw new IllegalArgumentException("annotations differ in length: " + reference.length + " vs " + predicted.length + " frames");
    }
    int tp = 0, fp = 0, tn = 0, fn = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i]) {
        if (predicted[i]) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted[i]) {
        fp++;
      } else {
        tn++;
      }
    }
    return new BinaryAgreement(tp, fp, tn, fn);
  }

  public int total() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  /** Sensitivity (recall): TP / (TP + FN). */
  public double sensitivity() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** Specificity: TN / (TN + FP). */
  public double specificity() {
    return ratio(trueNegatives, trueNegatives + falsePositives);
  }

  /** Precision: TP / (TP + FP). */
  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** F1: 2 TP / (2 TP + FP + FN). */
  public double f1() {
    return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
  }

  /** Fraction of frames that agree. */
  public double accuracy() {
    return ratio(truePositives + trueNegatives, total());
  }

  /** Cohen's kappa: (p_o − p_e) / (1 − p_e). */
  public double kappa() {
    double n = total();
    double po = (truePositives + trueNegatives) / n;
    double pe = ((truePositives + falseNegatives) / n) * ((truePositives + falsePositives) / n)
        + ((trueNegatives + falsePositives) / n) * ((trueNegatives + falseNegatives) / n);
    return pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}

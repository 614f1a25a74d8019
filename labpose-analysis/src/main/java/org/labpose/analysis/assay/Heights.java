package org.labpose.analysis.assay;

import org.labpose.core.io.HeightCsv;

/**
 * Heights above the floor that a 3D recording gives a top view ({@link HeightCsv}), and how rearing is
 * read from them: rearing while {@code rearingPart} is above {@code rearingHeight} (the table's unit, e.g.
 * mm) for at least {@link Assay#REARING_MIN_S}. With heights the assay measures rearing, not the top-view
 * proxy.
 */
public record Heights(HeightCsv.Table table, String rearingPart, double rearingHeight) {
  public Heights {
    if (!(rearingHeight > 0)) {
      throw new IllegalArgumentException("the rearing height must be positive, got " + rearingHeight);
    }
  }
}

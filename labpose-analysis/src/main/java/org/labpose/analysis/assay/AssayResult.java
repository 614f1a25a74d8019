package org.labpose.analysis.assay;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.labpose.analysis.kinematics.AnimalKinematics;
import org.labpose.analysis.zones.ZoneSet;

/**
 * What {@link Assay#run} finds in one video: per-frame columns, the per-video summary, the
 * behaviour states over time (for an ethogram) and each animal's kinematics.
 *
 * @param frameColumns per-frame columns in output order (name → one value per frame; NaN = none;
 *     0/1 for states)
 * @param summary per-video metrics in output order (name → value; NaN = not defined, e.g. the
 *     latency to a zone never entered)
 * @param states behaviour and zone states per frame, for ethograms (name → one flag per frame)
 * @param animals each animal's kinematics, in the table's order of individuals
 * @param zones the zones used
 * @param fps frames per second
 * @param warnings what the numbers do not cover (an animal never tracked above the p-cutoff, ...)
 */
public record AssayResult(
    Map<String, double[]> frameColumns, Map<String, Double> summary, Map<String, boolean[]> states,
    List<AnimalKinematics> animals, ZoneSet zones, double fps, List<String> warnings) {

  public AssayResult {
    frameColumns = Collections.unmodifiableMap(frameColumns);
    summary = Collections.unmodifiableMap(summary);
    states = Collections.unmodifiableMap(states);
    animals = List.copyOf(animals);
    warnings = List.copyOf(warnings);
  }

  /** Number of frames. */
  public int frameCount() {
    return animals.get(0).frameCount();
  }
}

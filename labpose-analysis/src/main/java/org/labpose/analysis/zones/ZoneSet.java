package org.labpose.analysis.zones;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.analysis.kinematics.Calibration;

/**
 * The zones of an arena, all in image pixels, with the calibration that the zones file gives (px per
 * cm, or the arena's corners and real size) and the arena outline when the file names one. Zone
 * names are unique. Immutable.
 */
public final class ZoneSet {
  private final Calibration calibration;
  private final Zone arena;
  private final List<Zone> zones;
  private final Map<String, String> origins;
  private final List<Sociability> sociability;

  /**
   * A three-chamber test's zones: where the stranger (social stimulus) is and where the empty cup is.
   *
   * @param name the three-chamber zone's name in the file
   * @param socialCup zone around the cup with the stranger
   * @param emptyCup zone around the empty cup
   * @param socialChamber the stranger's side chamber
   * @param emptyChamber the empty cup's side chamber
   */
  public record Sociability(String name, String socialCup, String emptyCup, String socialChamber, String emptyChamber) {}

  /**
   * @param calibration px → world mapping ({@link Calibration#pixels()} when uncalibrated)
   * @param arena the arena outline in pixels, or null
   * @param zones the zones, unique names
   * @param origins where each zone was defined (e.g. "line 7"), for messages; may be empty
   */
  public ZoneSet(Calibration calibration, Zone arena, List<Zone> zones, Map<String, String> origins) {
    this(calibration, arena, zones, origins, List.of());
  }

  /** As above, with three-chamber tests whose social side is known. */
  public ZoneSet(Calibration calibration, Zone arena, List<Zone> zones, Map<String, String> origins, List<Sociability> sociability) {
    this.sociability = List.copyOf(sociability);
    this.calibration = calibration;
    this.arena = arena;
    this.zones = List.copyOf(zones);
    this.origins = Map.copyOf(origins);
    Map<String, Zone> seen = new LinkedHashMap<>();
    for (Zone z : this.zones) {
      if (seen.put(z.name(), z) != null) {
        throw new IllegalArgumentException("two zones are named '" + z.name() + "'");
      }
    }
  }

  /** The three-chamber tests whose file says which side holds the stranger. */
  public List<Sociability> sociability() {
    return sociability;
  }

  public Calibration calibration() {
    return calibration;
  }

  /** The arena outline, or null when the file defines none. */
  public Zone arena() {
    return arena;
  }

  public List<Zone> zones() {
    return zones;
  }

  /** The zone named {@code name}, or null. */
  public Zone zone(String name) {
    for (Zone z : zones) {
      if (z.name().equals(name)) {
        return z;
      }
    }
    return null;
  }

  /**
   * Problems of zones that reach outside a {@code width} × {@code height} frame (pixels, one pixel of
   * tolerance), one message per zone naming it and where it was defined; empty when all fit.
   */
  public List<String> outsideFrame(int width, int height) {
    List<String> problems = new ArrayList<>();
    List<Zone> all = new ArrayList<>(zones);
    if (arena != null) {
      all.add(0, arena);
    }
    for (Zone z : all) {
      double[] b = z.bounds();
      if (b[0] < -1 || b[1] < -1 || b[2] > width + 1 || b[3] > height + 1) {
        String at = origins.containsKey(z.name()) ? " (" + origins.get(z.name()) + ")" : "";
        problems.add(String.format(Locale.ROOT, "zone '%s'%s spans x %.0f..%.0f, y %.0f..%.0f px, outside the %d×%d frame",
            z.name(), at, b[0], b[2], b[1], b[3], width, height));
      }
    }
    return problems;
  }
}

package org.labpose.analysis.zones;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.labpose.analysis.kinematics.Calibration;
import org.labpose.core.io.InputFormatException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a zones file (YAML). Pixel coordinates have their origin at the image's top-left corner, x
 * right, y down.
 *
 * <pre>
 * px_per_cm: 10              # optional: a top-down camera's scale
 * arena:                     # optional: either corners + real size (a homography, any camera tilt)
 *   corners: [[52, 31], [590, 40], [600, 455], [45, 450]]   # top-left, top-right, bottom-right, bottom-left
 *   width_cm: 45
 *   height_cm: 45
 * # arena: {x: 50, y: 30, width: 540, height: 420}         # or an upright rectangle in px (with px_per_cm)
 * zones:
 *   - {name: center, shape: rectangle, x: 200, y: 150, width: 240, height: 180}
 *   - {name: cup, shape: circle, cx: 100, cy: 100, radius: 30}
 *   - {name: arm, shape: polygon, points: [[0, 0], [60, 0], [60, 40]]}
 *   - {name: center, shape: open_field_center, margin_cm: 10}        # generated from the arena
 *   - {name: periphery, shape: open_field_periphery, margin_cm: 10}
 *   - {name: epm, shape: plus_maze, arm_width_cm: 5, open_arms: horizontal}
 *       # gives epm_open_arms, epm_closed_arms, epm_center (the arena spans the arm tips)
 *   - {name: chamber, shape: three_chamber, cup_radius_cm: 4, interaction_cm: 2, social: left}
 *       # gives chamber_left, chamber_middle, chamber_right, chamber_cup_left, chamber_cup_right;
 *       # social (optional: left or right) names the stranger's side for the sociability index
 * </pre>
 *
 * Generated zones are placed in the arena's real coordinates (cm from its top-left corner) and
 * converted to pixel polygons, so they follow a tilted camera's perspective.
 */
public final class ZoneFile {
  private ZoneFile() {}

  /** Reads and validates {@code file}; every problem names the file and line. */
  public static ZoneSet read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputFormatException(file, null, "no such zones file");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InputFormatException(file, null, "not UTF-8 text; expected a zones file (YAML)");
    }
    return parse(text, file);
  }

  /** Parses zones YAML; {@code file} names the source in messages. */
  public static ZoneSet parse(String text, Path file) throws InputFormatException {
    Node root;
    try {
      LoaderOptions lo = new LoaderOptions();
      root = new Yaml(new SafeConstructor(lo)).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InputFormatException(file, "line " + line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new InputFormatException(file, null, "not valid YAML: " + e.getMessage());
    }
    if (!(root instanceof MappingNode)) {
      throw new InputFormatException(file, null, "expected a mapping with a 'zones' list (and optionally px_per_cm and arena)");
    }
    return new Reader(file).read((MappingNode) root);
  }

  private static final class Reader {
    private final Path file;
    private final List<ZoneSet.Sociability> sociability = new ArrayList<>();

    Reader(Path file) {
      this.file = file;
    }

    private InputFormatException error(Node n, String problem) {
      return new InputFormatException(file, "line " + (n.getStartMark().getLine() + 1), problem);
    }

    private Map<String, Node> map(Node n, String what) throws InputFormatException {
      if (!(n instanceof MappingNode m)) {
        throw error(n, what + " must be a mapping {key: value, ...}");
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw error(t.getKeyNode(), what + ": keys must be words");
        }
        out.put(key.getValue(), t.getValueNode());
      }
      return out;
    }

    private double num(Map<String, Node> m, String key, Node owner, String what) throws InputFormatException {
      Node n = m.get(key);
      if (n == null) {
        throw error(owner, what + " needs '" + key + "'");
      }
      if (n instanceof ScalarNode s) {
        try {
          double v = Double.parseDouble(s.getValue());
          if (Double.isFinite(v)) {
            return v;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw error(n, what + ": '" + key + "' must be a number");
    }

    private double num(Map<String, Node> m, String key, double dflt, Node owner, String what) throws InputFormatException {
      return m.containsKey(key) ? num(m, key, owner, what) : dflt;
    }

    private String str(Map<String, Node> m, String key, Node owner, String what) throws InputFormatException {
      Node n = m.get(key);
      if (n == null) {
        throw error(owner, what + " needs '" + key + "'");
      }
      if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
        throw error(n, what + ": '" + key + "' must be a word");
      }
      return s.getValue().trim();
    }

    private double[][] points(Node n, String what) throws InputFormatException {
      if (!(n instanceof SequenceNode seq)) {
        throw error(n, what + " must be a list of [x, y] points");
      }
      double[][] pts = new double[seq.getValue().size()][];
      for (int i = 0; i < pts.length; i++) {
        Node p = seq.getValue().get(i);
        if (!(p instanceof SequenceNode ps) || ps.getValue().size() != 2) {
          throw error(p, what + ": point " + (i + 1) + " must be [x, y]");
        }
        pts[i] = new double[2];
        for (int c = 0; c < 2; c++) {
          Node v = ps.getValue().get(c);
          try {
            pts[i][c] = Double.parseDouble(((ScalarNode) v).getValue());
          } catch (NumberFormatException | ClassCastException e) {
            throw error(v, what + ": point " + (i + 1) + " must hold two numbers");
          }
        }
      }
      return pts;
    }

    ZoneSet read(MappingNode rootNode) throws InputFormatException {
      Map<String, Node> root = map(rootNode, "the zones file");
      for (NodeTuple t : rootNode.getValue()) {
        String k = ((ScalarNode) t.getKeyNode()).getValue();
        if (!List.of("px_per_cm", "arena", "zones").contains(k)) {
          throw error(t.getKeyNode(), "unknown key '" + k + "'; expected px_per_cm, arena, zones");
        }
      }
      Double pxPerCm = root.containsKey("px_per_cm") ? num(root, "px_per_cm", rootNode, "px_per_cm") : null;
      if (pxPerCm != null && !(pxPerCm > 0)) {
        throw error(root.get("px_per_cm"), "px_per_cm must be positive, got " + pxPerCm);
      }
      Calibration cal = pxPerCm != null ? Calibration.scale(pxPerCm) : Calibration.pixels();
      Zone arena = null;
      // world (cm from the arena's top-left corner) -> image px, when the arena's real size is known
      BiFunction<Double, Double, double[]> worldToPx = null;
      double arenaW = Double.NaN;
      double arenaH = Double.NaN;
      if (root.containsKey("arena")) {
        Node an = root.get("arena");
        Map<String, Node> a = map(an, "arena");
        if (a.containsKey("corners")) {
          if (pxPerCm != null) {
            throw error(an, "give px_per_cm or the arena's corners with width_cm and height_cm, not both");
          }
          double[][] corners = points(a.get("corners"), "arena corners");
          if (corners.length != 4) {
            throw error(a.get("corners"), "arena corners: expected 4 points (top-left, top-right, bottom-right, bottom-left), got " + corners.length);
          }
          arenaW = num(a, "width_cm", an, "arena");
          arenaH = num(a, "height_cm", an, "arena");
          try {
            cal = Calibration.arena(corners, arenaW, arenaH);
            arena = new Zone.Polygon("arena", column(corners, 0), column(corners, 1));
          } catch (IllegalArgumentException e) {
            throw error(an, e.getMessage());
          }
          Calibration c = cal;
          worldToPx = (wx, wy) -> c.toImage(wx, wy);
        } else {
          double x = num(a, "x", an, "arena");
          double y = num(a, "y", an, "arena");
          double w = num(a, "width", an, "arena");
          double h = num(a, "height", an, "arena");
          try {
            arena = new Zone.Rectangle("arena", x, y, w, h);
          } catch (IllegalArgumentException e) {
            throw error(an, e.getMessage());
          }
          if (pxPerCm != null) {
            double s = pxPerCm;
            arenaW = w / s;
            arenaH = h / s;
            worldToPx = (wx, wy) -> new double[] {x + wx * s, y + wy * s};
          }
        }
      }
      List<Zone> zones = new ArrayList<>();
      Map<String, String> origins = new LinkedHashMap<>();
      Node zn = root.get("zones");
      if (zn == null) {
        throw error(rootNode, "the zones file needs a 'zones' list");
      }
      if (!(zn instanceof SequenceNode zs)) {
        throw error(zn, "'zones' must be a list of zones");
      }
      for (Node n : zs.getValue()) {
        Map<String, Node> z = map(n, "a zone");
        String name = str(z, "name", n, "a zone");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
          throw error(z.get("name"), "zone name '" + name + "' may hold only letters, digits, _ . -");
        }
        String shape = str(z, "shape", n, "zone '" + name + "'").toLowerCase(Locale.ROOT);
        String what = "zone '" + name + "'";
        String at = "line " + (n.getStartMark().getLine() + 1);
        List<Zone> made = new ArrayList<>();
        try {
          switch (shape) {
            case "rectangle", "rect" -> made.add(new Zone.Rectangle(name, num(z, "x", n, what), num(z, "y", n, what),
                num(z, "width", n, what), num(z, "height", n, what)));
            case "circle" -> made.add(new Zone.Circle(name, num(z, "cx", n, what), num(z, "cy", n, what), num(z, "radius", n, what)));
            case "polygon" -> {
              if (!z.containsKey("points")) {
                throw error(n, what + " needs 'points'");
              }
              double[][] pts = points(z.get("points"), what);
              made.add(new Zone.Polygon(name, column(pts, 0), column(pts, 1)));
            }
            case "open_field_center", "open_field_periphery", "plus_maze", "three_chamber" -> {
              if (worldToPx == null) {
                throw error(n, what + ": a " + shape + " zone is placed in the arena's real size: give arena corners with width_cm and height_cm, or an arena rectangle and px_per_cm");
              }
              made.addAll(generated(shape, name, z, n, what, worldToPx, arenaW, arenaH));
            }
            default -> throw error(z.get("shape"), what + ": unknown shape '" + shape
                + "'; expected rectangle, circle, polygon, open_field_center, open_field_periphery, plus_maze, three_chamber");
          }
        } catch (IllegalArgumentException e) {
          throw error(n, e.getMessage());
        }
        for (Zone m : made) {
          if (origins.containsKey(m.name())) {
            throw error(n, "zone name '" + m.name() + "' is used twice (first at " + origins.get(m.name()) + ")");
          }
          origins.put(m.name(), at);
          zones.add(m);
        }
      }
      if (zones.isEmpty()) {
        throw error(zn, "'zones' is empty");
      }
      return new ZoneSet(cal, arena, zones, origins, sociability);
    }

    private List<Zone> generated(String shape, String name, Map<String, Node> z, Node n, String what,
        BiFunction<Double, Double, double[]> w2p, double aw, double ah) throws InputFormatException {
      List<Zone> out = new ArrayList<>();
      switch (shape) {
        case "open_field_center", "open_field_periphery" -> {
          double m = num(z, "margin_cm", n, what);
          if (!(m > 0) || 2 * m >= Math.min(aw, ah)) {
            throw error(n, String.format(Locale.ROOT, "%s: margin_cm must be positive and under half the arena's %.1f × %.1f cm", what, aw, ah));
          }
          Zone center = quad(name, w2p, m, m, aw - m, ah - m);
          out.add(shape.equals("open_field_center") ? center : new Zone.Difference(name, quad(name + "_arena", w2p, 0, 0, aw, ah), center));
        }
        case "plus_maze" -> {
          double a = num(z, "arm_width_cm", n, what);
          String open = z.containsKey("open_arms") ? str(z, "open_arms", n, what).toLowerCase(Locale.ROOT) : "horizontal";
          if (!open.equals("horizontal") && !open.equals("vertical")) {
            throw error(z.get("open_arms"), what + ": open_arms must be horizontal or vertical, got '" + open + "'");
          }
          if (!(a > 0) || a >= Math.min(aw, ah)) {
            throw error(n, what + ": arm_width_cm must be positive and under the arena's size");
          }
          double cx0 = (aw - a) / 2, cx1 = (aw + a) / 2, cy0 = (ah - a) / 2, cy1 = (ah + a) / 2;
          Zone left = quad(name + "_arm_left", w2p, 0, cy0, cx0, cy1);
          Zone right = quad(name + "_arm_right", w2p, cx1, cy0, aw, cy1);
          Zone top = quad(name + "_arm_top", w2p, cx0, 0, cx1, cy0);
          Zone bottom = quad(name + "_arm_bottom", w2p, cx0, cy1, cx1, ah);
          boolean h = open.equals("horizontal");
          out.add(new Zone.Union(name + "_open_arms", h ? List.of(left, right) : List.of(top, bottom)));
          out.add(new Zone.Union(name + "_closed_arms", h ? List.of(top, bottom) : List.of(left, right)));
          out.add(quad(name + "_center", w2p, cx0, cy0, cx1, cy1));
        }
        default -> { // three_chamber
          double r = num(z, "cup_radius_cm", 4, n, what) + num(z, "interaction_cm", 2, n, what);
          double third = aw / 3;
          out.add(quad(name + "_left", w2p, 0, 0, third, ah));
          out.add(quad(name + "_middle", w2p, third, 0, 2 * third, ah));
          out.add(quad(name + "_right", w2p, 2 * third, 0, aw, ah));
          double[][] cups = z.containsKey("cups_cm") ? points(z.get("cups_cm"), what + " cups_cm")
              : new double[][] {{third / 2, ah / 2}, {aw - third / 2, ah / 2}};
          if (cups.length != 2) {
            throw error(z.get("cups_cm"), what + ": cups_cm must hold 2 points (left cup, right cup) in cm from the arena's top-left corner");
          }
          out.add(circle(name + "_cup_left", w2p, cups[0][0], cups[0][1], r));
          out.add(circle(name + "_cup_right", w2p, cups[1][0], cups[1][1], r));
          if (z.containsKey("social")) {
            String side = str(z, "social", n, what).toLowerCase(Locale.ROOT);
            if (!side.equals("left") && !side.equals("right")) {
              throw error(z.get("social"), what + ": social must be left or right (the stranger's side), got '" + side + "'");
            }
            String other = side.equals("left") ? "right" : "left";
            sociability.add(new ZoneSet.Sociability(name, name + "_cup_" + side, name + "_cup_" + other, name + "_" + side, name + "_" + other));
          }
        }
      }
      return out;
    }
  }

  private static Zone quad(String name, BiFunction<Double, Double, double[]> w2p, double x0, double y0, double x1, double y1) {
    double[][] c = {w2p.apply(x0, y0), w2p.apply(x1, y0), w2p.apply(x1, y1), w2p.apply(x0, y1)};
    return new Zone.Polygon(name, column(c, 0), column(c, 1));
  }

  private static Zone circle(String name, BiFunction<Double, Double, double[]> w2p, double cx, double cy, double r) {
    int n = 72;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double[] p = w2p.apply(cx + r * Math.cos(2 * Math.PI * i / n), cy + r * Math.sin(2 * Math.PI * i / n));
      xs[i] = p[0];
      ys[i] = p[1];
    }
    return new Zone.Polygon(name, xs, ys);
  }

  private static double[] column(double[][] pts, int c) {
    double[] v = new double[pts.length];
    for (int i = 0; i < pts.length; i++) {
      v[i] = pts[i][c];
    }
    return v;
  }
}

package org.labpose.web.studio;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.labpose.core.project.Project;

/**
 * The command lines of the studio's jobs: each page action becomes the {@code labpose …} arguments
 * a person would type, built from checked options (numbers in range, names from fixed lists,
 * videos only among the project's own). What the command does is then the command's business; its
 * own checks and messages apply unchanged.
 */
public final class StudioJobs {
  /** A job to queue: its page name, arguments after {@code labpose}, and how it runs. */
  public record Spec(String name, List<String> args, boolean heavy, boolean resumable, boolean changesLabels) {}

  private static final Set<String> KINDS = Set.of("extract-frames", "check-video", "create-training-dataset", "train", "evaluate", "analyze",
      "filter", "labeled-video", "plot-trajectories", "extract-outliers", "assay", "preview-video");

  private StudioJobs() {}

  /** The kinds of job the page may ask for. */
  public static Set<String> kinds() {
    return KINDS;
  }

  /**
   * Builds a job from the page's options.
   *
   * @param videos the project's videos the options name by file name (option {@code videos}, a list; empty or missing: all)
   * @throws IllegalArgumentException naming the option that is wrong
   */
  public static Spec build(String kind, JsonNode o, Project p, List<Path> videos) {
    String config = p.configFile().toString();
    List<String> a = new ArrayList<>();
    a.add(kind);
    switch (kind) {
      case "extract-frames" -> {
        a.add(config);
        a.add("--algo");
        a.add(choice(o, "algo", "kmeans", "kmeans", "uniform"));
        a.add("--num");
        a.add(Integer.toString(integer(o, "num", p.config().numFramesToPick(), 1, 10_000)));
        return new Spec("extract frames", a, true, false, true);
      }
      case "preview-video" -> {
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        a.add("--out-dir");
        a.add(StudioFiles.previews(p).toString());
        return new Spec("preview " + names(vs), a, false, false, false);
      }
      case "check-video" -> {
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        return new Spec("check " + names(vs), a, false, false, false);
      }
      case "create-training-dataset" -> {
        a.add(config);
        a.add("--train-fraction");
        a.add(Double.toString(number(o, "trainFraction", p.config().trainingFractions().get(0), 0.01, 1)));
        a.add("--net");
        a.add(name(o, "net", "mobilenet_v2_1.0"));
        a.add("--shuffle");
        a.add(Integer.toString(integer(o, "shuffle", 1, 1, 1000)));
        return new Spec("build the training set", a, false, false, false);
      }
      case "train" -> {
        a.add(config);
        shuffle(o, a);
        double budget = number(o, "budgetMinutes", 0, 0, 100_000);
        if (budget > 0) {
          a.add("--budget-minutes");
          a.add(Double.toString(budget));
        } else {
          a.add("--max-iters");
          a.add(Integer.toString(integer(o, "maxIters", 10_000, 1, 10_000_000)));
        }
        a.add("--batch-size");
        a.add(Integer.toString(integer(o, "batchSize", 8, 1, 256)));
        int crop = integer(o, "crop", 256, 32, 2048);
        if (crop % 16 != 0) {
          throw new IllegalArgumentException("'crop' must be a multiple of 16, got " + crop);
        }
        a.add("--crop");
        a.add(Integer.toString(crop));
        a.add("--augment");
        a.add(choice(o, "augment", "default", "default", "light", "none"));
        a.add("--init");
        a.add(choice(o, "init", "auto", "auto", "none", "imagenet"));
        a.add("--checkpoint-every");
        a.add(Integer.toString(integer(o, "checkpointEvery", 500, 1, 1_000_000)));
        a.add("--test-every");
        a.add(Integer.toString(integer(o, "testEvery", 500, 0, 1_000_000)));
        return new Spec("train", a, true, budget <= 0, false);
      }
      case "evaluate" -> {
        a.add(config);
        shuffle(o, a);
        if (o.path("plot").asBoolean(true)) {
          a.add("--plot");
        }
        return new Spec("evaluate", a, true, false, false);
      }
      case "analyze" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        shuffle(o, a);
        return new Spec("analyze " + names(vs), a, true, true, false);
      }
      case "filter" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        a.add("--filter");
        a.add(choice(o, "method", "median", "median", "savgol", "kalman", "interpolate"));
        return new Spec("filter " + names(vs), a, false, false, false);
      }
      case "labeled-video" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        if (o.path("skeleton").asBoolean(true)) {
          a.add("--skeleton");
        }
        if (o.path("filtered").asBoolean(false)) {
          a.add("--filtered");
        }
        return new Spec("labeled video " + names(vs), a, true, false, false);
      }
      case "plot-trajectories" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        if (o.path("filtered").asBoolean(false)) {
          a.add("--filtered");
        }
        return new Spec("plot " + names(vs), a, false, false, false);
      }
      case "extract-outliers" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        a.add("--algo");
        a.add(choice(o, "algo", "jump", "jump", "uncertain", "fitting"));
        a.add("--num");
        a.add(Integer.toString(integer(o, "num", 20, 1, 1000)));
        return new Spec("extract outliers " + names(vs), a, true, false, true);
      }
      case "assay" -> {
        a.add(config);
        List<Path> vs = chosen(o, videos);
        vs.forEach(v -> a.add(v.toString()));
        a.add("--zones");
        a.add(StudioFiles.zones(p).toString());
        if (java.nio.file.Files.exists(StudioFiles.groups(p))) {
          a.add("--groups");
          a.add(StudioFiles.groups(p).toString());
        }
        if (o.path("filtered").asBoolean(false)) {
          a.add("--filtered");
        }
        return new Spec("assay " + names(vs), a, false, false, false);
      }
      default -> throw new IllegalArgumentException("unknown job '" + kind + "'; known: " + String.join(", ", new java.util.TreeSet<>(KINDS)));
    }
  }

  private static void shuffle(JsonNode o, List<String> a) {
    if (o.has("trainFraction")) {
      a.add("--train-fraction");
      a.add(Double.toString(number(o, "trainFraction", 0.95, 0.01, 1)));
    }
    if (o.has("shuffle")) {
      a.add("--shuffle");
      a.add(Integer.toString(integer(o, "shuffle", 1, 1, 1000)));
    }
  }

  private static String names(List<Path> vs) {
    return vs.size() == 1 ? vs.get(0).getFileName().toString() : vs.size() + " videos";
  }

  /** The project's videos the option {@code videos} names (file names); all of them when it is missing or empty. */
  static List<Path> chosen(JsonNode o, List<Path> videos) {
    JsonNode n = o.path("videos");
    if (videos.isEmpty()) {
      throw new IllegalArgumentException("the project has no videos");
    }
    if (n.isMissingNode() || n.isNull() || (n.isArray() && n.isEmpty())) {
      return videos;
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException("'videos' must be a list of the project's video names");
    }
    List<Path> out = new ArrayList<>();
    for (JsonNode v : n) {
      Path match = null;
      for (Path p : videos) {
        if (p.getFileName().toString().equals(v.asText())) {
          match = p;
        }
      }
      if (match == null) {
        throw new IllegalArgumentException("'videos': " + v.asText() + " is not one of the project's videos");
      }
      out.add(match);
    }
    return out;
  }

  static int integer(JsonNode o, String key, int dflt, int min, int max) {
    JsonNode n = o.path(key);
    if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      return dflt;
    }
    long v;
    if (n.isIntegralNumber()) {
      v = n.asLong();
    } else if (n.isTextual() && n.asText().trim().matches("-?\\d{1,12}")) {
      v = Long.parseLong(n.asText().trim());
    } else {
      throw new IllegalArgumentException("'" + key + "' must be a whole number, found " + n);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("'" + key + "' must be between " + min + " and " + max + ", found " + v);
    }
    return (int) v;
  }

  static double number(JsonNode o, String key, double dflt, double min, double max) {
    JsonNode n = o.path(key);
    if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      return dflt;
    }
    double v;
    try {
      v = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' must be a number, found " + n);
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException("'" + key + "' must be between " + min + " and " + max + ", found " + v);
    }
    return v;
  }

  static String choice(JsonNode o, String key, String dflt, String... allowed) {
    JsonNode n = o.path(key);
    if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
      return dflt;
    }
    String v = n.asText().trim().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(v)) {
        return a;
      }
    }
    throw new IllegalArgumentException("'" + key + "' must be one of " + String.join(", ", allowed) + ", found '" + n.asText() + "'");
  }

  /** A name (letters, digits, '_', '.', '-'), as network names are. */
  static String name(JsonNode o, String key, String dflt) {
    JsonNode n = o.path(key);
    if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
      return dflt;
    }
    String v = n.asText().trim();
    if (!v.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("'" + key + "' must be a name (letters, digits, _ . -), found '" + v + "'");
    }
    return v;
  }

  /** The command line as a person would type it: {@code labpose} and the arguments, quoted where needed. */
  public static String commandLine(List<String> args) {
    StringBuilder b = new StringBuilder("labpose");
    for (String s : args) {
      b.append(' ');
      if (s.matches("[A-Za-z0-9_./:=,@+-]+")) {
        b.append(s);
      } else {
        b.append('\'').append(s.replace("'", "'\\''")).append('\'');
      }
    }
    return b.toString();
  }
}

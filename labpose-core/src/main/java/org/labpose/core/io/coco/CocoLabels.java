package org.labpose.core.io.coco;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;

/**
 * Between COCO keypoints and LabPose labels or predictions. An animal is one annotation; the
 * category's keypoints are the bodyparts. Several annotations in an image make a multi-animal set,
 * individuals named by {@code track_id} ({@code track<id>}) where the file has them, else {@code
 * animal1..N} in annotation order. Unique bodyparts travel as a second category named {@value
 * #UNIQUE_CATEGORY}, one annotation per image. COCO's "occluded" (v = 1) and "visible" (v = 2) are
 * both labelled points in LabPose; written labels are v = 2. Pixels, origin top-left.
 */
public final class CocoLabels {
  /** The category that carries unique bodyparts. */
  public static final String UNIQUE_CATEGORY = "labpose_unique";

  private CocoLabels() {}

  /**
   * Labels as COCO: one image per labelled frame ({@code file_name} its project-relative path),
   * one annotation per animal with at least one point.
   *
   * @param sizes image width and height (px) by image path; missing ones are written 0
   */
  public static CocoKeypoints.Dataset fromLabels(LabelSet labels, String category, List<List<String>> skeleton, Map<String, int[]> sizes) {
    KeypointLayout l = labels.layout();
    List<CocoKeypoints.Image> images = new ArrayList<>();
    List<CocoKeypoints.Annotation> anns = new ArrayList<>();
    long imageId = 0;
    for (LabeledFrame f : labels.frames()) {
      imageId++;
      int[] wh = sizes.getOrDefault(f.imagePath(), new int[] {0, 0});
      images.add(new CocoKeypoints.Image(imageId, f.imagePath(), wh[0], wh[1]));
      final long id = imageId;
      addAnimals(l, (k) -> new double[] {f.x(k), f.y(k), Double.NaN}, id, anns, false);
    }
    return new CocoKeypoints.Dataset(images, anns, categories(l, category, skeleton));
  }

  /**
   * Predictions as COCO results: one image per frame ({@code file_name} {@code <stem>/img<frame>.png},
   * frames not extracted), one annotation per animal with a point, its {@code score} the mean
   * likelihood of its points; points below {@code pcutoff} are left out (v = 0).
   */
  public static CocoKeypoints.Dataset fromPredictions(PoseTable t, String videoStem, String category, List<List<String>> skeleton,
      double pcutoff, int width, int height) {
    KeypointLayout l = t.layout();
    List<CocoKeypoints.Image> images = new ArrayList<>();
    List<CocoKeypoints.Annotation> anns = new ArrayList<>();
    int digits = Math.max(1, String.valueOf(Math.max(0, t.frameCount() - 1)).length());
    for (int f = 0; f < t.frameCount(); f++) {
      long id = f + 1;
      images.add(new CocoKeypoints.Image(id, videoStem + "/img" + String.format("%0" + digits + "d", f) + ".png", width, height));
      final int frame = f;
      addAnimals(l, k -> t.likelihood(frame, k) >= pcutoff ? new double[] {t.x(frame, k), t.y(frame, k), t.likelihood(frame, k)}
          : new double[] {Double.NaN, Double.NaN, Double.NaN}, id, anns, true);
    }
    return new CocoKeypoints.Dataset(images, anns, categories(l, category, skeleton));
  }

  private static void addAnimals(KeypointLayout l, Function<KeypointId, double[]> point, long imageId, List<CocoKeypoints.Annotation> anns,
      boolean scored) {
    List<String> animals = l.isMultiAnimal() ? l.individuals() : List.of("");
    for (int a = 0; a < animals.size(); a++) {
      List<String> parts = l.bodyparts();
      List<KeypointId> keys = new ArrayList<>();
      for (String b : parts) {
        keys.add(l.isMultiAnimal() ? new KeypointId(animals.get(a), b) : KeypointId.of(b));
      }
      anns.addAll(annotation(keys, point, imageId, 1, anns.size() + 1, l.isMultiAnimal() ? a : -1, l.isMultiAnimal() ? animals.get(a) : null, scored));
    }
    if (l.isMultiAnimal() && !l.uniqueBodyparts().isEmpty()) {
      List<KeypointId> keys = l.uniqueBodyparts().stream().map(u -> new KeypointId(KeypointId.UNIQUE, u)).toList();
      anns.addAll(annotation(keys, point, imageId, 2, anns.size() + 1, -1, null, scored));
    }
  }

  private static List<CocoKeypoints.Annotation> annotation(List<KeypointId> keys, Function<KeypointId, double[]> point, long imageId,
      long category, long id, long track, String individual, boolean scored) {
    double[] kp = new double[3 * keys.size()];
    int seen = 0;
    double sum = 0;
    for (int k = 0; k < keys.size(); k++) {
      double[] p = point.apply(keys.get(k));
      if (!Double.isNaN(p[0]) && !Double.isNaN(p[1])) {
        kp[3 * k] = p[0];
        kp[3 * k + 1] = p[1];
        kp[3 * k + 2] = 2;
        seen++;
        sum += Double.isNaN(p[2]) ? 0 : p[2];
      }
    }
    if (seen == 0) {
      return List.of();
    }
    return List.of(new CocoKeypoints.Annotation(id, imageId, category, kp, scored ? sum / seen : Double.NaN, track, individual));
  }

  private static List<CocoKeypoints.Category> categories(KeypointLayout l, String name, List<List<String>> skeleton) {
    List<String> parts = l.bodyparts();
    List<int[]> edges = new ArrayList<>();
    for (List<String> e : skeleton) {
      int a = parts.indexOf(e.get(0));
      int b = parts.indexOf(e.get(1));
      if (a >= 0 && b >= 0) {
        edges.add(new int[] {a, b});
      }
    }
    List<CocoKeypoints.Category> cats = new ArrayList<>();
    cats.add(new CocoKeypoints.Category(1, name, parts, edges));
    if (l.isMultiAnimal() && !l.uniqueBodyparts().isEmpty()) {
      cats.add(new CocoKeypoints.Category(2, UNIQUE_CATEGORY, l.uniqueBodyparts(), List.of()));
    }
    return cats;
  }

  /**
   * COCO annotations of one category as labels: one labelled frame per image, in the file's order
   * (an image without annotations is a frame with no animal in it, as DeepLabCut keeps a frame
   * whose points are all missing).
   *
   * @param category the category's name; null for the only one besides {@value #UNIQUE_CATEGORY}
   * @param imagePath the label path of an image (e.g. {@code labeled-data/<folder>/<name>.png})
   * @throws InputFormatException when the category is absent, or not named and the file has several
   */
  public static LabelSet toLabels(CocoKeypoints.Dataset d, Path file, String category, String scorer,
      Function<CocoKeypoints.Image, String> imagePath) throws InputFormatException {
    CocoKeypoints.Category cat = category(d, file, category);
    CocoKeypoints.Category unique = d.categories().stream().filter(c -> c.name().equals(UNIQUE_CATEGORY)).findFirst().orElse(null);
    Map<Long, List<CocoKeypoints.Annotation>> byImage = new LinkedHashMap<>();
    Map<Long, CocoKeypoints.Annotation> uniqueByImage = new HashMap<>();
    boolean tracks = false;
    boolean named = false;
    for (CocoKeypoints.Annotation a : d.annotations()) {
      if (a.categoryId() == cat.id()) {
        byImage.computeIfAbsent(a.imageId(), x -> new ArrayList<>()).add(a);
        tracks |= a.trackId() >= 0;
        named |= a.individual() != null;
      } else if (unique != null && a.categoryId() == unique.id()) {
        uniqueByImage.put(a.imageId(), a);
      }
    }
    List<String> individuals = new ArrayList<>();
    if (named) {
      byImage.values().stream().flatMap(List::stream).map(CocoKeypoints.Annotation::individual).filter(java.util.Objects::nonNull)
          .distinct().forEach(individuals::add);
    } else if (tracks) {
      List<Long> ids = byImage.values().stream().flatMap(List::stream).map(CocoKeypoints.Annotation::trackId).filter(t -> t >= 0)
          .distinct().sorted().toList();
      ids.forEach(t -> individuals.add("track" + t));
    } else {
      int most = byImage.values().stream().mapToInt(List::size).max().orElse(1);
      if (most > 1 || unique != null) {
        for (int i = 1; i <= most; i++) {
          individuals.add("animal" + i);
        }
      }
    }
    boolean multi = !individuals.isEmpty();
    KeypointLayout layout = multi ? KeypointLayout.multiAnimal(individuals, cat.keypoints(), unique == null ? List.of() : unique.keypoints())
        : KeypointLayout.singleAnimal(cat.keypoints());
    List<LabeledFrame> frames = new ArrayList<>();
    for (CocoKeypoints.Image im : d.images()) {
      List<CocoKeypoints.Annotation> anns = byImage.get(im.id());
      CocoKeypoints.Annotation u = uniqueByImage.get(im.id());
      double[] xy = new double[2 * layout.size()];
      java.util.Arrays.fill(xy, Double.NaN);
      int next = 0;
      java.util.Set<String> used = new java.util.HashSet<>();
      for (CocoKeypoints.Annotation a : anns == null ? List.<CocoKeypoints.Annotation>of() : anns) {
        if ((named && a.individual() == null) || (!named && tracks && a.trackId() < 0)) {
          throw new InputFormatException(file, "annotation id " + a.id(), "has no " + (named ? "individual" : "track_id") + " while others have one");
        }
        String ind = !multi ? null : named ? a.individual() : tracks ? "track" + a.trackId() : individuals.get(next++);
        if (ind != null && !used.add(ind)) {
          throw new InputFormatException(file, "annotation id " + a.id(), "image id " + im.id() + " has two annotations of " + ind);
        }
        put(layout, xy, a, cat.keypoints(), ind);
      }
      if (u != null) {
        put(layout, xy, u, unique.keypoints(), KeypointId.UNIQUE);
      }
      frames.add(new LabeledFrame(imagePath.apply(im), layout, xy));
    }
    return new LabelSet(scorer, layout, frames);
  }

  private static void put(KeypointLayout layout, double[] xy, CocoKeypoints.Annotation a, List<String> names, String individual) {
    for (int k = 0; k < names.size(); k++) {
      if (a.visibility(k) == 0) {
        continue;
      }
      KeypointId id = individual == null ? KeypointId.of(names.get(k)) : new KeypointId(individual, names.get(k));
      int slot = layout.keypoints().indexOf(id);
      xy[2 * slot] = a.keypoints()[3 * k];
      xy[2 * slot + 1] = a.keypoints()[3 * k + 1];
    }
  }

  /** The skeleton of a category as bodypart-name pairs. */
  public static List<List<String>> skeleton(CocoKeypoints.Category c) {
    List<List<String>> out = new ArrayList<>();
    for (int[] e : c.skeleton()) {
      out.add(List.of(c.keypoints().get(e[0]), c.keypoints().get(e[1])));
    }
    return out;
  }

  /** The category to import: by name, or the only one besides {@value #UNIQUE_CATEGORY}. */
  public static CocoKeypoints.Category category(CocoKeypoints.Dataset d, Path file, String name) throws InputFormatException {
    List<CocoKeypoints.Category> animals = d.categories().stream().filter(c -> !c.name().equals(UNIQUE_CATEGORY)).toList();
    if (name != null) {
      return animals.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new InputFormatException(file, "categories",
          "no category named '" + name + "' (has " + animals.stream().map(CocoKeypoints.Category::name).toList() + ")"));
    }
    if (animals.size() != 1) {
      throw new InputFormatException(file, "categories", animals.isEmpty() ? "no category with keypoints"
          : "several categories " + animals.stream().map(CocoKeypoints.Category::name).toList() + ": choose one (--category)");
    }
    return animals.get(0);
  }
}

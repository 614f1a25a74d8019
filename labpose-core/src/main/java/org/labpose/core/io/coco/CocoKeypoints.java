package org.labpose.core.io.coco;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/**
 * COCO keypoint annotations (the {@code person_keypoints} layout): {@code images} ({@code id},
 * {@code file_name}, {@code width}, {@code height}), {@code annotations} (one per animal: {@code
 * image_id}, {@code category_id}, {@code keypoints} as {@code [x, y, v]} triplets with v = 0 not
 * labelled, 1 labelled but occluded, 2 visible; {@code num_keypoints}, {@code bbox} {@code [x, y,
 * w, h]}, {@code area}, {@code iscrowd}; optionally {@code score}, {@code track_id} and LabPose's
 * {@code individual}), and {@code
 * categories} ({@code id}, {@code name}, {@code keypoints} names, {@code skeleton} as 1-based
 * pairs). Coordinates in pixels, origin at the top-left corner of the image, x right, y down.
 */
public final class CocoKeypoints {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Largest file read, bytes. */
  public static final long MAX_BYTES = 1L << 30;

  private CocoKeypoints() {}

  /** An image; width and height in px (0 when the file does not say). */
  public record Image(long id, String fileName, int width, int height) {}

  /** A kind of animal with its keypoint names and skeleton (0-based index pairs here). */
  public record Category(long id, String name, List<String> keypoints, List<int[]> skeleton) {}

  /**
   * One animal in one image.
   *
   * @param keypoints {@code [x0, y0, v0, x1, y1, v1, ...]}
   * @param score a detector's confidence in [0, 1], NaN for human labels
   * @param trackId identity across images, or -1
   * @param individual the animal's name (a field LabPose adds so that names survive), or null
   */
  public record Annotation(long id, long imageId, long categoryId, double[] keypoints, double score, long trackId, String individual) {
    /** Visibility flag of keypoint {@code k}. */
    public int visibility(int k) {
      return (int) keypoints[3 * k + 2];
    }
  }

  /** A whole file. */
  public record Dataset(List<Image> images, List<Annotation> annotations, List<Category> categories) {}

  /**
   * Reads a COCO keypoint file.
   *
   * @throws InputFormatException naming the JSON key (e.g. {@code annotations[3].keypoints}) that is
   *     missing or wrong: keypoint counts that disagree with the category, unknown image or category
   *     ids, visibility flags other than 0, 1, 2, coordinates beyond ±10⁶ px, repeated ids
   */
  public static Dataset read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new InputFormatException(file, null, "larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InputFormatException(file, "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InputFormatException(file, null, "expected a JSON object with images, annotations and categories");
    }
    List<Category> categories = new ArrayList<>();
    Map<Long, Category> byId = new HashMap<>();
    JsonNode cats = array(file, root, "categories");
    for (int i = 0; i < cats.size(); i++) {
      String at = "categories[" + i + "]";
      JsonNode c = object(file, cats.get(i), at);
      long id = integer(file, c, "id", at);
      String name = c.path("name").asText("");
      JsonNode kn = array(file, c, "keypoints", at);
      List<String> names = new ArrayList<>();
      for (JsonNode n : kn) {
        if (!n.isTextual() || n.asText().isEmpty()) {
          throw new InputFormatException(file, at + ".keypoints", "expected keypoint names, found " + n);
        }
        names.add(n.asText());
      }
      if (new HashSet<>(names).size() != names.size()) {
        throw new InputFormatException(file, at + ".keypoints", "a keypoint name repeats: " + names);
      }
      List<int[]> skeleton = new ArrayList<>();
      JsonNode sk = c.path("skeleton");
      if (!sk.isMissingNode() && !sk.isNull()) {
        if (!sk.isArray()) {
          throw new InputFormatException(file, at + ".skeleton", "expected a list of [a, b] pairs");
        }
        for (int e = 0; e < sk.size(); e++) {
          JsonNode pair = sk.get(e);
          if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt() || !pair.get(1).canConvertToInt()) {
            throw new InputFormatException(file, at + ".skeleton[" + e + "]", "expected a pair of 1-based keypoint numbers, found " + pair);
          }
          int a = pair.get(0).asInt() - 1;
          int b = pair.get(1).asInt() - 1;
          if (a < 0 || b < 0 || a >= names.size() || b >= names.size()) {
            throw new InputFormatException(file, at + ".skeleton[" + e + "]", "keypoint numbers run from 1 to " + names.size() + ", found " + pair);
          }
          skeleton.add(new int[] {a, b});
        }
      }
      Category cat = new Category(id, name, List.copyOf(names), List.copyOf(skeleton));
      if (byId.put(id, cat) != null) {
        throw new InputFormatException(file, at + ".id", "category id " + id + " repeats");
      }
      categories.add(cat);
    }
    List<Image> images = new ArrayList<>();
    Set<Long> imageIds = new HashSet<>();
    JsonNode ims = array(file, root, "images");
    for (int i = 0; i < ims.size(); i++) {
      String at = "images[" + i + "]";
      JsonNode im = object(file, ims.get(i), at);
      long id = integer(file, im, "id", at);
      String name = im.path("file_name").asText("");
      if (name.isEmpty()) {
        throw new InputFormatException(file, at + ".file_name", "missing");
      }
      int w = im.path("width").asInt(0);
      int h = im.path("height").asInt(0);
      if (w < 0 || h < 0 || w > 1 << 16 || h > 1 << 16) {
        throw new InputFormatException(file, at, "implausible size " + w + "x" + h);
      }
      if (!imageIds.add(id)) {
        throw new InputFormatException(file, at + ".id", "image id " + id + " repeats");
      }
      images.add(new Image(id, name, w, h));
    }
    List<Annotation> annotations = new ArrayList<>();
    JsonNode anns = root.path("annotations");
    if (!anns.isMissingNode() && !anns.isArray()) {
      throw new InputFormatException(file, "annotations", "expected a list");
    }
    for (int i = 0; i < anns.size(); i++) {
      String at = "annotations[" + i + "]";
      JsonNode a = object(file, anns.get(i), at);
      long imageId = integer(file, a, "image_id", at);
      if (!imageIds.contains(imageId)) {
        throw new InputFormatException(file, at + ".image_id", "no image has id " + imageId);
      }
      long catId = integer(file, a, "category_id", at);
      Category cat = byId.get(catId);
      if (cat == null) {
        throw new InputFormatException(file, at + ".category_id", "no category has id " + catId);
      }
      JsonNode kp = array(file, a, "keypoints", at);
      if (kp.size() != 3 * cat.keypoints().size()) {
        throw new InputFormatException(file, at + ".keypoints", "expected " + 3 * cat.keypoints().size() + " numbers (x, y, v for each of "
            + cat.keypoints().size() + " keypoints of '" + cat.name() + "'), found " + kp.size());
      }
      double[] v = new double[kp.size()];
      for (int j = 0; j < v.length; j++) {
        if (!kp.get(j).isNumber()) {
          throw new InputFormatException(file, at + ".keypoints[" + j + "]", "expected a number, found " + kp.get(j));
        }
        v[j] = kp.get(j).asDouble();
        if (j % 3 == 2 && !(v[j] == 0 || v[j] == 1 || v[j] == 2)) {
          throw new InputFormatException(file, at + ".keypoints[" + j + "]", "expected a visibility flag 0, 1 or 2, found " + kp.get(j));
        }
        if (j % 3 != 2 && (!Double.isFinite(v[j]) || Math.abs(v[j]) > 1e6)) {
          throw new InputFormatException(file, at + ".keypoints[" + j + "]", "expected a pixel coordinate within ±1000000, found " + kp.get(j));
        }
      }
      double score = a.has("score") ? a.get("score").asDouble(Double.NaN) : Double.NaN;
      long track = a.has("track_id") && a.get("track_id").canConvertToLong() ? a.get("track_id").asLong() : -1;
      String individual = a.hasNonNull("individual") ? a.get("individual").asText() : null;
      if (individual != null && individual.isEmpty()) {
        throw new InputFormatException(file, at + ".individual", "empty name");
      }
      annotations.add(new Annotation(a.path("id").asLong(i + 1), imageId, catId, v, score, track, individual));
    }
    return new Dataset(List.copyOf(images), List.copyOf(annotations), List.copyOf(categories));
  }

  /** Writes a dataset atomically, with the derived fields COCO tools expect ({@code num_keypoints}, {@code bbox}, {@code area}). */
  public static void write(Dataset d, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("info").put("description", "written by LabPose").put("version", "1.0");
    root.putArray("licenses");
    ArrayNode ims = root.putArray("images");
    for (Image im : d.images()) {
      ims.addObject().put("id", im.id()).put("file_name", im.fileName()).put("width", im.width()).put("height", im.height());
    }
    ArrayNode anns = root.putArray("annotations");
    for (Annotation a : d.annotations()) {
      ObjectNode o = anns.addObject().put("id", a.id()).put("image_id", a.imageId()).put("category_id", a.categoryId()).put("iscrowd", 0);
      ArrayNode kp = o.putArray("keypoints");
      int visible = 0;
      double x0 = Double.POSITIVE_INFINITY;
      double y0 = Double.POSITIVE_INFINITY;
      double x1 = Double.NEGATIVE_INFINITY;
      double y1 = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < a.keypoints().length / 3; k++) {
        double x = a.keypoints()[3 * k];
        double y = a.keypoints()[3 * k + 1];
        int v = a.visibility(k);
        kp.add(v == 0 ? 0 : x).add(v == 0 ? 0 : y).add(v);
        if (v > 0) {
          visible++;
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
      o.put("num_keypoints", visible);
      ArrayNode bbox = o.putArray("bbox");
      if (visible > 0) {
        bbox.add(x0).add(y0).add(x1 - x0).add(y1 - y0);
        o.put("area", (x1 - x0) * (y1 - y0));
      } else {
        bbox.add(0).add(0).add(0).add(0);
        o.put("area", 0.0);
      }
      if (!Double.isNaN(a.score())) {
        o.put("score", a.score());
      }
      if (a.trackId() >= 0) {
        o.put("track_id", a.trackId());
      }
      if (a.individual() != null) {
        o.put("individual", a.individual());
      }
    }
    ArrayNode cats = root.putArray("categories");
    for (Category c : d.categories()) {
      ObjectNode o = cats.addObject().put("id", c.id()).put("name", c.name()).put("supercategory", "animal");
      ArrayNode names = o.putArray("keypoints");
      c.keypoints().forEach(names::add);
      ArrayNode sk = o.putArray("skeleton");
      for (int[] e : c.skeleton()) {
        sk.addArray().add(e[0] + 1).add(e[1] + 1);
      }
    }
    AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  private static JsonNode array(Path file, JsonNode o, String key) throws IOException {
    return array(file, o, key, null);
  }

  private static JsonNode array(Path file, JsonNode o, String key, String at) throws IOException {
    JsonNode n = o.path(key);
    if (!n.isArray()) {
      throw new InputFormatException(file, at == null ? key : at + "." + key, n.isMissingNode() ? "missing" : "expected a list");
    }
    return n;
  }

  private static JsonNode object(Path file, JsonNode n, String at) throws IOException {
    if (n == null || !n.isObject()) {
      throw new InputFormatException(file, at, "expected an object");
    }
    return n;
  }

  private static long integer(Path file, JsonNode o, String key, String at) throws IOException {
    JsonNode n = o.path(key);
    if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
      throw new InputFormatException(file, at + "." + key, n.isMissingNode() ? "missing" : "expected a whole number, found " + n);
    }
    return n.asLong();
  }
}

package org.labpose.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.Skeleton;
import org.labpose.core.project.ProjectConfig;
import org.labpose.multianimal.track.TrackEdits;

/**
 * The labeler's and the track view's JSON API and pages over a project's {@link LabelStore} and
 * {@link TrackStore}, for any LabPose server: {@link LabelServer} for one project, the studio for
 * the project it has open. Points are image pixels, origin at the top-left corner, x right, y down.
 * Only the project's labeled-data images are served, by name from the folder listing.
 */
public final class LabelRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The pages' files under {@code /static/}. */
  public static final List<String> STATIC = List.of("index.html", "app.js", "app.css", "tracks.html", "tracks.js", "common.js");

  private final Supplier<LabelStore> store;
  private final Supplier<TrackStore> tracks;
  private final List<String> colors;

  /**
   * @param store the open project's labels (its value may change between requests; null: 404)
   * @param tracks the open project's analysed multi-animal videos
   * @param colors one CSS colour per keypoint slot, or null for evenly spaced hues
   */
  public LabelRoutes(Supplier<LabelStore> store, Supplier<TrackStore> tracks, List<String> colors) {
    this.store = store;
    this.tracks = tracks;
    this.colors = colors;
  }

  private LabelStore store() {
    LabelStore s = store.get();
    if (s == null) {
      throw new IllegalStateException("no project is open");
    }
    return s;
  }

  private TrackStore tracks() {
    TrackStore t = tracks.get();
    if (t == null) {
      throw new IllegalStateException("no project is open");
    }
    return t;
  }

  /**
   * Adds the routes: {@code labelPage} and {@code /tracks} pages, {@code /static/*}, {@code
   * /api/project}, {@code /api/folders}, {@code /api/frame}, {@code /image}, {@code /api/tracks}.
   */
  public void register(RoutesConfig r, String labelPage) {
    r.get(labelPage, ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
    r.get("/static/{file}", ctx -> {
      String f = ctx.pathParam("file");
      if (!STATIC.contains(f)) {
        ctx.status(HttpStatus.NOT_FOUND).result("not found");
        return;
      }
      page(ctx, f, f.endsWith(".js") ? "text/javascript; charset=utf-8" : f.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8");
    });
    r.get("/api/project", this::project);
    r.get("/api/folders/{folder}", this::folder);
    r.get("/api/frame/{folder}/{image}", this::frame);
    r.put("/api/frame/{folder}/{image}", this::update);
    r.get("/image/{folder}/{image}", this::image);
    r.get("/tracks", ctx -> page(ctx, "tracks.html", "text/html; charset=utf-8"));
    r.get("/api/tracks", this::trackList);
    r.get("/api/tracks/{id}", this::trackState);
    r.get("/api/tracks/{id}/poses", this::trackPoses);
    r.get("/api/tracks/{id}/frame/{n}", this::trackFrame);
    r.post("/api/tracks/{id}/edit", ctx -> trackChange(ctx, "edit"));
    r.post("/api/tracks/{id}/undo", ctx -> trackChange(ctx, "undo"));
    r.post("/api/tracks/{id}/restitch", ctx -> trackChange(ctx, "restitch"));
  }

  static void page(Context ctx, String name, String type) {
    try (InputStream in = LabelRoutes.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND).result("not found");
        return;
      }
      ctx.contentType(type).result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void json(Context ctx, Object value) throws IOException {
    ctx.contentType("application/json").result(JSON.writeValueAsString(value));
  }

  private void project(Context ctx) throws IOException {
    ProjectConfig c = store().project().config();
    ObjectNode o = JSON.createObjectNode();
    o.put("task", c.task());
    o.put("scorer", c.scorer());
    o.put("multiAnimal", c.multiAnimal());
    o.put("dotsize", c.dotsize());
    o.put("colormap", c.colormap());
    ArrayNode kps = o.putArray("keypoints");
    List<KeypointId> all = store().layout().keypoints();
    List<String> bodyparts = store().layout().bodyparts();
    for (int ki = 0; ki < all.size(); ki++) {
      KeypointId k = all.get(ki);
      ObjectNode kn = kps.addObject();
      kn.put("id", k.toString());
      kn.put("individual", k.individual());
      kn.put("bodypart", k.bodypart());
      int bi = bodyparts.indexOf(k.bodypart());
      int colorIndex = bi >= 0 ? bi : bodyparts.size() + store().layout().uniqueBodyparts().indexOf(k.bodypart());
      kn.put("color", colors != null ? colors.get(ki) : color(colorIndex, bodyparts.size() + store().layout().uniqueBodyparts().size()));
    }
    ArrayNode sk = o.putArray("skeleton");
    for (Skeleton.Pair p : c.skeletonEdges()) {
      sk.addArray().add(p.a()).add(p.b());
    }
    ArrayNode fs = o.putArray("folders");
    for (LabelStore.FolderInfo f : store().folders()) {
      fs.addObject().put("name", f.name()).put("images", f.images()).put("labelled", f.labelled()).put("suggested", f.suggested());
    }
    json(ctx, o);
  }

  /** A distinct colour per bodypart: hues around the wheel (the page's stand-in for the config's colormap). */
  static String color(int i, int n) {
    float h = n <= 1 ? 0f : (float) i / n * 0.85f;
    java.awt.Color c = java.awt.Color.getHSBColor(h, 0.85f, 0.95f);
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private void folder(Context ctx) throws IOException {
    String folder = ctx.pathParam("folder");
    List<String> images = store().images(folder);
    if (images == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("no folder " + folder);
      return;
    }
    ArrayNode a = JSON.createArrayNode();
    for (String img : images) {
      a.addObject().put("image", img).put("placed", store().placed(folder, img)).put("suggested", store().suggested(folder, img));
    }
    json(ctx, a);
  }

  private ObjectNode stateJson(LabelStore.FrameState s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("image", s.image());
    o.put("version", s.version());
    ObjectNode pts = o.putObject("points");
    for (Map.Entry<KeypointId, double[]> e : s.points().entrySet()) {
      if (e.getValue() == null) {
        pts.putNull(e.getKey().toString());
      } else {
        pts.putArray(e.getKey().toString()).add(e.getValue()[0]).add(e.getValue()[1]);
      }
    }
    ObjectNode sug = o.putObject("suggestions");
    for (Map.Entry<KeypointId, double[]> e : s.suggestions().entrySet()) {
      double[] v = e.getValue();
      var arr = sug.putArray(e.getKey().toString()).add(v[0]).add(v[1]);
      if (Double.isNaN(v[2])) {
        arr.addNull();
      } else {
        arr.add(v[2]);
      }
    }
    return o;
  }

  private void frame(Context ctx) throws IOException {
    LabelStore.FrameState s = store().frame(ctx.pathParam("folder"), ctx.pathParam("image"));
    if (s == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    json(ctx, stateJson(s));
  }

  private void update(Context ctx) throws IOException {
    String folder = ctx.pathParam("folder");
    String image = ctx.pathParam("image");
    if (store().frame(folder, image) == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("the body must be JSON {\"version\": N, \"points\": {...}}");
    }
    if (body == null || !body.isObject() || !body.has("points") || !body.get("points").isObject()) {
      throw new IllegalArgumentException("the body must be JSON {\"version\": N, \"points\": {...}}");
    }
    JsonNode version = body.get("version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 0) {
      throw new IllegalArgumentException("'version' must be a whole number >= 0, found " + version);
    }
    Map<KeypointId, double[]> pts = new LinkedHashMap<>();
    var it = body.get("points").fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        pts.put(parseId(e.getKey()), null);
      } else if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
        pts.put(parseId(e.getKey()), new double[] {v.get(0).asDouble(), v.get(1).asDouble()});
      } else {
        throw new IllegalArgumentException("point '" + e.getKey() + "' must be [x, y] (two numbers, px) or null, found " + v);
      }
    }
    LabelStore.Update u = store().update(folder, image, version.asLong(), pts);
    if (!u.applied()) {
      ctx.status(HttpStatus.CONFLICT);
    }
    json(ctx, stateJson(u.state()));
  }

  private static KeypointId parseId(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? KeypointId.of(s) : new KeypointId(s.substring(0, slash), s.substring(slash + 1));
  }

  private void image(Context ctx) throws IOException {
    Path f = store().imageFile(ctx.pathParam("folder"), ctx.pathParam("image"));
    if (f == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    ctx.contentType(LabelStore.imageType(f)).result(Files.readAllBytes(f));
  }

  // ---- track view: analysed multi-animal videos ----

  private void trackList(Context ctx) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    for (TrackStore.Video v : tracks().videos()) {
      a.addObject().put("id", v.id()).put("video", v.video().getFileName().toString());
    }
    json(ctx, a);
  }

  private TrackStore.State trackOrNotFound(Context ctx) throws IOException {
    TrackStore.State st = tracks().state(ctx.pathParam("id"));
    if (st == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("no analysed multi-animal video " + ctx.pathParam("id"));
    }
    return st;
  }

  private ObjectNode trackJson(TrackStore.State st) {
    ObjectNode o = JSON.createObjectNode();
    PoseTableView t = new PoseTableView(st.tracks());
    o.put("id", st.video().id());
    o.put("video", st.video().video().getFileName().toString());
    o.put("version", st.version());
    o.put("frames", st.tracks().frameCount());
    o.put("refined", org.labpose.core.project.ProjectLayout.refined(st.video().csv()).getFileName().toString());
    ArrayNode inds = o.putArray("individuals");
    t.individuals().forEach(inds::add);
    ArrayNode parts = o.putArray("bodyparts");
    t.bodyparts().forEach(parts::add);
    ArrayNode sk = o.putArray("skeleton");
    for (Skeleton.Pair p : store().project().config().skeletonEdges()) {
      sk.addArray().add(p.a()).add(p.b());
    }
    ObjectNode lik = o.putObject("likelihood");
    for (String ind : t.individuals()) {
      ArrayNode arr = lik.putArray(ind);
      for (double v : t.meanLikelihood(ind)) {
        if (Double.isNaN(v)) {
          arr.addNull();
        } else {
          arr.add(Math.round(v * 100) / 100.0);
        }
      }
    }
    ArrayNode cr = o.putArray("crossings");
    for (var c : st.crossings()) {
      cr.addObject().put("a", c.a()).put("b", c.b()).put("first", c.first()).put("last", c.last());
    }
    ArrayNode ed = o.putArray("edits");
    for (var e : st.edits()) {
      ed.add(TrackEdits.toJson(e));
    }
    return o;
  }

  private void trackState(Context ctx) throws IOException {
    TrackStore.State st = trackOrNotFound(ctx);
    if (st != null) {
      json(ctx, trackJson(st));
    }
  }

  private void trackPoses(Context ctx) throws IOException {
    TrackStore.State st = trackOrNotFound(ctx);
    if (st == null) {
      return;
    }
    int from = intParam(ctx, "from", 0);
    int count = Math.min(1000, Math.max(1, intParam(ctx, "count", 1)));
    PoseTableView t = new PoseTableView(st.tracks());
    ObjectNode o = JSON.createObjectNode();
    o.put("from", from);
    ArrayNode frames = o.putArray("poses");
    for (int f = from; f < Math.min(st.tracks().frameCount(), from + count); f++) {
      ObjectNode fr = frames.addObject();
      for (String ind : t.individuals()) {
        ArrayNode pts = fr.putArray(ind);
        for (double[] v : t.points(f, ind)) {
          if (Double.isNaN(v[0])) {
            pts.addNull();
          } else {
            pts.addArray().add(Math.round(v[0] * 10) / 10.0).add(Math.round(v[1] * 10) / 10.0).add(Math.round(v[2] * 100) / 100.0);
          }
        }
      }
    }
    json(ctx, o);
  }

  private static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + name + "' must be a whole number, found '" + v + "'");
    }
  }

  private void trackFrame(Context ctx) throws IOException {
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the frame must be a whole number, found '" + ctx.pathParam("n") + "'");
    }
    byte[] jpg = tracks().frameJpeg(ctx.pathParam("id"), n);
    if (jpg == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("no frame " + n);
      return;
    }
    ctx.contentType("image/jpeg").result(jpg);
  }

  private void trackChange(Context ctx, String what) throws IOException {
    if (trackOrNotFound(ctx) == null) {
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject() || !body.path("version").canConvertToLong()) {
      throw new IllegalArgumentException("the body must be JSON with the track state's 'version'");
    }
    long version = body.get("version").asLong();
    String id = ctx.pathParam("id");
    TrackStore.Change c = switch (what) {
      case "undo" -> tracks().undo(id, version);
      case "restitch" -> tracks().restitch(id, version);
      default -> tracks().edit(id, version, parseEdit(body));
    };
    if (!c.applied()) {
      ctx.status(HttpStatus.CONFLICT);
    }
    json(ctx, trackJson(c.state()));
  }

  /** An edit from a request, refused (400) when it is not one or its frames are out of order. */
  private static TrackEdits.Edit parseEdit(JsonNode b) {
    TrackEdits.Edit e = TrackEdits.parse(b);
    if (e.from() < 0 || (e.to() >= 0 && e.to() < e.from())) {
      throw new IllegalArgumentException("an edit needs 0 <= from <= to (or to = -1), got " + e.from() + ".." + e.to());
    }
    if (e instanceof TrackEdits.Swap sw && sw.a().equals(sw.b())) {
      throw new IllegalArgumentException("a swap needs two different individuals 'a' and 'b'");
    }
    return e;
  }


}

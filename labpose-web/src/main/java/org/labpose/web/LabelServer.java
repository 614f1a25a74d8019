package org.labpose.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.Skeleton;
import org.labpose.core.project.ProjectConfig;
import org.labpose.multianimal.track.TrackEdits;

/**
 * The labeling server: the page and its JSON API over a {@link LabelStore}. Binds to 127.0.0.1 unless
 * told otherwise; on any other address every request must carry the access token (in the URL as
 * {@code ?token=}, then in a cookie the server sets, or in an {@code X-LabPose-Token} header), or it
 * gets 401. Only the project's labeled-data images are served, by name from the folder listing:
 * paths with {@code ..}, encoded separators, absolute paths and symbolic links out of the project
 * are not found.
 *
 * <p>Every request must name this server in its {@code Host} header: a loopback name ({@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]}) or the bound address, with the bound port; on a
 * wildcard address also an IP literal or this machine's name. Other names get 421, so that a page
 * on another site whose name is made to resolve to this machine (DNS rebinding) cannot read or
 * change labels. A request with an {@code Origin} header must come from the address in its {@code
 * Host} header (403 otherwise); bodies are limited to {@link #MAX_BODY_BYTES}.
 */
public final class LabelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATIC = List.of("index.html", "app.js", "app.css", "tracks.html", "tracks.js", "common.js");
  /** Largest request body accepted, bytes (a frame's points are a few hundred bytes). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final LabelStore store;
  private final TrackStore tracks;
  private final String token;
  private final Javalin app;
  private final String host;
  private final List<String> colors;
  private final String machineName;

  private LabelServer(LabelStore store, String host, int port, String token, List<String> colors) {
    this.store = store;
    this.tracks = new TrackStore(store.project());
    this.colors = colors;
    this.token = token;
    this.host = host;
    this.machineName = localName();
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = MAX_BODY_BYTES;
      cfg.routes.before(this::guard);
      cfg.routes.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
      cfg.routes.get("/static/{file}", ctx -> {
        String f = ctx.pathParam("file");
        if (!STATIC.contains(f)) {
          ctx.status(HttpStatus.NOT_FOUND).result("not found");
          return;
        }
        page(ctx, f, f.endsWith(".js") ? "text/javascript; charset=utf-8" : f.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8");
      });
      cfg.routes.get("/api/project", this::project);
      cfg.routes.get("/api/folders/{folder}", this::folder);
      cfg.routes.get("/api/frame/{folder}/{image}", this::frame);
      cfg.routes.put("/api/frame/{folder}/{image}", this::update);
      cfg.routes.get("/image/{folder}/{image}", this::image);
      cfg.routes.get("/tracks", ctx -> page(ctx, "tracks.html", "text/html; charset=utf-8"));
      cfg.routes.get("/api/tracks", this::trackList);
      cfg.routes.get("/api/tracks/{id}", this::trackState);
      cfg.routes.get("/api/tracks/{id}/poses", this::trackPoses);
      cfg.routes.get("/api/tracks/{id}/frame/{n}", this::trackFrame);
      cfg.routes.post("/api/tracks/{id}/edit", ctx -> trackChange(ctx, "edit"));
      cfg.routes.post("/api/tracks/{id}/undo", ctx -> trackChange(ctx, "undo"));
      cfg.routes.post("/api/tracks/{id}/restitch", ctx -> trackChange(ctx, "restitch"));
      cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).result(e.getMessage()));
    });
    app.start(host, port);
  }

  /**
   * Starts a server.
   *
   * @param host address to bind (127.0.0.1 by default in the command)
   * @param port port, 0 for any free one
   * @param token access token, or null: required (generated when null) unless {@code host} is a
   *     loopback address
   * @param colors one CSS colour ({@code #rrggbb}) per keypoint slot in layout order (the config's
   *     colormap, as the other drawings use), or null for evenly spaced hues
   */
  public static LabelServer start(LabelStore store, String host, int port, String token, List<String> colors) {
    String t = token;
    if (t == null && !isLoopback(host)) {
      byte[] b = new byte[18];
      new SecureRandom().nextBytes(b);
      t = HexFormat.of().formatHex(b);
    }
    if (colors != null && colors.size() != store.layout().size()) {
      throw new IllegalArgumentException("expected " + store.layout().size() + " colours, got " + colors.size());
    }
    return new LabelServer(store, host, port, t, colors == null ? null : List.copyOf(colors));
  }

  /** True for 127.0.0.0/8, ::1 and "localhost". */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The access token, or null when none is needed. */
  public String token() {
    return token;
  }

  /** The page's address, with the token when one is needed. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0")) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        h = "localhost";
      }
    }
    return "http://" + h + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
  }

  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
    String hostHeader = ctx.header("Host");
    if (!allowedHost(hostHeader)) {
      ctx.status(HttpStatus.MISDIRECTED_REQUEST).result("this server answers only to its own address (Host " + hostHeader + " refused)");
      ctx.skipRemainingHandlers();
      return;
    }
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + hostHeader)) {
      ctx.status(HttpStatus.FORBIDDEN).result("cross-origin request refused");
      ctx.skipRemainingHandlers();
      return;
    }
    if (token != null) {
      String q = ctx.queryParam("token");
      String c = ctx.cookie("labpose_token");
      String h = ctx.header("X-LabPose-Token");
      boolean ok = same(q, token) || same(c, token) || same(h, token);
      if (!ok) {
        ctx.status(HttpStatus.UNAUTHORIZED).result("a valid access token is needed: open the address that 'labpose label' printed");
        ctx.skipRemainingHandlers();
        return;
      }
      if (same(q, token)) {
        ctx.header("Set-Cookie", "labpose_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
      }
    }
  }

  /**
   * True when a {@code Host} header names this server: a loopback name or the bound address, with
   * the bound port; on a wildcard address also any IP literal or this machine's name.
   */
  boolean allowedHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    String suffix = ":" + port();
    if (!h.endsWith(suffix)) {
      return false;
    }
    String name = h.substring(0, h.length() - suffix.length());
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(name).matches()) {
      return true;
    }
    String bound = host.toLowerCase(Locale.ROOT);
    if (name.equals(bound)) {
      return true;
    }
    if (bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("0:0:0:0:0:0:0:0")) {
      if (IPV4.matcher(name).matches() || (name.contains(":") && IPV6.matcher(name).matches())) {
        return true;
      }
      return name.equals(machineName);
    }
    return false;
  }

  private static final java.util.regex.Pattern IPV4_LOOPBACK = java.util.regex.Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-f:.]+(%[0-9a-z]+)?");

  private static boolean same(String a, String b) {
    return a != null && MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void page(Context ctx, String name, String type) {
    try (InputStream in = LabelServer.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND).result("not found");
        return;
      }
      ctx.contentType(type).result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void json(Context ctx, Object value) throws IOException {
    ctx.contentType("application/json").result(JSON.writeValueAsString(value));
  }

  private void project(Context ctx) throws IOException {
    ProjectConfig c = store.project().config();
    ObjectNode o = JSON.createObjectNode();
    o.put("task", c.task());
    o.put("scorer", c.scorer());
    o.put("multiAnimal", c.multiAnimal());
    o.put("dotsize", c.dotsize());
    o.put("colormap", c.colormap());
    ArrayNode kps = o.putArray("keypoints");
    List<KeypointId> all = store.layout().keypoints();
    List<String> bodyparts = store.layout().bodyparts();
    for (int ki = 0; ki < all.size(); ki++) {
      KeypointId k = all.get(ki);
      ObjectNode kn = kps.addObject();
      kn.put("id", k.toString());
      kn.put("individual", k.individual());
      kn.put("bodypart", k.bodypart());
      int bi = bodyparts.indexOf(k.bodypart());
      int colorIndex = bi >= 0 ? bi : bodyparts.size() + store.layout().uniqueBodyparts().indexOf(k.bodypart());
      kn.put("color", colors != null ? colors.get(ki) : color(colorIndex, bodyparts.size() + store.layout().uniqueBodyparts().size()));
    }
    ArrayNode sk = o.putArray("skeleton");
    for (Skeleton.Pair p : c.skeletonEdges()) {
      sk.addArray().add(p.a()).add(p.b());
    }
    ArrayNode fs = o.putArray("folders");
    for (LabelStore.FolderInfo f : store.folders()) {
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
    List<String> images = store.images(folder);
    if (images == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("no folder " + folder);
      return;
    }
    ArrayNode a = JSON.createArrayNode();
    for (String img : images) {
      a.addObject().put("image", img).put("placed", store.placed(folder, img)).put("suggested", store.suggested(folder, img));
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
    LabelStore.FrameState s = store.frame(ctx.pathParam("folder"), ctx.pathParam("image"));
    if (s == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    json(ctx, stateJson(s));
  }

  private void update(Context ctx) throws IOException {
    String folder = ctx.pathParam("folder");
    String image = ctx.pathParam("image");
    if (store.frame(folder, image) == null) {
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
    LabelStore.Update u = store.update(folder, image, version.asLong(), pts);
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
    Path f = store.imageFile(ctx.pathParam("folder"), ctx.pathParam("image"));
    if (f == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    ctx.contentType(LabelStore.imageType(f)).result(Files.readAllBytes(f));
  }

  // ---- track view: analysed multi-animal videos ----

  private void trackList(Context ctx) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    for (TrackStore.Video v : tracks.videos()) {
      a.addObject().put("id", v.id()).put("video", v.video().getFileName().toString());
    }
    json(ctx, a);
  }

  private TrackStore.State trackOrNotFound(Context ctx) throws IOException {
    TrackStore.State st = tracks.state(ctx.pathParam("id"));
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
    for (Skeleton.Pair p : store.project().config().skeletonEdges()) {
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
    byte[] jpg = tracks.frameJpeg(ctx.pathParam("id"), n);
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
      case "undo" -> tracks.undo(id, version);
      case "restitch" -> tracks.restitch(id, version);
      default -> tracks.edit(id, version, parseEdit(body));
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


  @Override
  public void close() {
    app.stop();
    tracks.close();
  }
}

package org.labpose.web.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectSetup;
import org.labpose.video.io.VideoInfo;
import org.labpose.video.io.VideoProbe;
import org.labpose.web.LabelRoutes;
import org.labpose.web.LabelStore;
import org.labpose.web.RequestGuard;
import org.labpose.web.TrackStore;
import org.labpose.web.jobs.JobQueue;
import org.labpose.web.jobs.ProcessWork;

/**
 * LabPose Studio: the whole pipeline in one browser page. Projects are created and opened here
 * (videos chosen in a file browser confined to the allowed folders), labels edited in the labeler
 * ({@code /label}), and every long stage runs as a job of a {@link JobQueue}: the {@code labpose}
 * command itself in a child process ({@link ProcessWork}), so the page shows the exact command line
 * and a crash in a job never takes the server down. Job state and progress reach the page as
 * server-sent events once a second ({@code /api/events}).
 *
 * <p>Security as the labeler's ({@link RequestGuard}): 127.0.0.1 by default, a token on any other
 * address, the {@code Host} header checked, cross-origin requests refused, and every state-changing
 * request must carry the per-server session header only the studio's own pages can read; request
 * bodies are bounded by {@link #MAX_BODY_BYTES}. Edits are saved atomically; the config editor
 * refuses a save based on an older version of the file (409), as the labeler does for frames.
 */
public final class StudioServer implements AutoCloseable {
  /** Largest request body accepted, bytes (a config or a zones file is a few kB). */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES = List.of("studio.html", "studio.js", "studio.css");

  /**
   * How to start the studio.
   *
   * @param host address to bind (127.0.0.1 for the local machine only)
   * @param port port, 0 for any free one
   * @param token access token for other addresses, or null to make one
   * @param roots the folders the file browser may show (videos, projects)
   * @param launcher the command that starts {@code labpose} (its arguments follow)
   * @param project a project folder or config to open at start, or null
   */
  public record Options(String host, int port, String token, List<Path> roots, List<String> launcher, Path project) {}

  /** An open project with its label and track stores and its job queue. */
  private record Open(Project project, LabelStore labels, TrackStore tracks, JobQueue jobs) {}

  private final Javalin app;
  private final RequestGuard guard;
  private final FileBrowser files;
  private final List<String> launcher;
  private final String token;
  private final Consumer<String> problems;
  private volatile Open open;
  private final ConcurrentLinkedQueue<SseClient> clients = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "labpose-studio-events");
    t.setDaemon(true);
    return t;
  });

  private StudioServer(Options o, String token, Consumer<String> problems) throws IOException {
    this.files = new FileBrowser(o.roots());
    this.launcher = List.copyOf(o.launcher());
    this.token = token;
    this.problems = problems;
    int[] bound = {o.port()};
    this.guard = new RequestGuard(o.host(), () -> bound[0], token, true, "studio");
    if (o.project() != null) {
      openProject(Project.open(o.project()));
    }
    LabelRoutes labels = new LabelRoutes(() -> current() == null ? null : current().labels(), () -> current() == null ? null : current().tracks(), null);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = MAX_BODY_BYTES;
      cfg.routes.before(guard::check);
      cfg.routes.get("/", ctx -> page(ctx, "studio.html"));
      cfg.routes.get("/studio/{file}", ctx -> page(ctx, ctx.pathParam("file")));
      labels.register(cfg.routes, "/label");
      cfg.routes.get("/api/studio", this::state);
      cfg.routes.get("/api/fs", this::browse);
      cfg.routes.post("/api/project/create", this::create);
      cfg.routes.post("/api/project/open", this::openRequest);
      cfg.routes.post("/api/project/videos", this::addVideos);
      cfg.routes.get("/api/config", this::config);
      cfg.routes.put("/api/config", this::saveConfig);
      cfg.routes.put("/api/skeleton", this::saveSkeleton);
      cfg.routes.get("/api/videos", this::videos);
      cfg.routes.get("/api/videos/{name}/file", this::videoFile);
      cfg.routes.get("/api/videos/{name}/preview", this::videoPreview);
      cfg.routes.get("/api/videos/{name}/frame/{n}", this::videoFrame);
      cfg.routes.get("/api/zones", this::zones);
      cfg.routes.put("/api/zones", this::saveZones);
      cfg.routes.post("/api/zones/preview", this::previewZones);
      cfg.routes.get("/api/groups", this::groups);
      cfg.routes.put("/api/groups", this::saveGroups);
      cfg.routes.get("/api/outputs", this::outputs);
      cfg.routes.get("/api/training", this::training);
      cfg.routes.get("/files/<path>", this::file);
      cfg.routes.get("/api/jobs", this::jobs);
      cfg.routes.post("/api/jobs", this::submit);
      cfg.routes.get("/api/jobs/{id}/log", this::jobLog);
      cfg.routes.get("/api/jobs/{id}/points", this::jobPoints);
      cfg.routes.post("/api/jobs/{id}/cancel", this::cancel);
      cfg.routes.post("/api/jobs/{id}/resume", this::resume);
      cfg.routes.sse("/api/events", client -> {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("jobs", jobsJson());
      });
      cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).result(e.getMessage()));
      cfg.routes.exception(IllegalStateException.class, (e, ctx) -> ctx.status(HttpStatus.CONFLICT).result(e.getMessage()));
      cfg.routes.exception(InputFormatException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).result(e.getMessage()));
      cfg.routes.exception(FileBrowser.NotAllowedException.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).result(e.getMessage()));
    });
    app.start(o.host(), o.port());
    bound[0] = app.port();
    ticker.scheduleAtFixedRate(this::tick, 1000, 1000, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the studio.
   *
   * @param problems receives messages about failed label saves (they are retried)
   * @throws InputFormatException when the project to open is not one
   */
  public static StudioServer start(Options o, Consumer<String> problems) throws IOException {
    if (o.roots() == null || o.roots().isEmpty()) {
      throw new IllegalArgumentException("the studio needs at least one folder to browse");
    }
    return new StudioServer(o, RequestGuard.tokenFor(o.host(), o.token()), problems);
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The access token, or null on a loopback address. */
  public String token() {
    return token;
  }

  /** The address to open, with the token when one is needed. */
  public String url() {
    return guard.url("/");
  }

  private Open current() {
    return open;
  }

  private Open need() {
    Open o = open;
    if (o == null) {
      throw new IllegalStateException("no project is open: create or open one first");
    }
    return o;
  }

  private synchronized void openProject(Project p) throws IOException {
    Open old = open;
    if (old != null && old.project().root().equals(p.root())) {
      reopenLabels(p);
      return;
    }
    LabelStore labels = new LabelStore(p, problems);
    JobQueue jobs;
    try {
      jobs = new JobQueue(StudioFiles.studioDir(p));
    } catch (IOException | RuntimeException e) {
      labels.close();
      throw e;
    }
    open = new Open(p, labels, new TrackStore(p), jobs);
    if (old != null) {
      closeQuietly(old);
    }
  }

  /** Reloads the open project's config and labels from disk (after a job that wrote frames, or a config edit). */
  private synchronized void reopenLabels(Project fresh) throws IOException {
    Open o = need();
    o.labels().close();
    o.tracks().close();
    open = new Open(fresh, new LabelStore(fresh, problems), new TrackStore(fresh), o.jobs());
  }

  private static void closeQuietly(Open o) {
    o.jobs().close();
    o.tracks().close();
    try {
      o.labels().close();
    } catch (IOException e) {
      // the labels were saved at each change; a last failure is reported by the store
    }
  }

  private void tick() {
    if (clients.isEmpty()) {
      return;
    }
    ObjectNode j;
    try {
      j = jobsJson();
    } catch (RuntimeException e) {
      return;
    }
    for (SseClient c : clients) {
      if (c.terminated()) {
        clients.remove(c);
      } else {
        c.sendEvent("jobs", j.toString());
      }
    }
  }

  private static void page(Context ctx, String name) {
    if (!FILES.contains(name)) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    try (InputStream in = StudioServer.class.getResourceAsStream(name)) {
      if (in == null) {
        ctx.status(HttpStatus.NOT_FOUND).result("not found");
        return;
      }
      String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
      ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self'; style-src 'self'; frame-ancestors 'none'");
      ctx.contentType(type).result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void json(Context ctx, Object value) throws IOException {
    ctx.contentType("application/json").result(JSON.writeValueAsString(value));
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode n = JSON.readTree(ctx.body());
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
  }

  // ---- project ----

  private void state(Context ctx) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode roots = o.putArray("roots");
    files.roots().forEach(r -> roots.add(r.toString()));
    Open op = current();
    if (op == null) {
      o.putNull("project");
    } else {
      ProjectConfig c = op.project().config();
      ObjectNode p = o.putObject("project");
      p.put("root", op.project().root().toString());
      p.put("config", op.project().configFile().toString());
      p.put("task", c.task());
      p.put("scorer", c.scorer());
      p.put("multiAnimal", c.multiAnimal());
      p.put("trainingFraction", c.trainingFractions().get(0));
      ArrayNode bp = p.putArray("bodyparts");
      op.project().keypointLayout().bodyparts().forEach(bp::add);
      ArrayNode ind = p.putArray("individuals");
      op.project().keypointLayout().individuals().forEach(ind::add);
      ArrayNode sk = p.putArray("skeleton");
      c.skeletonEdges().forEach(e -> sk.addArray().add(e.a()).add(e.b()));
      ArrayNode fs = p.putArray("folders");
      for (LabelStore.FolderInfo f : op.labels().folders()) {
        fs.addObject().put("name", f.name()).put("images", f.images()).put("labelled", f.labelled());
      }
      p.put("zones", Files.exists(StudioFiles.zones(op.project())));
      p.put("groups", Files.exists(StudioFiles.groups(op.project())));
      p.put("trainingSet", Files.isDirectory(op.project().layout().dataset()));
    }
    json(ctx, o);
  }

  private void browse(Context ctx) throws Exception {
    json(ctx, files.list(ctx.queryParam("path")));
  }

  private void create(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    String task = text(b, "task");
    String experimenter = text(b, "experimenter");
    Path where = files.resolve(text(b, "workingDirectory"));
    if (!Files.isDirectory(where)) {
      throw new IllegalArgumentException("'workingDirectory' must be a folder");
    }
    List<Path> videos = chosenVideos(b);
    List<String> bodyparts = list(b, "bodyparts");
    boolean multi = b.path("multiAnimal").asBoolean(false);
    List<String> individuals = list(b, "individuals");
    if (!multi && !individuals.isEmpty()) {
      throw new IllegalArgumentException("individuals are for multi-animal projects");
    }
    Project p = ProjectSetup.create(new ProjectSetup.Request(task, experimenter, videos, VideoProbe.fullFrameCrops(videos), where,
        b.path("copyVideos").asBoolean(false), bodyparts.isEmpty() ? null : bodyparts, multi, individuals.isEmpty() ? null : individuals,
        LocalDate.now()));
    openProject(p);
    ObjectNode o = JSON.createObjectNode();
    o.put("config", p.configFile().toString());
    o.put("commandLine", StudioJobs.commandLine(createArgs(task, experimenter, videos, where, bodyparts, multi, individuals)));
    json(ctx, o);
  }

  private static List<String> createArgs(String task, String experimenter, List<Path> videos, Path where, List<String> bodyparts, boolean multi,
      List<String> individuals) {
    List<String> a = new ArrayList<>(List.of("create-project", task, experimenter));
    videos.forEach(v -> a.add(v.toString()));
    a.add("--working-directory");
    a.add(where.toString());
    if (!bodyparts.isEmpty()) {
      a.add("--bodyparts");
      a.add(String.join(",", bodyparts));
    }
    if (multi) {
      a.add("--multi-animal");
      if (!individuals.isEmpty()) {
        a.add("--individuals");
        a.add(String.join(",", individuals));
      }
    }
    return a;
  }

  private static String text(JsonNode b, String key) {
    String v = b.path(key).asText("").trim();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' is needed");
    }
    return v;
  }

  private static List<String> list(JsonNode b, String key) {
    List<String> out = new ArrayList<>();
    JsonNode n = b.path(key);
    if (n.isTextual()) {
      for (String s : n.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    } else if (n.isArray()) {
      for (JsonNode s : n) {
        if (!s.asText().isBlank()) {
          out.add(s.asText().trim());
        }
      }
    }
    return out;
  }

  /** Videos (files or folders of videos) chosen in the file browser, as real paths inside the roots. */
  private List<Path> chosenVideos(JsonNode b) throws Exception {
    List<Path> videos = new ArrayList<>();
    for (JsonNode v : b.path("videos")) {
      Path f = files.resolve(v.asText());
      if (Files.isDirectory(f)) {
        try (var s = Files.list(f)) {
          s.filter(Files::isRegularFile).filter(VideoProbe::isVideoName).sorted().forEach(videos::add);
        }
      } else {
        videos.add(f);
      }
    }
    if (videos.isEmpty()) {
      throw new IllegalArgumentException("choose at least one video (or a folder of videos)");
    }
    return videos;
  }

  /** Adds videos to the open project, as {@code labpose add-videos} does (linked into videos/, a labeled-data folder each). */
  private void addVideos(Context ctx) throws Exception {
    JsonNode b = body(ctx);
    Open op = need();
    List<Path> videos = chosenVideos(b);
    synchronized (this) {
      ProjectSetup.addVideos(op.project(), videos, VideoProbe.fullFrameCrops(videos), b.path("copyVideos").asBoolean(false));
      reopenLabels(Project.open(op.project().configFile()));
    }
    List<String> args = new ArrayList<>(List.of("add-videos", op.project().configFile().toString()));
    videos.forEach(v -> args.add(v.toString()));
    json(ctx, JSON.createObjectNode().put("commandLine", StudioJobs.commandLine(args)));
  }

  private void openRequest(Context ctx) throws Exception {
    Path f = files.resolve(text(body(ctx), "path"));
    openProject(Project.open(f));
    state(ctx);
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A text file as the page edits it: its path, its text ("" when it does not exist) and its {@link #version}. */
  private static void sendText(Context ctx, Path f) throws IOException {
    boolean exists = Files.exists(f);
    byte[] b = exists ? Files.readAllBytes(f) : new byte[0];
    ObjectNode o = JSON.createObjectNode();
    o.put("path", f.toString());
    o.put("text", new String(b, StandardCharsets.UTF_8));
    o.put("version", exists ? sha256(b) : "");
    json(ctx, o);
  }

  /**
   * True, with a 409 answer, when {@code f} changed since the page read it: the body's {@code
   * version} is not the file's (another tab or program saved in between).
   */
  private static boolean stale(Context ctx, Path f, JsonNode body, String reload) throws IOException {
    if (version(f).equals(body.path("version").asText(""))) {
      return false;
    }
    ctx.status(HttpStatus.CONFLICT).result(f + " changed since this page read it (another tab or program): " + reload);
    return true;
  }

  private void config(Context ctx) throws IOException {
    sendText(ctx, need().project().configFile());
  }

  /** Saves an edited config: refused (409) when the file changed since the page read it, (400) when it is not a valid config. */
  private void saveConfig(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Open op = need();
    synchronized (this) {
      Path f = op.project().configFile();
      String text = b.path("text").asText(null);
      if (text == null) {
        throw new IllegalArgumentException("'text' is needed");
      }
      if (stale(ctx, f, b, "reload it and edit again")) {
        return;
      }
      ProjectConfig.parse(f, text);
      AtomicFiles.writeString(f, text);
      reopenLabels(Project.open(f));
    }
    config(ctx);
  }

  /** Replaces the config's skeleton with the given bodypart pairs (each a known bodypart). */
  private void saveSkeleton(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Open op = need();
    List<String> bodyparts = new ArrayList<>(op.project().keypointLayout().bodyparts());
    bodyparts.addAll(op.project().keypointLayout().uniqueBodyparts());
    List<List<String>> pairs = new ArrayList<>();
    for (JsonNode pair : b.path("pairs")) {
      if (!pair.isArray() || pair.size() != 2 || !bodyparts.contains(pair.get(0).asText()) || !bodyparts.contains(pair.get(1).asText())
          || pair.get(0).asText().equals(pair.get(1).asText())) {
        throw new IllegalArgumentException("each pair must name two different bodyparts of the project, found " + pair);
      }
      pairs.add(List.of(pair.get(0).asText(), pair.get(1).asText()));
    }
    synchronized (this) {
      Path f = op.project().configFile();
      ProjectConfig c = ProjectConfig.read(f);
      c.set("skeleton", pairs);
      c.write(f);
      reopenLabels(Project.open(f));
    }
    state(ctx);
  }

  // ---- videos ----

  private void videoFile(Context ctx) throws IOException {
    Path v = video(need().project(), ctx.pathParam("name"));
    if (v == null || !Files.isRegularFile(v)) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    ctx.writeSeekableStream(Files.newInputStream(v), "video/mp4", Files.size(v));
  }

  private List<Path> projectVideos(Project p) {
    List<Path> out = new ArrayList<>();
    for (ProjectConfig.VideoSet v : p.config().videoSets()) {
      out.add(p.resolveVideo(v.path()));
    }
    return out;
  }

  private Path video(Project p, String name) {
    for (Path v : projectVideos(p)) {
      if (v.getFileName().toString().equals(name)) {
        return v;
      }
    }
    return null;
  }

  private void videos(Context ctx) throws IOException {
    Open op = need();
    ArrayNode a = JSON.createArrayNode();
    for (Path v : projectVideos(op.project())) {
      ObjectNode n = a.addObject();
      n.put("name", v.getFileName().toString());
      n.put("path", v.toString());
      try {
        VideoInfo i = VideoProbe.probe(v);
        n.put("width", i.width()).put("height", i.height()).put("fps", i.fps()).put("frames", i.frameCount()).put("codec", i.codec());
        n.put("playable", "h264".equals(i.codec()) || "vp9".equals(i.codec()) || "av1".equals(i.codec()));
        n.put("preview", Files.isRegularFile(StudioFiles.preview(op.project(), v)));
      } catch (IOException e) {
        n.put("error", e.getMessage());
      }
      JobQueue.Job check = null;
      for (JobQueue.Job j : op.jobs().list()) {
        if (j.commandLine().size() > 1 && j.commandLine().get(0).equals("check-video") && j.commandLine().contains(v.toString())) {
          check = j;
        }
      }
      n.put("check", check == null ? null : check.state() == JobQueue.State.DONE ? "every frame decoded" : check.state() == JobQueue.State.FAILED
          ? "failed: " + check.error() : check.state().toString().toLowerCase(Locale.ROOT));
    }
    json(ctx, a);
  }

  private void videoFrame(Context ctx) throws IOException {
    Open op = need();
    Path v = video(op.project(), ctx.pathParam("name"));
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the frame must be a whole number, found '" + ctx.pathParam("n") + "'");
    }
    byte[] jpg = v == null ? null : VideoFrames.jpeg(v, n);
    if (jpg == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("no frame " + n + " in " + ctx.pathParam("name"));
      return;
    }
    ctx.contentType("image/jpeg").result(jpg);
  }

  /** The browser preview of a project video, once {@code labpose preview-video} made it. */
  private void videoPreview(Context ctx) throws IOException {
    Open op = need();
    Path v = video(op.project(), ctx.pathParam("name"));
    Path f = v == null ? null : StudioFiles.preview(op.project(), v);
    if (f == null || !Files.isRegularFile(f)) {
      ctx.status(HttpStatus.NOT_FOUND).result("no preview of " + ctx.pathParam("name") + " yet");
      return;
    }
    ctx.writeSeekableStream(Files.newInputStream(f), "video/mp4", Files.size(f));
  }

  // ---- behaviour ----

  /** A file's version for conflict checks: the SHA-256 of its bytes, "" when it does not exist. */
  private static String version(Path f) throws IOException {
    return Files.exists(f) ? sha256(Files.readAllBytes(f)) : "";
  }

  private void zones(Context ctx) throws IOException {
    sendText(ctx, StudioFiles.zones(need().project()));
  }

  /**
   * Saves the zones file after checking it as the assay reads it (400 with the line when it is wrong);
   * refused (409) when the file changed since the page read it (its {@code version}).
   */
  private void saveZones(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Path f = StudioFiles.zones(need().project());
    String text = b.path("text").asText("");
    synchronized (this) {
      if (stale(ctx, f, b, "reload the Behaviour view and draw again")) {
        return;
      }
      ZoneFile.parse(text, f);
      AtomicFiles.writeString(f, text);
    }
    zones(ctx);
  }

  /**
   * The zones a zones file describes, as the assay will use them: each zone's outlines in pixels
   * ({@code [[xs], [ys]]}), generated ones (open-field center, maze arms, chambers) included.
   */
  private void previewZones(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    org.labpose.analysis.zones.ZoneSet set = ZoneFile.parse(b.path("text").asText(""), StudioFiles.zones(need().project()));
    ObjectNode o = JSON.createObjectNode();
    ArrayNode zs = o.putArray("zones");
    for (org.labpose.analysis.zones.Zone z : set.zones()) {
      ObjectNode zn = zs.addObject().put("name", z.name());
      zn.set("outlines", JSON.valueToTree(z.outlines()));
    }
    if (set.arena() != null) {
      o.set("arena", JSON.valueToTree(set.arena().outlines()));
    }
    json(ctx, o);
  }

  private void groups(Context ctx) throws IOException {
    sendText(ctx, StudioFiles.groups(need().project()));
  }

  /**
   * Saves the groups table from rows {video, group}; a row without a group is left out (no file
   * when no row has one). Refused (409) when the file changed since the page read it.
   */
  private void saveGroups(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Path f = StudioFiles.groups(need().project());
    StringBuilder s = new StringBuilder("video,group\n");
    int n = 0;
    for (JsonNode r : b.path("rows")) {
      String v = r.path("video").asText("").trim();
      String g = r.path("group").asText("").trim();
      if (g.isEmpty()) {
        continue;
      }
      if (v.isEmpty() || v.contains(",") || g.contains(",") || v.contains("\n") || g.contains("\n")) {
        throw new IllegalArgumentException("row " + (n + 1) + ": a video and a group are needed, without commas");
      }
      s.append(v).append(',').append(g).append('\n');
      n++;
    }
    synchronized (this) {
      if (stale(ctx, f, b, "reload the Behaviour view")) {
        return;
      }
      if (n == 0) {
        Files.deleteIfExists(f);
      } else {
        AtomicFiles.writeString(f, s.toString());
      }
    }
    groups(ctx);
  }


  // ---- results ----

  private void outputs(Context ctx) throws IOException {
    json(ctx, StudioFiles.outputs(need().project(), 500));
  }

  private void file(Context ctx) throws IOException {
    Path f = StudioFiles.servable(need().project(), ctx.pathParam("path"));
    if (f == null) {
      ctx.status(HttpStatus.NOT_FOUND).result("not found");
      return;
    }
    String type = StudioFiles.type(f);
    if (type.startsWith("text/html") || type.startsWith("image/svg")) {
      // reports open as their own document with no access to the studio's API
      ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src data: 'self'; style-src 'unsafe-inline'");
    }
    if (type.equals("video/mp4")) {
      ctx.writeSeekableStream(Files.newInputStream(f), type, Files.size(f));
    } else {
      ctx.contentType(type).result(Files.readAllBytes(f));
    }
  }

  /** The training curves of the config's first shuffle: loss per step ({@code log.csv}) and test error ({@code test_log.csv}). */
  private void training(Context ctx) throws IOException {
    Project p = need().project();
    int shuffle = StudioJobs.integer(JSON.createObjectNode().put("s", ctx.queryParamAsClass("shuffle", String.class).getOrDefault("1")), "s", 1, 1, 1000);
    Path dir = p.layout().modelDir(p.config().trainingFractions().get(0), shuffle).resolve("train");
    ObjectNode o = JSON.createObjectNode();
    o.put("folder", p.root().relativize(dir).toString());
    o.set("loss", curve(dir.resolve("log.csv"), 1));
    o.set("testError", curve(dir.resolve("test_log.csv"), 1));
    json(ctx, o);
  }

  /** Columns 0 and {@code col} of a CSV with a header, as [[x, y], …] (at most 2,000 points, evenly thinned). */
  private static ArrayNode curve(Path f, int col) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    if (!Files.exists(f)) {
      return a;
    }
    List<String> lines = Files.readAllLines(f);
    int n = lines.size() - 1;
    int step = Math.max(1, n / 2000);
    for (int i = 1; i < lines.size(); i += step) {
      String[] c = lines.get(i).split(",");
      try {
        a.addArray().add(Double.parseDouble(c[0])).add(Double.parseDouble(c[col]));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        // a line being written
      }
    }
    return a;
  }

  // ---- jobs ----

  private ObjectNode jobsJson() {
    ObjectNode o = JSON.createObjectNode();
    Open op = current();
    ArrayNode a = o.putArray("jobs");
    if (op != null) {
      for (JobQueue.Job j : op.jobs().list()) {
        ObjectNode n = JSON.valueToTree(j);
        n.put("command", StudioJobs.commandLine(j.commandLine()));
        a.add(n);
      }
    }
    return o;
  }

  private void jobs(Context ctx) throws IOException {
    json(ctx, jobsJson());
  }

  private void submit(Context ctx) throws IOException {
    JsonNode b = body(ctx);
    Open op = need();
    String kind = b.path("kind").asText("");
    if (!StudioJobs.kinds().contains(kind)) {
      throw new IllegalArgumentException("unknown job '" + kind + "'");
    }
    JsonNode options = b.path("options").isObject() ? b.path("options") : JSON.createObjectNode();
    StudioJobs.Spec spec = StudioJobs.build(kind, options, op.project(), projectVideos(op.project()));
    if (kind.equals("create-training-dataset") || kind.equals("train")) {
      op.labels().save();
    }
    if (kind.equals("assay") && !Files.exists(StudioFiles.zones(op.project()))) {
      throw new IllegalArgumentException("draw the zones first (Behaviour: save zones)");
    }
    String id = queue(op, spec, spec.args());
    json(ctx, JSON.createObjectNode().put("id", id).put("command", StudioJobs.commandLine(spec.args())));
  }

  private String queue(Open op, StudioJobs.Spec spec, List<String> args) throws IOException {
    ProcessWork work = new ProcessWork(launcher, args, op.project().root());
    return op.jobs().submit(spec.name(), args, spec.heavy(), spec.resumable(), ctx -> {
      try {
        work.run(ctx);
      } finally {
        if (spec.changesLabels() && current() == op) {
          reopenLabels(Project.open(op.project().configFile()));
        }
      }
    });
  }

  private JobQueue.Job job(Context ctx) {
    JobQueue.Job j = need().jobs().get(ctx.pathParam("id"));
    if (j == null) {
      throw new IllegalArgumentException("no job " + ctx.pathParam("id"));
    }
    return j;
  }

  /** The job's log from byte {@code from} on (at most 256 kB), with the offset to ask from next. */
  private void jobLog(Context ctx) throws IOException {
    JobQueue.Job j = job(ctx);
    Path f = need().jobs().log(j.id());
    long from = Math.max(0, ctx.queryParamAsClass("from", Long.class).getOrDefault(0L));
    ObjectNode o = JSON.createObjectNode();
    if (!Files.exists(f)) {
      o.put("text", "").put("next", 0);
    } else {
      try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
        long len = r.length();
        long start = Math.min(from, len);
        if (len - start > 256 * 1024) {
          start = len - 256 * 1024;
        }
        byte[] b = new byte[(int) (len - start)];
        r.seek(start);
        r.readFully(b);
        o.put("text", new String(b, StandardCharsets.UTF_8)).put("next", len);
      }
    }
    json(ctx, o);
  }

  /** The job's series as {name: [[x, y], …]} (thinned to at most 2,000 points each). */
  private void jobPoints(Context ctx) throws IOException {
    JobQueue.Job j = job(ctx);
    Path f = need().jobs().points(j.id());
    ObjectNode o = JSON.createObjectNode();
    if (Files.exists(f)) {
      List<String> lines = Files.readAllLines(f);
      int step = Math.max(1, lines.size() / 2000);
      for (int i = 0; i < lines.size(); i += step) {
        String[] c = lines.get(i).split(",");
        if (c.length == 3) {
          ArrayNode s = o.has(c[0]) ? (ArrayNode) o.get(c[0]) : o.putArray(c[0]);
          try {
            s.addArray().add(Double.parseDouble(c[1])).add(Double.parseDouble(c[2]));
          } catch (NumberFormatException e) {
            // a line being written
          }
        }
      }
    }
    json(ctx, o);
  }

  private void cancel(Context ctx) throws IOException {
    JobQueue.Job j = job(ctx);
    json(ctx, JSON.createObjectNode().put("cancelled", need().jobs().cancel(j.id())));
  }

  /** Starts a stopped resumable job again with {@code --resume}. */
  private void resume(Context ctx) throws IOException {
    JobQueue.Job j = job(ctx);
    if (!j.resumable() || j.active()) {
      throw new IllegalArgumentException("job " + j.id() + " cannot be resumed" + (j.active() ? " while it waits or runs" : ""));
    }
    List<String> args = new ArrayList<>(j.commandLine());
    if (!args.contains("--resume")) {
      args.add("--resume");
    }
    String id = queue(need(), new StudioJobs.Spec(j.name() + " (resumed)", args, j.heavy(), true, false), args);
    json(ctx, JSON.createObjectNode().put("id", id).put("command", StudioJobs.commandLine(args)));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    for (SseClient c : clients) {
      c.close();
    }
    app.stop();
    Open o = open;
    if (o != null) {
      closeQuietly(o);
    }
  }
}

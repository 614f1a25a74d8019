package org.labpose.web.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;
import org.labpose.web.RawHttp;

/**
 * The studio's API and its defences: the session header on every change, Host and Origin checks,
 * the token away from loopback, the file browser and the result files confined, bounded bodies,
 * edits checked and refused on conflict, and jobs that run a command line in a child process
 * (here a shell script standing in for {@code labpose}).
 */
class StudioServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  @TempDir Path outside;
  private StudioServer server;
  private String session;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A studio over {@code dir} whose jobs run {@code sh -c script labpose ARGS…}. */
  private void start(String host, String token, String script) throws Exception {
    server = StudioServer.start(new StudioServer.Options(host, 0, token, List.of(dir), List.of("sh", "-c", script, "labpose"), null), m -> { });
    if (token == null) {
      RawHttp.Response page = RawHttp.send(server.port(), "GET", "/", Map.of(), null);
      assertEquals(200, page.status());
      String cookie = page.headers().get("set-cookie");
      assertNotNull(cookie, "the page sets the session cookie");
      assertTrue(cookie.contains("SameSite=Strict"), cookie);
      session = cookie.replaceAll("(?s).*labpose_session=([0-9a-f]+).*", "$1");
    }
  }

  private RawHttp.Response call(String method, String path, String body) throws Exception {
    Map<String, String> h = new HashMap<>();
    h.put("X-LabPose-Session", session);
    h.put("Origin", "http://127.0.0.1:" + server.port());
    return RawHttp.send(server.port(), method, path, h, body);
  }

  private JsonNode json(RawHttp.Response r) throws Exception {
    assertEquals(200, r.status(), r.body());
    return JSON.readTree(r.body());
  }

  /** A project made through the API from a 10-frame synthetic video. */
  private Path createProject() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    SyntheticVideo.generate(SynthConfig.defaults().withFrames(10), data.resolve("m.mp4"), null, null);
    JsonNode r = json(call("POST", "/api/project/create", JSON.createObjectNode().put("task", "t").put("experimenter", "e")
        .put("bodyparts", "snout,tailbase").put("workingDirectory", dir.toString())
        .set("videos", JSON.createArrayNode().add(data.resolve("m.mp4").toString())).toString()));
    assertTrue(r.get("commandLine").asText().startsWith("labpose create-project t e "), r.toString());
    return Path.of(r.get("config").asText()).getParent();
  }

  @Test
  void changesNeedTheSessionHeaderOfTheStudiosOwnPage() throws Exception {
    start("127.0.0.1", null, "exit 0");
    assertNull(server.token(), "no token on loopback");
    String open = "{\"path\":\"" + dir + "\"}";
    int port = server.port();
    assertEquals(403, RawHttp.send(port, "POST", "/api/project/open", Map.of(), open).status(), "no session header");
    assertEquals(403, RawHttp.send(port, "POST", "/api/project/open", Map.of("X-LabPose-Session", "0123"), open).status(), "a wrong one");
    assertEquals(403, RawHttp.send(port, "POST", "/api/project/open", Map.of("X-LabPose-Session", session, "Origin", "http://evil.example"), open).status(),
        "cross-site, even with the secret");
    assertEquals(421, RawHttp.send(port, "POST", "/api/project/open", Map.of("X-LabPose-Session", session, "Host", "evil.example:" + port), open).status(),
        "DNS rebinding");
    assertEquals(421, RawHttp.send(port, "GET", "/api/studio", Map.of("Host", "evil.example:" + port), null).status());
    RawHttp.Response heard = call("POST", "/api/project/open", open);
    assertEquals(400, heard.status(), "with the header the request is heard: no project there");
    assertTrue(heard.body().contains("config.yaml"), heard.body());
    assertEquals(409, call("POST", "/api/jobs", "{\"kind\":\"analyze\"}").status(), "no project open yet");
    Path root = createProject();
    assertTrue(Files.exists(root.resolve("config.yaml")));
    assertEquals(200, call("POST", "/api/project/open", "{\"path\":\"" + root.resolve("config.yaml") + "\"}").status());
    String page = RawHttp.send(port, "GET", "/", Map.of(), null).headers().get("content-security-policy");
    assertTrue(page.contains("default-src 'self'") && page.contains("frame-ancestors 'none'"), page);
  }

  @Test
  void awayFromLoopbackEveryRequestNeedsTheToken() throws Exception {
    start("0.0.0.0", "s3cret", "exit 0");
    int port = server.port();
    assertTrue(server.url().endsWith("/?token=s3cret"), server.url());
    assertEquals(401, RawHttp.send(port, "GET", "/api/studio", Map.of(), null).status());
    assertEquals(401, RawHttp.send(port, "GET", "/api/fs?path=" + dir, Map.of(), null).status());
    assertEquals(401, RawHttp.send(port, "GET", "/?token=wrong", Map.of(), null).status());
    RawHttp.Response ok = RawHttp.send(port, "GET", "/?token=s3cret", Map.of(), null);
    assertEquals(200, ok.status());
    assertTrue(ok.headers().get("set-cookie").contains("labpose_token=s3cret"), ok.headers().toString());
    assertEquals(200, RawHttp.send(port, "GET", "/api/studio", Map.of("X-LabPose-Token", "s3cret"), null).status());
    assertEquals(200, RawHttp.send(port, "GET", "/api/studio", Map.of("Cookie", "labpose_token=s3cret"), null).status());
  }

  @Test
  void theFileBrowserNeverLeavesItsRoots() throws Exception {
    start("127.0.0.1", null, "exit 0");
    Files.writeString(outside.resolve("secret.txt"), "s");
    Files.createDirectories(dir.resolve("videos"));
    Files.writeString(dir.resolve("videos/a.mp4"), "x");
    Files.createSymbolicLink(dir.resolve("videos/escape"), outside);
    Files.createSymbolicLink(dir.resolve("videos/secret.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(dir.resolve("videos/inside"), dir.resolve("videos/a.mp4"));
    JsonNode roots = json(call("GET", "/api/fs", null));
    assertEquals(1, roots.get("entries").size());
    assertEquals(dir.toRealPath().toString(), roots.get("entries").get(0).get("path").asText());
    JsonNode listing = json(call("GET", "/api/fs?path=" + dir.resolve("videos"), null));
    StringBuilder names = new StringBuilder();
    listing.get("entries").forEach(e -> names.append(e.get("name").asText()).append(' '));
    assertEquals("a.mp4 inside ", names.toString(), "links out of the roots are not listed");
    for (String p : List.of(outside.toString(), dir.resolve("videos/escape").toString(), dir.resolve("videos/secret.txt").toString(),
        dir.resolve("..").toString(), dir.resolve("videos/../..").toString(), "/etc", "etc", "videos", dir + "/nothere")) {
      assertEquals(404, call("GET", "/api/fs?path=" + java.net.URLEncoder.encode(p, StandardCharsets.UTF_8), null).status(), p);
    }
    String create = JSON.createObjectNode().put("task", "t").put("experimenter", "e").put("workingDirectory", outside.toString())
        .set("videos", JSON.createArrayNode().add(dir.resolve("videos/a.mp4").toString())).toString();
    assertEquals(404, call("POST", "/api/project/create", create).status(), "no project outside the roots");
    assertFalse(Files.list(outside).anyMatch(p -> p.getFileName().toString().startsWith("t-e-")));
  }

  @Test
  void resultFilesAreServedFromTheProjectOnly() throws Exception {
    start("127.0.0.1", null, "exit 0");
    Path root = createProject();
    Files.createDirectories(root.resolve("assay"));
    Files.writeString(root.resolve("assay/assay_report.html"), "<html><body>report</body></html>");
    Files.writeString(outside.resolve("x.html"), "outside");
    Files.createSymbolicLink(root.resolve("assay/link.html"), outside.resolve("x.html"));
    RawHttp.Response r = call("GET", "/files/assay/assay_report.html", null);
    assertEquals(200, r.status());
    assertTrue(r.headers().get("content-security-policy").contains("sandbox"), "a report cannot script the studio");
    assertTrue(json(call("GET", "/api/outputs", null)).toString().contains("assay/assay_report.html"));
    for (String p : List.of("/files/assay/link.html", "/files/../../" + outside.getFileName() + "/x.html", "/files/%2e%2e/%2e%2e/etc/passwd",
        "/files/.labpose-studio/jobs.json", "/files/videos/m.mp4", "/files/assay/none.html", "/files/config.exe")) {
      int st = call("GET", p, null).status();
      assertTrue(st == 404 || st == 400, p + " gave " + st);
    }
    assertEquals(200, call("GET", "/api/videos/m.mp4/frame/0", null).status());
    assertEquals(404, call("GET", "/api/videos/m.mp4/frame/10", null).status());
    assertEquals(404, call("GET", "/api/videos/..%2fm.mp4/file", null).status());
  }

  @Test
  void aMultiAnimalProjectIsCreatedWithItsIndividuals() throws Exception {
    start("127.0.0.1", null, "exit 0");
    Path data = Files.createDirectories(dir.resolve("pair"));
    SyntheticVideo.generate(SynthConfig.defaults().withFrames(5).withAnimals(2), data.resolve("pair.mp4"), null, null);
    String body = JSON.createObjectNode().put("task", "social").put("experimenter", "e").put("bodyparts", "snout,tailbase")
        .put("multiAnimal", true).put("individuals", "m1, m2").put("workingDirectory", dir.toString())
        .set("videos", JSON.createArrayNode().add(data.toString())).toString();
    JsonNode created = json(call("POST", "/api/project/create", body));
    assertTrue(created.get("commandLine").asText().endsWith("--multi-animal --individuals m1,m2"), created.toString());
    JsonNode st = json(call("GET", "/api/studio", null)).get("project");
    assertTrue(st.get("multiAnimal").asBoolean());
    assertEquals("[\"m1\",\"m2\"]", st.get("individuals").toString());
    assertEquals(1, json(call("GET", "/api/videos", null)).size(), "the folder's video");
    String single = JSON.createObjectNode().put("task", "x").put("experimenter", "e").put("individuals", "m1").put("workingDirectory", dir.toString())
        .set("videos", JSON.createArrayNode().add(data.toString())).toString();
    assertEquals(400, call("POST", "/api/project/create", single).status(), "individuals without several animals");
  }

  @Test
  void bodiesAreBounded() throws Exception {
    start("127.0.0.1", null, "exit 0");
    createProject();
    String big = "{\"text\":\"" + "x".repeat(StudioServer.MAX_BODY_BYTES + 1) + "\"}";
    assertEquals(413, call("PUT", "/api/zones", big).status());
  }

  @Test
  void editsAreCheckedAndTwoTabsGetAConflict() throws Exception {
    start("127.0.0.1", null, "exit 0");
    Path root = createProject();
    Path config = root.resolve("config.yaml");
    JsonNode tab1 = json(call("GET", "/api/config", null));
    JsonNode tab2 = json(call("GET", "/api/config", null));
    String edited = tab1.get("text").asText().replace("dotsize: 12", "dotsize: 7");
    assertTrue(edited.contains("dotsize: 7"));
    JsonNode saved = json(call("PUT", "/api/config", JSON.createObjectNode().put("text", edited).put("version", tab1.get("version").asText()).toString()));
    assertTrue(Files.readString(config).contains("dotsize: 7"));
    RawHttp.Response late = call("PUT", "/api/config", JSON.createObjectNode().put("text", tab2.get("text").asText()).put("version", tab2.get("version").asText()).toString());
    assertEquals(409, late.status(), "the second tab's older copy is refused");
    assertTrue(Files.readString(config).contains("dotsize: 7"), "not overwritten");
    RawHttp.Response bad = call("PUT", "/api/config", JSON.createObjectNode().put("text", "Task: [unclosed\n").put("version", saved.get("version").asText()).toString());
    assertEquals(400, bad.status());
    assertTrue(bad.body().contains("config.yaml"), bad.body());
    assertTrue(Files.readString(config).contains("dotsize: 7"), "a bad config is not written");

    RawHttp.Response zones = call("PUT", "/api/zones", "{\"version\":\"\",\"text\":\"zones:\\n  - {name: c, shape: circle}\\n\"}");
    assertEquals(400, zones.status());
    assertTrue(zones.body().contains("zones.yaml: line 2"), zones.body());
    assertFalse(Files.exists(root.resolve("zones.yaml")));
    JsonNode z1 = json(call("PUT", "/api/zones", "{\"version\":\"\",\"text\":\"zones:\\n  - {name: c, shape: circle, cx: 10, cy: 10, radius: 5}\\n\"}"));
    assertTrue(Files.readString(root.resolve("zones.yaml")).contains("radius: 5"));
    assertEquals(409, call("PUT", "/api/zones", "{\"version\":\"\",\"text\":\"zones: []\\n\"}").status(), "a tab that read no zones file");
    assertTrue(Files.readString(root.resolve("zones.yaml")).contains("radius: 5"), "not overwritten");
    json(call("PUT", "/api/zones", "{\"version\":\"" + z1.get("version").asText() + "\",\"text\":\"zones:\\n  - {name: c, shape: circle, cx: 10, cy: 10, radius: 6}\\n\"}"));
    JsonNode preview = json(call("POST", "/api/zones/preview", "{\"text\":\"arena:\\n  corners: [[0, 0], [320, 0], [320, 240], [0, 240]]\\n  width_cm: 32\\n  height_cm: 24\\nzones:\\n  - {name: center, shape: open_field_center, margin_cm: 6}\\n\"}"));
    JsonNode outline = preview.get("zones").get(0).get("outlines").get(0);
    assertEquals("center", preview.get("zones").get(0).get("name").asText());
    assertEquals(60, outline.get(0).get(0).asDouble(), 1e-6, "6 cm in from the arena's left edge at 10 px/cm: " + outline);
    JsonNode g1 = json(call("PUT", "/api/groups", "{\"version\":\"\",\"rows\":[{\"video\":\"m\",\"group\":\"saline\"},{\"video\":\"n\",\"group\":\"\"}]}"));
    assertEquals("video,group\nm,saline\n", Files.readString(root.resolve("groups.csv")), "a row without a group is left out");
    assertEquals(409, call("PUT", "/api/groups", "{\"version\":\"\",\"rows\":[{\"video\":\"m\",\"group\":\"drug\"}]}").status(), "an older copy");
    assertEquals(400, call("PUT", "/api/groups", "{\"version\":\"" + g1.get("version").asText() + "\",\"rows\":[{\"video\":\"m,x\",\"group\":\"a\"}]}").status());
    assertEquals("video,group\nm,saline\n", Files.readString(root.resolve("groups.csv")));
    json(call("PUT", "/api/skeleton", "{\"pairs\":[[\"snout\",\"tailbase\"]]}"));
    assertTrue(Files.readString(config).contains("- snout\n  - tailbase") || Files.readString(config).contains("[snout, tailbase]"), Files.readString(config));
    assertEquals(400, call("PUT", "/api/skeleton", "{\"pairs\":[[\"snout\",\"wing\"]]}").status());
  }

  @Test
  void jobOptionsAreChecked() throws Exception {
    start("127.0.0.1", null, "exit 0");
    createProject();
    for (String bad : List.of("{\"kind\":\"rm\"}", "{\"kind\":\"extract-frames\",\"options\":{\"num\":\"abc\"}}",
        "{\"kind\":\"extract-frames\",\"options\":{\"num\":0}}", "{\"kind\":\"analyze\",\"options\":{\"videos\":[\"/etc/passwd\"]}}",
        "{\"kind\":\"train\",\"options\":{\"crop\":100}}", "{\"kind\":\"create-training-dataset\",\"options\":{\"net\":\"a b;rm\"}}",
        "{\"kind\":\"assay\"}")) {
      RawHttp.Response r = call("POST", "/api/jobs", bad);
      assertEquals(400, r.status(), bad + ": " + r.body());
    }
    assertEquals(0, json(call("GET", "/api/jobs", null)).get("jobs").size());
  }

  private JsonNode awaitJob(String id) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode j : json(call("GET", "/api/jobs", null)).get("jobs")) {
        if (j.get("id").asText().equals(id) && !List.of("QUEUED", "RUNNING").contains(j.get("state").asText())) {
          return j;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + id + " did not end");
  }

  @Test
  void aJobRunsItsCommandLineAndReportsProgressLogAndLoss() throws Exception {
    String script = "echo \"args: $*\"; echo '@labpose-progress {\"label\":\"  training\",\"done\":5,\"total\":10,\"unit\":\"steps\",\"rate\":2.5,\"eta_s\":2,\"loss\":0.5}';"
        + " echo '@labpose-progress {\"label\":\"  training\",\"done\":10,\"total\":10,\"unit\":\"steps\",\"rate\":2.5,\"loss\":0.25}'; echo \"LABPOSE_PROGRESS=$LABPOSE_PROGRESS\"";
    start("127.0.0.1", null, script);
    Path root = createProject();
    JsonNode sub = json(call("POST", "/api/jobs", "{\"kind\":\"train\",\"options\":{\"maxIters\":10,\"crop\":128,\"trainFraction\":0.8}}"));
    assertTrue(sub.get("command").asText().startsWith("labpose train " + root.resolve("config.yaml") + " --train-fraction 0.8 --max-iters 10"), sub.toString());
    JsonNode j = awaitJob(sub.get("id").asText());
    assertEquals("DONE", j.get("state").asText(), j.toString());
    assertEquals(1.0, j.get("progress").asDouble());
    assertTrue(j.get("detail").asText().contains("10/10 steps, 2.5 steps/s, loss 0.25"), j.toString());
    String log = json(call("GET", "/api/jobs/" + j.get("id").asText() + "/log", null)).get("text").asText();
    assertTrue(log.contains("args: train " + root.resolve("config.yaml") + " --train-fraction 0.8"), log);
    assertTrue(log.contains("LABPOSE_PROGRESS=1"), log);
    assertFalse(log.contains("@labpose-progress"), "progress lines become progress, not log");
    assertEquals("{\"loss\":[[5.0,0.5],[10.0,0.25]]}", call("GET", "/api/jobs/" + j.get("id").asText() + "/points", null).body());

    JsonNode resumed = json(call("POST", "/api/jobs/" + j.get("id").asText() + "/resume", "{}"));
    assertTrue(resumed.get("command").asText().endsWith(" --resume"), resumed.toString());
    assertEquals(400, call("POST", "/api/jobs/nojob/cancel", "{}").status());
  }

  @Test
  void aFailedCommandSaysWhyAndACancelledOneStops() throws Exception {
    start("127.0.0.1", null, "case \"$1\" in extract-frames) echo 'labpose: warning: slow disk'; echo 'labpose: error: m.mp4: frame 3 cannot be decoded' >&2; exit 2;; *) sleep 60;; esac");
    createProject();
    JsonNode failed = awaitJob(json(call("POST", "/api/jobs", "{\"kind\":\"extract-frames\"}")).get("id").asText());
    assertEquals("FAILED", failed.get("state").asText());
    assertEquals("m.mp4: frame 3 cannot be decoded", failed.get("error").asText());
    String id = json(call("POST", "/api/jobs", "{\"kind\":\"check-video\"}")).get("id").asText();
    long t0 = System.nanoTime();
    while (!json(call("GET", "/api/jobs", null)).toString().contains("\"RUNNING\"")) {
      Thread.sleep(20);
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the job started");
    }
    assertTrue(json(call("POST", "/api/jobs/" + id + "/cancel", "{}")).get("cancelled").asBoolean());
    JsonNode cancelled = awaitJob(id);
    assertEquals("CANCELLED", cancelled.get("state").asText());
    assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")), "the child process is gone");
  }

  @Test
  void aServerRestartMarksRunningJobsInterruptedAndTheyResume() throws Exception {
    start("127.0.0.1", null, "sleep 60");
    Path root = createProject();
    String id = json(call("POST", "/api/jobs", "{\"kind\":\"train\",\"options\":{\"maxIters\":5,\"crop\":128}}")).get("id").asText();
    long t0 = System.nanoTime();
    while (!json(call("GET", "/api/jobs", null)).toString().contains("\"RUNNING\"")) {
      Thread.sleep(20);
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the job started");
    }
    server.close();
    server = null;
    assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep")), "stopping the server stops its jobs");
    server = StudioServer.start(new StudioServer.Options("127.0.0.1", 0, null, List.of(dir), List.of("sh", "-c", "exit 0", "labpose"), root), m -> { });
    session = RawHttp.send(server.port(), "GET", "/", Map.of(), null).headers().get("set-cookie").replaceAll("(?s).*labpose_session=([0-9a-f]+).*", "$1");
    JsonNode j = json(call("GET", "/api/jobs", null)).get("jobs").get(0);
    assertEquals(id, j.get("id").asText());
    assertEquals("INTERRUPTED", j.get("state").asText());
    assertTrue(j.get("resumable").asBoolean());
    JsonNode again = json(call("POST", "/api/jobs/" + id + "/resume", "{}"));
    assertEquals("DONE", awaitJob(again.get("id").asText()).get("state").asText());
    assertTrue(again.get("command").asText().endsWith("--crop 128 --augment default --init auto --checkpoint-every 500 --test-every 500 --resume"), again.toString());
  }

  @Test
  void progressReachesThePageAsServerSentEvents() throws Exception {
    start("127.0.0.1", null, "exit 0");
    createProject();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      long t0 = System.nanoTime();
      int events = 0;
      while (events < 2) {
        int c = in.read();
        assertTrue(c >= 0, "stream open");
        got.append((char) c);
        if (got.toString().endsWith("event: jobs")) {
          events++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(got.toString().contains("text/event-stream"), got.toString());
      assertTrue(seconds < 5, "a first event at once, the next within about a second: " + seconds + " s");
    }
  }
}

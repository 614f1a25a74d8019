package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.project.Project;

class LabelServerTest {
  @TempDir Path dir;
  private LabelStore store;
  private LabelServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private void start(String host) throws Exception {
    Project p = TestProject.create(dir, 2);
    store = new LabelStore(p, m -> { });
    server = LabelServer.start(store, host, 0, null, null);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the request line as written, without any client-side normalisation of the path. */
  private int rawStatus(String rawPath) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream o = s.getOutputStream();
      o.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(head.substring(9, 12));
    }
  }

  /** Sends a request with the given Host and Origin headers (origin may be null) and returns its status. */
  private int rawRequest(String method, String path, String host, String origin, String body) throws IOException {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("Host", host);
    if (origin != null) {
      h.put("Origin", origin);
    }
    return RawHttp.send(server.port(), method, path, h, body).status();
  }

  @Test
  void dnsRebindingIsRefused() throws Exception {
    start("127.0.0.1");
    int port = server.port();
    String evil = "evil.example:" + port;
    Path csv = dir.resolve("labeled-data/vid1/CollectedData_tester.csv");
    String before = Files.exists(csv) ? Files.readString(csv) : null;
    assertEquals(421, rawRequest("GET", "/api/project", evil, null, null));
    assertEquals(421, rawRequest("GET", "/image/vid1/img000.png", evil, null, null));
    assertEquals(421, rawRequest("PUT", "/api/frame/vid1/img000.png", evil, "http://" + evil, "{\"version\":0,\"points\":{\"snout\":[1,2]}}"));
    assertEquals(421, rawRequest("GET", "/api/project", "127.0.0.1", null, null), "the port is part of the name");
    assertEquals(421, rawRequest("GET", "/api/project", "127.0.0.1:" + (port + 1), null, null));
    assertEquals(421, rawRequest("GET", "/api/project", "localhost.evil.example:" + port, null, null));
    assertEquals(403, rawRequest("GET", "/api/project", "127.0.0.1:" + port, "http://evil.example", null));
    for (String h : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port)) {
      assertEquals(200, rawRequest("GET", "/api/project", h, null, null), h);
    }
    store.save();
    assertEquals(before, Files.exists(csv) ? Files.readString(csv) : null, "nothing was saved");
    assertTrue(server.allowedHost("127.0.0.1:" + port));
    assertTrue(!server.allowedHost(null));
  }

  @Test
  void labelApiRefusesImpossiblePoints() throws Exception {
    start("127.0.0.1");
    String f = "/api/frame/vid1/img000.png";
    for (String bad : List.of(
        "{\"version\":0,\"points\":{\"snout\":[-50,20]}}",
        "{\"version\":0,\"points\":{\"snout\":[1e300,20]}}",
        "{\"version\":0,\"points\":{\"snout\":[5000,20]}}",
        "{\"version\":0,\"points\":{\"snout\":[10,5000]}}",
        "{\"version\":0,\"points\":{\"snout\":[10,20,30]}}",
        "{\"version\":0,\"points\":{\"snout\":[true,false]}}",
        "{\"version\":0,\"points\":{\"snout\":[\"10\",\"20\"]}}",
        "{\"version\":0,\"points\":{\"snout\":true}}",
        "{\"version\":\"abc\",\"points\":{\"snout\":[10,20]}}",
        "{\"version\":0.5,\"points\":{\"snout\":[10,20]}}",
        "{\"points\":{\"snout\":[10,20]}}",
        "[1,2]")) {
      HttpResponse<String> r = put(f, bad);
      assertEquals(400, r.statusCode(), bad + " gave " + r.statusCode() + ": " + r.body());
    }
    assertTrue(get(f).body().contains("\"version\":0"), "nothing was applied");
    assertEquals(200, put(f, "{\"version\":0,\"points\":{\"snout\":[0,0],\"leftear\":[320,240]}}").statusCode(), "the image's edges are inside");
    String big = "{\"version\":1,\"points\":{\"snout\":[1,2]},\"pad\":\"" + "x".repeat(LabelServer.MAX_BODY_BYTES) + "\"}";
    assertEquals(413, rawRequest("PUT", f, "127.0.0.1:" + server.port(), null, big));
  }

  @Test
  void onlyRealImagesAreServed() throws Exception {
    start("127.0.0.1");
    Files.createSymbolicLink(dir.resolve("labeled-data/vid1/conf.jpg"), dir.resolve("config.yaml"));
    store.close();
    store = new LabelStore(Project.open(dir.resolve("config.yaml")), m -> { });
    server.close();
    server = LabelServer.start(store, "127.0.0.1", 0, null, null);
    assertNull(store.imageFile("vid1", "conf.jpg"), "a link to the config is not an image");
    assertEquals(404, rawStatus("/image/vid1/conf.jpg"));
  }

  @Test
  void pageProjectFramesAndUpdates() throws Exception {
    start("127.0.0.1");
    assertNull(server.token(), "no token on loopback");
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/static/app.js"));
    assertEquals(200, get("/static/app.js").statusCode());
    String project = get("/api/project").body();
    assertTrue(project.contains("\"task\":\"webtest\"") && project.contains("\"bodypart\":\"tailbase\"") && project.contains("\"name\":\"vid1\""), project);
    assertTrue(get("/api/folders/vid1").body().contains("\"image\":\"img010.png\""));
    HttpResponse<String> img = get("/image/vid1/img000.png");
    assertEquals(200, img.statusCode());
    assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));

    HttpResponse<String> ok = put("/api/frame/vid1/img000.png", "{\"version\":0,\"points\":{\"snout\":[10.5,20],\"leftear\":null}}");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("\"version\":1") && ok.body().contains("\"snout\":[10.5,20.0]"), ok.body());
    HttpResponse<String> stale = put("/api/frame/vid1/img000.png", "{\"version\":0,\"points\":{\"snout\":[99,99]}}");
    assertEquals(409, stale.statusCode(), "a second tab with an old version gets a conflict");
    assertTrue(stale.body().contains("\"snout\":[10.5,20.0]"), stale.body());
    assertEquals(400, put("/api/frame/vid1/img000.png", "{\"version\":1,\"points\":{\"tail\":[1,2]}}").statusCode());
    assertEquals(400, put("/api/frame/vid1/img000.png", "not json").statusCode());
    assertEquals(404, put("/api/frame/vid1/nothing.png", "{\"version\":0,\"points\":{}}").statusCode());
    HttpResponse<String> cross = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/frame/vid1/img000.png"))
        .header("Content-Type", "application/json").header("Origin", "http://evil.example")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\":1,\"points\":{}}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, cross.statusCode());
  }

  @Test
  void pathTraversalIsRefused() throws Exception {
    start("127.0.0.1");
    Files.writeString(dir.getParent().resolve("secret.txt"), "secret");
    Path outside = Files.createTempFile("labpose-outside", ".png");
    Files.writeString(outside, "not yours");
    Files.createSymbolicLink(dir.resolve("labeled-data/vid1/link.png"), outside);
    Files.createSymbolicLink(dir.resolve("labeled-data/linkdir"), dir.getParent());
    try {
      store.close();
      store = new LabelStore(Project.open(dir.resolve("config.yaml")), m -> { });
      server.close();
      server = LabelServer.start(store, "127.0.0.1", 0, null, null);
      for (String path : List.of(
          "/image/vid1/../../config.yaml", "/image/vid1/..%2F..%2Fconfig.yaml", "/image/vid1/%2e%2e%2f%2e%2e%2fconfig.yaml",
          "/image/..%2F..%2F/secret.txt", "/image/vid1/%2Fetc%2Fpasswd", "/image/vid1//etc/passwd", "/image/%2e%2e/config.yaml",
          "/image/vid1/..%5c..%5cconfig.yaml", "/image/vid1/link.png", "/image/linkdir/secret.txt", "/static/..%2F..%2FLabelServer.class",
          "/api/frame/vid1/..%2Fvid1%2Fimg000.png", "/image/vid1/img000.png%00.txt")) {
        int code = rawStatus(path);
        assertTrue(code == 404 || code == 400, path + " gave " + code);
      }
      assertEquals(200, rawStatus("/image/vid1/img000.png"));
      assertNull(store.imageFile("vid1", "link.png"), "a symbolic link out of the project is not served");
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void anotherAddressNeedsTheToken() throws Exception {
    start("0.0.0.0");
    String token = server.token();
    assertNotNull(token);
    assertTrue(server.url().endsWith("?token=" + token));
    assertEquals(401, get("/").statusCode());
    assertEquals(401, get("/api/project").statusCode());
    assertEquals(401, get("/image/vid1/img000.png?token=wrong").statusCode());
    HttpResponse<String> ok = get("/?token=" + token);
    assertEquals(200, ok.statusCode());
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.startsWith("labpose_token=" + token) && cookie.contains("HttpOnly"), cookie);
    HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/project"))
        .header("Cookie", "labpose_token=" + token).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, withCookie.statusCode());
    try (LabelServer other = LabelServer.start(store, "0.0.0.0", 0, null, null)) {
      assertNotEquals(token, other.token(), "a fresh random token per start");
    }
  }
}

package org.labpose.web.studio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.web.Browsers;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio on DeepLabCut's open-field project (116 labelled 640x480 frames, a 2,330-frame
 * video), opened unchanged: each view shows its data, and how long it took from the click
 * (timings written to {@code target/selenium/studio-timings.txt}; the figures in
 * docs/benchmarks.md come from a quiet machine, the bound here only catches a broken view).
 */
class StudioOpenFieldBrowserTest {
  @TempDir Path dir;
  private ChromeDriver browser;
  private StudioServer server;

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private double timed(Runnable action, Function<WebDriver, Boolean> shown) {
    long t0 = System.nanoTime();
    action.run();
    new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(10)).until(shown);
    return (System.nanoTime() - t0) / 1e9;
  }

  private Object js(String script) {
    return Browsers.js(browser, script);
  }

  @Test
  void everyViewOfTheOpenFieldProjectShowsItsDataQuickly() throws Exception {
    Path of = SharedData.openField();
    Browsers.assumeChromium();
    Path project = dir.resolve("openfield-Pranav-2018-10-30");
    copy(of, project);
    server = StudioServer.start(new StudioServer.Options("127.0.0.1", 0, null, List.of(dir), List.of("true"), project), m -> { });
    browser = Browsers.chromium();
    browser.get(server.url() + "#frames"); // a first load warms the browser's and the server's caches
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("folders-table")).getText().contains("m4s1"));
    // DeepLabCut's example lists a placeholder instead of its video: add it as a person would (Project: file browser, add)
    Object added = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1]; LabPose.api('POST', '/api/project/videos', {videos: [arguments[0]]}).then(r => done(r.status));",
        project.resolve("videos/m3v1mp4.mp4").toRealPath().toString());
    assertTrue(Integer.valueOf(200).equals(((Number) added).intValue()), "added: " + added);
    browser.get("about:blank");
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("project (page load)", timed(() -> browser.get(server.url()), d -> d.findElement(By.id("project-summary")).getText().contains("Pranav")
        && !d.findElement(By.id("config-text")).getAttribute("value").isEmpty()));
    t.put("videos (header, thumbnail)", timed(() -> js("location.hash = 'videos';"), d -> d.findElement(By.id("videos-table")).getText().contains("2330")
        && Boolean.TRUE.equals(js("const i = document.querySelector('#videos-table img'); return !!i && i.complete && i.naturalWidth === 640;"))));
    t.put("frames & labels", timed(() -> js("location.hash = 'frames';"), d -> d.findElement(By.id("folders-table")).getText().contains("m4s1 116 116")));
    t.put("train", timed(() -> js("location.hash = 'train';"), d -> d.findElement(By.id("evaluation")).getText().contains("evaluation")
        || d.findElement(By.id("evaluation")).getText().contains("Evaluate")));
    t.put("analyze", timed(() -> js("location.hash = 'analyze';"), d -> d.findElement(By.id("results")).getText().contains("No results yet")));
    t.put("behaviour (frame to draw on)", timed(() -> js("location.hash = 'behaviour';"),
        d -> Boolean.TRUE.equals(js("return document.getElementById('zones-canvas').width === 640;")) && !d.findElements(By.id("group-0")).isEmpty()));
    t.put("labeler (first frame)", timed(() -> browser.get(server.url().replace("/", "/") + "label"),
        d -> Boolean.TRUE.equals(js("const s = window.labpose; return !!(s && s.frame && s.img && s.img.complete && s.img.naturalWidth === 640);"))));
    StringBuilder out = new StringBuilder("studio view timings on the open-field project, s (from the click or navigation to the data shown)\n");
    t.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-32s %.3f%n", k, v)));
    Path shots = Path.of("target", "selenium");
    Files.createDirectories(shots);
    Files.writeString(shots.resolve("studio-timings.txt"), out.toString());
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), shots.resolve("studio-openfield-labeler.png"), StandardCopyOption.REPLACE_EXISTING);
    for (Map.Entry<String, Double> e : t.entrySet()) {
      assertTrue(e.getValue() < 10, e.getKey() + " took " + e.getValue() + " s\n" + out);
    }
  }
}

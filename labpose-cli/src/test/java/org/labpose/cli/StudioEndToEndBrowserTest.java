package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.model.PoseTable;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;
import org.labpose.web.Browsers;
import org.labpose.web.studio.StudioServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio end to end in Debian's Chromium, the way a person without a terminal works: from a
 * folder with one synthetic video to an assay report, every step by clicks and typing in the page,
 * every long step a job that runs the real {@code labpose} command in a child JVM. Screenshots of
 * every view go to {@code target/selenium/studio-*.png}.
 */
class StudioEndToEndBrowserTest {
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

  private Object js(String script, Object... args) {
    return Browsers.js(browser, script, args);
  }

  private WebDriverWait await(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
  }

  private void shot(String name) throws Exception {
    shot(name, null);
  }

  /** A screenshot with the element {@code id} scrolled into view (null: the top of the page). */
  private void shot(String name, String id) throws Exception {
    if (id == null) {
      js("window.scrollTo(0, 0);");
    } else {
      js("document.getElementById(arguments[0]).scrollIntoView({block: 'center'});", id);
    }
    Path shots = Path.of("target", "selenium");
    Files.createDirectories(shots);
    File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(f.toPath(), shots.resolve("studio-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private void view(String name) {
    js("location.hash = arguments[0];", name);
    await(10).until(d -> d.findElement(By.id("view-" + name)).isDisplayed());
  }

  private void click(String id) {
    browser.findElement(By.id(id)).click();
  }

  private void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private void clickLabelled(String label) {
    await(10).until(d -> !d.findElements(By.cssSelector("[aria-label='" + label + "']")).isEmpty());
    browser.findElement(By.cssSelector("[aria-label='" + label + "']")).click();
  }

  /** Waits until the page knows of {@code count} jobs and the last one ended; returns its state. */
  @SuppressWarnings("unchecked")
  private String awaitJob(int count, int seconds) {
    await(seconds).until(d -> {
      List<Map<String, Object>> jobs = (List<Map<String, Object>>) js("return window.studio.jobs();");
      return jobs.size() == count && List.of("DONE", "FAILED", "CANCELLED").contains(jobs.get(count - 1).get("state"));
    });
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) js("return window.studio.jobs();");
    Map<String, Object> last = jobs.get(count - 1);
    assertEquals("DONE", last.get("state"), "job " + last.get("name") + " failed: " + last.get("error"));
    return (String) last.get("state");
  }

  private void waitForFrame(String image) {
    Browsers.waitForLabelerFrame(browser, image);
  }

  /** Canvas offsets from its centre (what Selenium's actions use) of an image point. */
  private int[] offset(double x, double y) {
    return Browsers.labelerOffset(browser, x, y);
  }

  @Test
  void aNewUserGoesFromAFolderOfVideosToAnAssayReportInTheBrowser() throws Exception {
    Browsers.assumeChromium();
    Path data = Files.createDirectories(dir.resolve("data"));
    PoseTable truth = SyntheticVideo.generate(SynthConfig.defaults().withFrames(120).withSeed(5), data.resolve("mouse.mp4"), null, null);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = StudioServer.start(new StudioServer.Options("127.0.0.1", 0, null, List.of(dir),
        List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), LabPose.class.getName()), null), msg -> { });
    browser = Browsers.chromium();
    browser.get(server.url());

    // Project: pick the video and the folder in the file browser, create the project
    String root = dir.toRealPath().toString();
    clickLabelled("open folder " + root);
    clickLabelled("open folder data");
    clickLabelled("add video mouse.mp4");
    click("browser-up");
    await(10).until(d -> d.findElement(By.id("browser-path")).getText().equals(root));
    click("browser-here");
    type("create-task", "openfield");
    type("create-experimenter", "ada");
    type("create-bodyparts", "snout,leftear,rightear,tailbase");
    click("create-submit");
    await(20).until(d -> d.findElement(By.id("project-name")).getText().startsWith("openfield"));
    await(10).until(d -> !d.findElement(By.id("config-text")).getAttribute("value").isEmpty());
    shot("project");
    Path project;
    try (var s = Files.list(dir.toRealPath())) {
      project = s.filter(p -> p.getFileName().toString().startsWith("openfield-ada-")).findFirst().orElseThrow();
    }

    // Videos: size, rate and count from the header, a thumbnail
    view("videos");
    await(20).until(d -> d.findElement(By.id("videos-table")).getText().contains("320×240"));
    await(20).until(d -> Boolean.TRUE.equals(js("const i = document.querySelector('#videos-table img'); return !!i && i.complete && i.naturalWidth === 320;")));
    clickLabelled("a strip of 8 frames across mouse.mp4");
    await(20).until(d -> Boolean.TRUE.equals(js("const s = [...document.querySelectorAll('.strip img')]; return s.length === 8 && s.every(i => i.complete && i.naturalWidth === 320);")));
    assertTrue(browser.findElement(By.id("video-player")).getText().contains("frame 119"));
    shot("videos");

    // Frames: extract 20 uniformly
    view("frames");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("extract-algo"))).selectByValue("uniform");
    type("extract-num", "20");
    click("extract-submit");
    awaitJob(1, 120);
    await(20).until(d -> d.findElement(By.id("folders-table")).getText().contains("mouse 20 0"));
    shot("frames");

    // Label 10 frames by clicks in the labeler, at the synthetic ground truth
    click("open-labeler");
    List<String> images = new ArrayList<>();
    try (var s = Files.list(project.resolve("labeled-data/mouse"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().forEach(images::add);
    }
    assertEquals(20, images.size());
    WebElement canvas = browser.findElement(By.id("canvas"));
    for (int i = 0; i < 10; i++) {
      String img = images.get(i);
      waitForFrame(img);
      int frame = Integer.parseInt(img.replaceAll("\\D", ""));
      for (String bp : SynthConfig.BODYPARTS) {
        int[] o = offset(truth.x(frame, KeypointId.of(bp)), truth.y(frame, KeypointId.of(bp)));
        new Actions(browser).moveToElement(canvas, o[0], o[1]).click().perform();
      }
      canvas.sendKeys("n");
    }
    await(10).until(d -> Boolean.TRUE.equals(js("return !window.labpose.saving && !window.labpose.pending;")));
    shot("labeler");
    Path csv = project.resolve("labeled-data/mouse/CollectedData_ada.csv");
    await(10).until(d -> {
      try {
        return Files.exists(csv) && DlcLabelCsv.read(csv).frames().stream().filter(f -> f.labelledCount() == 4).count() == 10;
      } catch (Exception e) {
        return false;
      }
    });
    LabelSet labels = DlcLabelCsv.read(csv);
    for (LabeledFrame f : labels.frames()) {
      int frame = Integer.parseInt(f.imageName().replaceAll("\\D", ""));
      assertEquals(truth.x(frame, KeypointId.of("snout")), f.x(KeypointId.of("snout")), 1.5, "snout of " + f.imageName() + " where it was clicked");
    }

    // Skeleton: on a labelled frame in the Project view, click the snout, then the tail base
    browser.get(server.url() + "#project");
    await(20).until(d -> Boolean.TRUE.equals(js("const s = window.studio.skeleton(); return !!s.img && Object.keys(s.points).length === 4;")));
    WebElement sk = browser.findElement(By.id("skeleton-canvas"));
    for (String bp : List.of("snout", "tailbase")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> at = (Map<String, Object>) js("const s = window.studio.skeleton(), c = document.getElementById('skeleton-canvas'), p = s.points[arguments[0]];"
          + "return {x: p[0] * s.scale * c.clientWidth / c.width - c.clientWidth / 2, y: p[1] * s.scale * c.clientHeight / c.height - c.clientHeight / 2};", bp);
      new Actions(browser).moveToElement(sk, (int) Math.round(((Number) at.get("x")).doubleValue()), (int) Math.round(((Number) at.get("y")).doubleValue())).click().perform();
    }
    await(10).until(d -> d.findElement(By.id("skeleton-list")).getText().contains("snout — tailbase"));
    assertTrue(Files.readString(project.resolve("config.yaml")).contains("tailbase"), "the skeleton is in the config");
    shot("project-skeleton", "skeleton-canvas");

    // Train: the training set, then a tiny network for a few steps while the loss chart grows
    browser.get(server.url() + "#train");
    await(20).until(d -> d.findElement(By.id("view-train")).isDisplayed());
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("dataset-net"))).selectByVisibleText("tiny");
    type("dataset-fraction", "0.8");
    click("dataset-submit");
    awaitJob(2, 120);
    type("train-steps", "150");
    type("train-batch", "4");
    type("train-crop", "128");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("train-init"))).selectByValue("none");
    type("train-every", "50");
    click("train-submit");
    List<Integer> seen = new ArrayList<>();
    await(300).until(d -> {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> jobs = (List<Map<String, Object>>) js("return window.studio.jobs();");
      String st = jobs.size() == 3 ? (String) jobs.get(2).get("state") : "QUEUED";
      if (st.equals("RUNNING")) {
        int n = Integer.parseInt(d.findElement(By.id("loss-chart")).getAttribute("data-points"));
        if (seen.isEmpty() || seen.get(seen.size() - 1) != n) {
          seen.add(n);
        }
      }
      return !st.equals("RUNNING") && !st.equals("QUEUED");
    });
    awaitJob(3, 10);
    assertTrue(seen.stream().filter(n -> n > 0).count() >= 2, "the loss chart grew while training ran: " + seen);
    await(10).until(d -> d.findElement(By.id("loss-text")).getText().contains("at step 150"));
    click("train-evaluate");
    awaitJob(4, 300);
    await(20).until(d -> d.findElement(By.id("evaluation-tables")).getText().contains("Per bodypart"));
    assertTrue(browser.findElement(By.id("evaluation-tables")).getText().contains("tailbase"));
    shot("train");

    // Analyze, labeled video: the video plays in the page
    view("analyze");
    await(10).until(d -> !d.findElements(By.cssSelector("#analyze-videos input")).isEmpty());
    click("analyze-submit");
    awaitJob(5, 300);
    click("labeled-submit");
    awaitJob(6, 300);
    await(20).until(d -> !d.findElements(By.cssSelector("#results video")).isEmpty());
    await(20).until(d -> Boolean.TRUE.equals(js("const v = document.querySelector('#results video'); return v.readyState >= 1 && v.videoWidth === 320;")));
    shot("analyze");

    // Behaviour: the arena, open-field zones from the template, the assay and its report
    view("behaviour");
    await(20).until(d -> Boolean.TRUE.equals(js("return document.getElementById('zones-canvas').width === 320;")));
    click("arena-frame");
    click("tpl-openfield");
    await(10).until(d -> d.findElement(By.id("zones-check")).getText().contains("center, periphery"));
    click("zones-save");
    await(10).until(d -> d.findElement(By.id("zones-message")).getText().startsWith("saved"));
    assertTrue(Files.readString(project.resolve("zones.yaml")).contains("open_field_center"));
    click("assay-submit");
    awaitJob(7, 120);
    await(20).until(d -> d.findElement(By.id("assay-report")).isDisplayed());
    shot("behaviour");
    String report = browser.findElement(By.id("assay-report")).getAttribute("href");
    browser.get(report);
    await(20).until(d -> d.getPageSource().contains("center"));
    shot("report");

    // Jobs: every job with its command line
    browser.get(server.url() + "#jobs");
    await(20).until(d -> d.findElements(By.cssSelector("#jobs-table tbody tr")).size() == 7);
    String table = browser.findElement(By.id("jobs-table")).getText();
    assertTrue(table.contains("labpose train " + project.resolve("config.yaml")), table);
    clickLabelled("log of job3");
    await(10).until(d -> d.findElement(By.id("job-log")).getText().contains("done: 150 steps"));
    shot("jobs");

    // Accessible: every control has a name for screen readers; at 200 % zoom (half the CSS width) no view scrolls sideways
    for (String v : List.of("project", "videos", "frames", "train", "analyze", "behaviour", "jobs")) {
      view(v);
      Object unnamed = js("return [...document.querySelectorAll('#view-' + arguments[0] + ' input, #view-' + arguments[0] + ' select, #view-' + arguments[0]"
          + " + ' textarea, #view-' + arguments[0] + ' button, #view-' + arguments[0] + ' a, #view-' + arguments[0] + ' canvas')]"
          + ".filter(e => e.offsetParent !== null)"
          + ".filter(e => !((e.getAttribute('aria-label') || '').trim() || (e.labels && e.labels.length && e.labels[0].textContent.trim())"
          + " || e.textContent.trim() || e.getAttribute('aria-labelledby') || e.title)).map(e => e.id || e.outerHTML.slice(0, 60));", v);
      assertEquals(List.of(), unnamed, v + ": controls without a name");
    }
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 600, "height", 400, "deviceScaleFactor", 2, "mobile", false));
    for (String v : List.of("project", "videos", "frames", "train", "analyze", "behaviour", "jobs")) {
      view(v);
      Number over = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(over.intValue() <= 1, () -> v + " at 200 % zoom is " + over + " px too wide: " + js(
          "return [...document.querySelectorAll('body *')].filter(e => e.offsetParent !== null && getComputedStyle(e).overflowX === 'visible'"
              + " && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)"
              + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth).slice(0, 10).join(', ');"));
    }
    shot("zoom200-jobs");
    browser.findElement(By.id("job-log")).sendKeys(Keys.TAB);
  }
}

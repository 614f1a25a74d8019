package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The track view in headless Chromium: an analysed two-mouse video; go to a frame, swap the two
 * identities from there on, and the refined CSV holds the swapped tracks; undo restores them; an
 * edit from a stale tab is a conflict. Skips without Chromium (see .ci/run).
 */
class TrackViewBrowserTest {
  @TempDir Path dir;
  private LabelStore store;
  private LabelServer server;
  private ChromeDriver browser;
  private PoseTable truth;
  private Path csv;

  @BeforeEach
  void open() throws Exception {
    Browsers.assumeChromium();
    AnalysedPair pair = AnalysedPair.create(dir);
    truth = pair.truth();
    csv = pair.csv();
    Project p = pair.project();
    store = new LabelStore(p, m -> { });
    server = LabelServer.start(store, "127.0.0.1", 0, null, null);
    browser = Browsers.chromium();
  }

  @AfterEach
  void close() throws Exception {
    Browsers.close(browser, server, store);
  }

  private Object js(String script, Object... args) {
    return Browsers.js(browser, script, args);
  }

  private void waitFor(String script) {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(script)));
  }

  private String status() {
    return browser.findElement(By.id("status")).getText();
  }

  @Test
  void swapIdentitiesFromAFrameOnThenUndo() throws Exception {
    browser.get("http://127.0.0.1:" + server.port() + "/tracks");
    waitFor("const s = window.labposeTracks; return !!(s && s.data && s.img && s.img.complete);");
    assertTrue(status().contains("2 tracks"), status());
    WebElement frame = browser.findElement(By.id("frame"));
    frame.clear();
    frame.sendKeys("25", Keys.TAB);
    waitFor("return window.labposeTracks.frame === 25 && window.labposeTracks.img.complete;");
    new Select(browser.findElement(By.id("a"))).selectByValue("mouse1");
    new Select(browser.findElement(By.id("b"))).selectByValue("mouse2");
    browser.findElement(By.id("swap-on")).click();
    waitFor("return window.labposeTracks.data.edits.length === 1;");

    Path refined = ProjectLayout.refined(csv);
    PoseTable r = DlcPredictionCsv.read(refined);
    KeypointId m1 = new KeypointId("mouse1", "snout");
    KeypointId m2 = new KeypointId("mouse2", "snout");
    assertEquals(truth.x(24, m1), r.x(24, m1), 1e-3, "before frame 25 unchanged");
    for (int f = 25; f < 40; f++) {
      assertEquals(truth.x(f, m2), r.x(f, m1), 1e-3, "frame " + f + ": mouse1 now has mouse2's track");
      assertEquals(truth.y(f, m1), r.y(f, m2), 1e-3);
    }
    assertEquals(truth.x(30, m1), DlcPredictionCsv.read(csv).x(30, m1), 1e-3, "the analysis CSV itself is not changed");
    assertTrue(Files.readString(ProjectLayout.trackEdits(csv)).contains("\"op\" : \"swap\""));

    // another tab still at version 0 cannot overwrite: 409 with the current state
    @SuppressWarnings("unchecked")
    Map<String, Object> stale = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/tracks/' + encodeURIComponent(window.labposeTracks.id) + '/edit', {method: 'POST',"
            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({version: 0, op: 'delete', individual: 'mouse1', from: 0, to: -1})})"
            + ".then(r => r.json().then(j => done({status: r.status, edits: j.edits.length})));");
    assertEquals(409L, ((Number) stale.get("status")).longValue());
    assertEquals(1L, ((Number) stale.get("edits")).longValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> bad = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch('/api/tracks/' + encodeURIComponent(window.labposeTracks.id) + '/edit', {method: 'POST',"
            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({version: 1, op: 'swap', a: 'mouse1', b: 'mouse1', from: 3, to: -1})})"
            + ".then(r => r.text().then(t => done({status: r.status, text: t})));");
    assertEquals(400L, ((Number) bad.get("status")).longValue());
    assertEquals("a swap needs two different individuals 'a' and 'b'", bad.get("text"));

    browser.findElement(By.id("undo")).click();
    waitFor("return window.labposeTracks.data.edits.length === 0;");
    PoseTable back = DlcPredictionCsv.read(refined);
    for (int f = 0; f < 40; f++) {
      assertEquals(truth.x(f, m1), back.x(f, m1), 1e-3, "undo restores frame " + f);
    }
  }
}

package org.labpose.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.dlc.DlcLabelCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;
import org.labpose.core.project.Project;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The labeling page in headless Chromium (Debian's chromium + chromium-driver): label a fresh
 * project by clicks, drag, keys, undo/redo; the CSV holds the coordinates; a reload shows them.
 * Skips when Chromium is not installed (the test command installs it: see .ci/run).
 */
class LabelPageBrowserTest {
  @TempDir Path dir;
  private LabelStore store;
  private LabelServer server;
  private ChromeDriver browser;

  @BeforeEach
  void open() throws Exception {
    Browsers.assumeChromium();
    Project p = TestProject.create(dir, 3);
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

  private void waitForFrame(String image) {
    Browsers.waitForLabelerFrame(browser, image);
  }

  private void waitSaved() {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js("return !window.labpose.saving && !window.labpose.pending;")));
  }

  /** Canvas offsets from its centre (what Selenium's actions use) of an image point. */
  private int[] offset(double x, double y) {
    return Browsers.labelerOffset(browser, x, y);
  }

  private double scale() {
    return ((Number) js("return window.labpose.view.scale;")).doubleValue();
  }

  private void click(WebElement canvas, double x, double y) {
    int[] o = offset(x, y);
    new Actions(browser).moveToElement(canvas, o[0], o[1]).click().perform();
  }

  private LabelSet awaitCsv(java.util.function.Predicate<LabelSet> ok) throws Exception {
    Path csv = dir.resolve("labeled-data/vid1/CollectedData_tester.csv");
    long deadline = System.nanoTime() + 5_000_000_000L;
    LabelSet last = null;
    while (System.nanoTime() < deadline) {
      if (Files.exists(csv)) {
        last = DlcLabelCsv.read(csv);
        if (ok.test(last)) {
          return last;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the CSV did not reach the expected labels in 5 s; last: " + last);
  }

  private static boolean near(LabeledFrame f, String part, double x, double y, double tol) {
    return f != null && Math.abs(f.x(KeypointId.of(part)) - x) <= tol && Math.abs(f.y(KeypointId.of(part)) - y) <= tol;
  }

  @Test
  void labelAFreshProjectByClicksAndKeys() throws Exception {
    browser.get("http://127.0.0.1:" + server.port() + "/");
    waitForFrame("img000.png");
    WebElement canvas = browser.findElement(By.id("canvas"));
    double tol = 1.0 / scale() + 0.5; // one screen pixel in image pixels, plus rounding

    // click places the current bodypart and moves on: snout, leftear, rightear, tailbase
    click(canvas, 100, 80);
    click(canvas, 120, 60);
    click(canvas, 121, 100);
    click(canvas, 200, 82);
    waitSaved();
    LabelSet l = awaitCsv(s -> near(s.frame("labeled-data/vid1/img000.png"), "tailbase", 200, 82, tol));
    LabeledFrame f0 = l.frame("labeled-data/vid1/img000.png");
    assertTrue(near(f0, "snout", 100, 80, tol) && near(f0, "leftear", 120, 60, tol) && near(f0, "rightear", 121, 100, tol), f0.toString());
    assertTrue(browser.findElement(By.id("counter")).getText().contains("labelled 1 / 3"), browser.findElement(By.id("counter")).getText());

    // drag the snout to (110, 90)
    int[] from = offset(100, 80);
    int[] to = offset(110, 90);
    new Actions(browser).moveToElement(canvas, from[0], from[1]).clickAndHold().moveByOffset(4, 4)
        .moveToElement(canvas, to[0], to[1]).release().perform();
    waitSaved();
    awaitCsv(s -> near(s.frame("labeled-data/vid1/img000.png"), "snout", 110, 90, tol));

    // undo brings it back, redo moves it again
    canvas.sendKeys(Keys.chord(Keys.CONTROL, "z"));
    waitSaved();
    awaitCsv(s -> near(s.frame("labeled-data/vid1/img000.png"), "snout", 100, 80, tol));
    canvas.sendKeys(Keys.chord(Keys.CONTROL, "y"));
    waitSaved();
    awaitCsv(s -> near(s.frame("labeled-data/vid1/img000.png"), "snout", 110, 90, tol));

    // right-click marks a point missing
    int[] ear = offset(121, 100);
    new Actions(browser).moveToElement(canvas, ear[0], ear[1]).contextClick().perform();
    waitSaved();
    awaitCsv(s -> Double.isNaN(s.frame("labeled-data/vid1/img000.png").x(KeypointId.of("rightear"))));

    // next frame by key; place the snout there; Delete clears the current bodypart (leftear: none yet, so snout stays)
    canvas.sendKeys(Keys.ARROW_RIGHT);
    waitForFrame("img010.png");
    click(canvas, 50, 60);
    waitSaved();
    awaitCsv(s -> near(s.frame("labeled-data/vid1/img010.png"), "snout", 50, 60, tol));
    canvas.sendKeys(Keys.ARROW_UP);
    canvas.sendKeys(Keys.DELETE);
    waitSaved();
    awaitCsv(s -> s.frame("labeled-data/vid1/img010.png") != null && Double.isNaN(s.frame("labeled-data/vid1/img010.png").x(KeypointId.of("snout"))));

    // a reload shows what was saved
    browser.navigate().to("http://127.0.0.1:" + server.port() + "/#vid1/img000.png");
    browser.navigate().refresh();
    waitForFrame("img000.png");
    @SuppressWarnings("unchecked")
    List<Number> snout = (List<Number>) js("return window.labpose.frame.points['snout'];");
    assertEquals(110, snout.get(0).doubleValue(), tol);
    assertEquals(90, snout.get(1).doubleValue(), tol);
    assertEquals(null, js("return window.labpose.frame.points['rightear'];"));
    String parts = browser.findElement(By.id("bodyparts")).getText();
    assertTrue(parts.contains("snout") && parts.contains("tailbase"), parts);

    Path shots = Path.of("target", "selenium");
    Files.createDirectories(shots);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), shots.resolve("labeler.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void twoTabsDoNotOverwriteEachOtherSilently() throws Exception {
    browser.get("http://127.0.0.1:" + server.port() + "/");
    waitForFrame("img000.png");
    // another tab (here: a direct API call) changes the frame after this page loaded it
    store.update("vid1", "img000.png", 0, Map.of(KeypointId.of("snout"), new double[] {30, 40}));
    WebElement canvas = browser.findElement(By.id("canvas"));
    click(canvas, 100, 80); // the page still holds version 0: its save is a conflict
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("status")).getText().startsWith("conflict"));
    @SuppressWarnings("unchecked")
    List<Number> snout = (List<Number>) js("return window.labpose.frame.points['snout'];");
    assertEquals(30, snout.get(0).doubleValue(), 1e-9, "the page shows the other tab's point");
    assertEquals(30, store.frame("vid1", "img000.png").points().get(KeypointId.of("snout"))[0], 1e-9, "nothing overwritten");
  }

  @Test
  void refineModeAcceptsAndMovesMachineLabels() throws Exception {
    server.close();
    store.close();
    Project p = Project.open(dir.resolve("config.yaml"));
    // the model's predictions on img010.png: snout, leftear, rightear, tailbase with likelihoods
    org.labpose.core.io.dlc.MachineLabels.write(dir.resolve("labeled-data/vid1/machinelabels-iter0.csv"), "DLC_model", p.keypointLayout(),
        Map.of("labeled-data/vid1/img010.png", new double[] {100, 80, 0.9, 120, 60, 0.3, 121, 100, 0.8, 200, 82, 0.95}));
    store = new LabelStore(p, m -> { });
    server = LabelServer.start(store, "127.0.0.1", 0, null, null);
    browser.get("http://127.0.0.1:" + server.port() + "/#refine");
    waitForFrame("img010.png");
    assertTrue(browser.findElement(By.id("bodyparts")).getText().contains("p=0.30"), browser.findElement(By.id("bodyparts")).getText());
    WebElement canvas = browser.findElement(By.id("canvas"));
    double tol = 1.0 / scale() + 0.5;
    // move the uncertain leftear suggestion to where it belongs; accept the others
    int[] from = offset(120, 60);
    int[] to = offset(125, 66);
    new Actions(browser).moveToElement(canvas, from[0], from[1]).clickAndHold().moveByOffset(3, 3)
        .moveToElement(canvas, to[0], to[1]).release().perform();
    waitSaved();
    canvas.sendKeys("a");
    waitSaved();
    LabelSet l = awaitCsv(s -> {
      LabeledFrame f = s.frame("labeled-data/vid1/img010.png");
      return near(f, "tailbase", 200, 82, 1e-6) && near(f, "leftear", 125, 66, tol);
    });
    LabeledFrame f = l.frame("labeled-data/vid1/img010.png");
    assertTrue(near(f, "snout", 100, 80, 1e-6) && near(f, "rightear", 121, 100, 1e-6), f.toString());
  }
}

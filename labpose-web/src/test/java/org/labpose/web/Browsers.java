package org.labpose.web;

import java.io.File;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian Chromium for the browser tests; skips the calling test when it is not installed. */
public final class Browsers {
  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File DRIVER = new File("/usr/bin/chromedriver");

  private Browsers() {}

  /** Skips the test unless Chromium and its driver are installed. */
  public static void assumeChromium() {
    Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); browser test skipped");
  }

  /** Runs a script in the page and returns its value. */
  public static Object js(ChromeDriver browser, String script, Object... args) {
    return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Closes what a browser test opened, whichever of the three was opened. */
  static void close(ChromeDriver browser, LabelServer server, LabelStore store) throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** Waits until the labeler shows {@code image} with its picture loaded and nothing being saved. */
  public static void waitForLabelerFrame(ChromeDriver browser, String image) {
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(browser,
        "const s = window.labpose; return !!(s && s.frame && s.frame.image === arguments[0] && s.img && s.img.complete && !s.saving);", image)));
  }

  /** The labeler canvas's offset from its centre (what Selenium's actions use) of an image point (px). */
  public static int[] labelerOffset(ChromeDriver browser, double x, double y) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> v = (java.util.Map<String, Object>) js(browser,
        "const s = window.labpose.view, c = document.getElementById('canvas');"
            + "return {scale: s.scale, ox: s.ox, oy: s.oy, w: c.clientWidth, h: c.clientHeight};");
    double scale = ((Number) v.get("scale")).doubleValue();
    double cx = x * scale + ((Number) v.get("ox")).doubleValue();
    double cy = y * scale + ((Number) v.get("oy")).doubleValue();
    return new int[] {(int) Math.round(cx - ((Number) v.get("w")).doubleValue() / 2), (int) Math.round(cy - ((Number) v.get("h")).doubleValue() / 2)};
  }

  /** A headless 1200x800 browser at device scale 1. */
  public static ChromeDriver chromium() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,800",
        "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions");
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    return new ChromeDriver(svc, o);
  }
}

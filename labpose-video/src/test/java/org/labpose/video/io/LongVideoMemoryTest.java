package org.labpose.video.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.labpose.core.SharedData;

/**
 * Memory stays flat in video length: the open-field video (2330 frames of 640×480, 2.1 GB as RGB)
 * streams through FrameStream in a JVM limited to a 64 MB heap. Skips without ../shared/data.
 */
class LongVideoMemoryTest {
  @Test
  void aLongVideoStreamsUnderASmallHeap() throws Exception {
    Path video = SharedData.require("openfield-Pranav-2018-10-30/videos/m3v1mp4.mp4");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), DecodeAllMain.class.getName(), video.toString())
        .redirectErrorStream(true).start();
    String out;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      out = r.lines().reduce("", (a, b) -> a + b + "\n").trim();
    }
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "decoding finished");
    assertEquals(0, p.exitValue(), "the child JVM failed (out of memory?): " + out);
    String[] parts = out.lines().reduce((a, b) -> b).orElse("").split(" ");
    assertEquals(2330, Integer.parseInt(parts[0]), out);
    assertTrue(Long.parseLong(parts[1]) < 64L << 20, "heap in use stayed under 64 MB: " + parts[1]);
  }
}

package org.labpose.video.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;

class FrameStreamTest {
  @TempDir Path dir;

  private Path folder(int n) throws Exception {
    Path f = dir.resolve("frames");
    Files.createDirectories(f);
    for (int i = 0; i < n; i++) {
      byte[] px = new byte[8 * 6 * 3];
      px[0] = (byte) i;
      Images.writePng(new RgbImage(8, 6, px), f.resolve(String.format("img%03d.png", i)));
    }
    return f;
  }

  @Test
  void imageFolderFramesComeInNameOrderThroughABoundedQueue() throws Exception {
    Path f = folder(20);
    try (ImageFolderSource src = new ImageFolderSource(f)) {
      assertEquals(20, src.frameCount());
      assertEquals(8, src.width());
      List<Integer> seen = new ArrayList<>();
      try (FrameStream<Integer> s = new FrameStream<>(src, 2, img -> img.get(0, 0, 0))) {
        Integer v;
        while ((v = s.take()) != null) {
          seen.add(v);
          Thread.sleep(1); // a slow consumer: the decoder waits instead of buffering everything
        }
        assertNull(s.take());
      }
      for (int i = 0; i < 20; i++) {
        assertEquals(i, seen.get(i));
      }
    }
  }

  @Test
  void parallelTransformsKeepFrameOrder() throws Exception {
    Path f = folder(40);
    java.util.Random r = new java.util.Random(7);
    int[] delays = r.ints(40, 0, 4).toArray();
    try (ImageFolderSource src = new ImageFolderSource(f);
        FrameStream<Integer> s = new FrameStream<>(src, 6, img -> {
          int v = img.get(0, 0, 0);
          try {
            Thread.sleep(delays[v]); // workers finish out of order
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return v;
        }, 4)) {
      for (int i = 0; i < 40; i++) {
        assertEquals(i, s.take());
      }
      assertNull(s.take());
    }
  }

  @Test
  void aBadImageStopsTheStreamNamingTheFile() throws Exception {
    Path f = folder(3);
    Files.writeString(f.resolve("img001.png"), "broken");
    try (ImageFolderSource src = new ImageFolderSource(f);
        FrameStream<RgbImage> s = new FrameStream<>(src, 2, x -> x)) {
      s.take();
      InputFormatException e = assertThrows(InputFormatException.class, s::take);
      assertEquals(f.resolve("img001.png"), e.file());
    }
  }

  @Test
  void emptyFolderIsAClearError() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertThrows(InputFormatException.class, () -> new ImageFolderSource(dir.resolve("empty")));
  }
}

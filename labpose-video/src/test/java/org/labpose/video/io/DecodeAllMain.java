package org.labpose.video.io;

import java.nio.file.Path;
import org.labpose.core.image.RgbImage;

/**
 * Streams every frame of a video through {@link FrameStream} and prints how many there were and the
 * largest heap in use; run in a child JVM with a small heap by {@link LongVideoMemoryTest}.
 */
public final class DecodeAllMain {
  private DecodeAllMain() {}

  public static void main(String[] args) throws Exception {
    int n = 0;
    long maxUsed = 0;
    long checksum = 0;
    Runtime rt = Runtime.getRuntime();
    try (VideoFrameSource src = new VideoFrameSource(Path.of(args[0]));
        FrameStream<RgbImage> s = new FrameStream<>(src, 8, img -> img)) {
      RgbImage img;
      while ((img = s.take()) != null) {
        checksum += img.data()[n % img.data().length] & 0xff;
        n++;
        maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
      }
    }
    System.out.println(n + " " + maxUsed + " " + checksum);
  }
}

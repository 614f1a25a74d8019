package org.labpose.video.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

class FfmpegDecoderTest {
  /** The message ends at FFmpeg's NUL: no bytes of whatever memory follows it. */
  @Test
  void errorTextStopsAtItsEnd() {
    assertEquals("End of file", FfmpegDecoder.errorString(avutil.AVERROR_EOF));
    assertEquals("Invalid data found when processing input", FfmpegDecoder.errorString(avutil.AVERROR_INVALIDDATA));
    for (int code : new int[] {-1, -2, -5, -22, avutil.AVERROR_EOF, avutil.AVERROR_INVALIDDATA, -123456}) {
      String s = FfmpegDecoder.errorString(code);
      assertTrue(!s.isEmpty() && s.length() < 100 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f), code + ": '" + s + "'");
    }
  }

  /** A PNG renamed .mp4 is refused as a still image instead of analysed as a one-frame video. */
  @Test
  void aPictureRenamedMp4IsNotAVideo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path fake = dir.resolve("mouse.mp4");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png", fake.toFile());
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> new VideoFrameSource(fake, 1).close());
    assertTrue(e.getMessage().contains("mouse.mp4") && e.getMessage().contains("still image"), e.getMessage());
    assertTrue(FfmpegDecoder.isStillImage("png_pipe") && FfmpegDecoder.isStillImage("image2") && !FfmpegDecoder.isStillImage("mov,mp4,m4a,3gp,3g2,mj2"));
  }
}

package org.labpose.video;

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
}

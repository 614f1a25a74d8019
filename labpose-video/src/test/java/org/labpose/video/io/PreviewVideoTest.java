package org.labpose.video.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.image.RgbImage;

/** A video in a codec browsers do not play (MJPEG in AVI) becomes an H.264 preview with the same frames, scaled down. */
class PreviewVideoTest {
  @TempDir Path dir;

  /** Frame {@code i}: a bright square moving right on a dark background, 320x240. */
  private static java.awt.image.BufferedImage frame(int i) {
    java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = b.createGraphics();
    g.setColor(new java.awt.Color(30, 30, 40));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new java.awt.Color(240, 220, 90));
    g.fillRect(20 + 10 * i, 80, 60, 60);
    g.dispose();
    return b;
  }

  @Test
  void anMjpegAviBecomesASmallerH264PreviewWithEveryFrame() throws Exception {
    Path avi = dir.resolve("cam.avi");
    try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(avi.toFile(), 320, 240, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      r.setFormat("avi");
      r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
      r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
      r.setFrameRate(25);
      r.setVideoQuality(2);
      r.start();
      for (int i = 0; i < 20; i++) {
        r.record(conv.convert(frame(i)));
      }
      r.stop();
    }
    assertEquals("mjpeg", VideoProbe.probe(avi).codec());
    Path out = dir.resolve("cam_preview.mp4");
    int[] last = {0};
    int n = PreviewVideo.write(avi, out, 160, (done, total) -> last[0] = done);
    assertEquals(20, n);
    assertEquals(20, last[0]);
    VideoInfo p = VideoProbe.probe(out);
    assertEquals("h264", p.codec());
    assertEquals("yuv420p", p.pixelFormat());
    assertEquals(160, p.width());
    assertEquals(120, p.height());
    assertEquals(25, p.fps(), 1e-6);
    assertFalse(Files.exists(dir.resolve(".cam_preview.mp4.part.mp4")), "no partial file left");
    try (VideoFrameSource s = new VideoFrameSource(out)) {
      for (int i = 0; i < 20; i++) {
        RgbImage f = s.next();
        // the square's centre, scaled by 1/2: bright; a corner: dark
        int cx = (50 + 10 * i) / 2;
        int cy = 110 / 2;
        assertTrue((f.data()[(cy * 160 + cx) * 3] & 0xff) > 180, "frame " + i + " square");
        assertTrue((f.data()[(5 * 160 + 5) * 3] & 0xff) < 70, "frame " + i + " background");
      }
      assertEquals(null, s.next());
    }
  }

  @Test
  void aTooNarrowPreviewIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PreviewVideo.write(dir.resolve("x.mp4"), dir.resolve("y.mp4"), 8, null));
  }
}

package org.labpose.video.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.image.RgbImage;
import org.labpose.core.io.InputFormatException;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;

class VideoFrameSourceTest {
  @TempDir static Path dir;
  static Path video;

  @BeforeAll
  static void makeVideo() throws Exception {
    video = dir.resolve("v.mp4");
    SyntheticVideo.generate(SynthConfig.defaults().withFrames(90).withSize(160, 120), video, null, null);
  }

  @Test
  void probeAndSequentialDecode() throws Exception {
    VideoInfo i = VideoProbe.probe(video);
    assertEquals(160, i.width());
    assertEquals(120, i.height());
    assertEquals(30.0, i.fps(), 0.01);
    assertEquals(90, i.frameCount());
    assertEquals("h264", i.codec());
    try (VideoFrameSource s = new VideoFrameSource(video)) {
      int n = 0;
      while (s.next() != null) {
        n++;
      }
      assertEquals(90, n);
      assertNull(s.next());
    }
  }

  @Test
  void randomAccessEqualsSequentialDecode() throws Exception {
    assertRandomAccessExact(video, new int[] {0, 89, 45, 44, 1, 60, 31, 30, 88});
  }

  @Test
  void randomAccessEqualsSequentialDecodeOnOpenField() throws Exception {
    Path v = SharedData.openField().resolve("videos/m3v1mp4.mp4");
    assertRandomAccessExact(v, new int[] {1500, 7, 2329, 300, 299, 1001});
  }

  private static void assertRandomAccessExact(Path v, int[] indices) throws Exception {
    int max = Arrays.stream(indices).max().orElseThrow();
    List<RgbImage> seq = new ArrayList<>();
    try (VideoFrameSource s = new VideoFrameSource(v)) {
      for (int i = 0; i <= max; i++) {
        RgbImage img = s.next();
        seq.add(Arrays.stream(indices).anyMatch(x -> x == 0 + seq.size()) ? img : null);
      }
    }
    try (VideoFrameSource s = new VideoFrameSource(v)) {
      for (int i : indices) {
        assertEquals(seq.get(i), s.read(i), "frame " + i);
        assertEquals(i + 1, s.position());
      }
    }
  }

  @Test
  void skippingCountsTheFramesThatNextReturns() throws Exception {
    int converted = 0;
    try (VideoFrameSource s = new VideoFrameSource(video)) {
      while (s.next() != null) {
        converted++;
      }
    }
    int skipped = 0;
    try (VideoFrameSource s = new VideoFrameSource(video, 0)) {
      while (s.skip()) {
        skipped++;
        assertEquals(skipped, s.position());
      }
    }
    assertEquals(converted, skipped);
    assertEquals(converted, VideoCheck.run(video, null).decoded());
  }

  @Test
  void truncatedVideoIsReportedWithTheFrame() throws Exception {
    Path cut = dir.resolve("cut.mp4");
    byte[] all = Files.readAllBytes(video);
    Files.write(cut, Arrays.copyOf(all, all.length / 3));
    VideoCheck c = VideoCheck.run(cut, null);
    assertFalse(c.ok());
    assertTrue(c.firstBadFrame() > 0 && c.firstBadFrame() < 90, "first bad frame " + c.firstBadFrame());
    assertEquals(c.decoded(), c.firstBadFrame());
    assertTrue(VideoCheck.run(video, null).ok());
  }

  @Test
  void notAVideoIsAClearError() throws Exception {
    Path f = dir.resolve("notvideo.mp4");
    Files.writeString(f, "hello");
    InputFormatException e = assertThrows(InputFormatException.class, () -> new VideoFrameSource(f));
    assertTrue(e.getMessage().startsWith(f.toString()));
    assertFalse(e.getMessage().contains("setFormat"));
  }

  @Test
  void imagesRoundTripThroughPng() throws Exception {
    RgbImage img;
    try (VideoFrameSource s = new VideoFrameSource(video)) {
      img = s.read(10);
    }
    Path png = dir.resolve("f.png");
    Images.writePng(img, png);
    assertEquals(img, Images.read(png));
  }
}

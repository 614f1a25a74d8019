package org.labpose.web.studio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;

/** One frame of a video as JPEG bytes, for thumbnails and the zones editor's background. */
final class VideoFrames {
  private VideoFrames() {}

  /** Frame {@code n} (0-based) as a JPEG, full size, or null outside the video. */
  static byte[] jpeg(Path video, int n) throws IOException {
    try (VideoFrameSource s = new VideoFrameSource(video, 1)) {
      if (n < 0 || (s.frameCount() > 0 && n >= s.frameCount())) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(Images.toBuffered(s.read(n)), "jpg", out);
      return out.toByteArray();
    }
  }
}

package org.labpose.video.io;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video decoder on FFmpeg's own API (through JavaCPP), with exact frame-accurate seeking: frames
 * are identified by their presentation timestamps, taken from a packet index that is built on the
 * first backward or long forward jump, and a seek always restarts decoding at a key frame. Not
 * thread-safe. Errors are {@link DecodeException}s with FFmpeg's message.
 */
final class FfmpegDecoder implements AutoCloseable {
  static {
    FFmpeg.quiet();
  }

  /** A decoding failure (message without the file name). */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message);
    }
  }

  private final String path;
  private AVFormatContext fmt;
  private AVCodecContext ctx;
  private AVPacket pkt;
  private AVFrame frame;
  private SwsContext sws;
  private final int stream;
  private final AVStream st;
  private final int width;
  private final int height;
  private final double fps;
  private final int claimedFrames;
  private final String codecName;
  private final String pixelFormatName;
  private final BytePointer rgbBuf;
  private final PointerPointer<?> dstData;
  private final IntPointer dstLinesize;
  private boolean draining;
  private boolean eof;
  /** True when {@link #frame} holds a decoded frame not yet handed out (after a seek). */
  private boolean pending;
  /** Presentation timestamps in frame order, and whether each frame starts a key (IDR) packet. */
  private long[] ptsIndex;
  private boolean[] keyIndex;
  /** Decode timestamp of each key frame's packet (what the demuxer seeks on), by frame index. */
  private long[] seekTs;
  /** After a seek, packets are dropped until a key packet arrives. */
  private boolean awaitKey;

  /** Index (0-based) of the frame that {@link #next} decodes next. */
  private int position;

  FfmpegDecoder(String path, int threads) throws DecodeException {
    this.path = path;
    fmt = new AVFormatContext(null);
    check(avformat_open_input(fmt, path, null, null), "cannot open");
    try {
      check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "cannot read stream information");
      String container = fmt.iformat() == null || fmt.iformat().name() == null ? "" : fmt.iformat().name().getString();
      if (isStillImage(container)) {
        // FFmpeg opens a PNG or JPEG as a one-frame video: a picture renamed .mp4 would be analysed as one
        throw new DecodeException("a still image (" + container + "), not a video; for a folder of images use analyze-images");
      }
      stream = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (stream < 0) {
        throw new DecodeException("no video stream");
      }
      st = fmt.streams(stream);
      AVCodecParameters par = st.codecpar();
      AVCodec codec = avcodec_find_decoder(par.codec_id());
      codecName = avcodec_get_name(par.codec_id()).getString();
      if (codec == null) {
        throw new DecodeException("no decoder for codec " + codecName);
      }
      ctx = avcodec_alloc_context3(codec);
      check(avcodec_parameters_to_context(ctx, par), "cannot configure the decoder");
      ctx.thread_count(threads);
      check(avcodec_open2(ctx, codec, (AVDictionary) null), "cannot open the " + codecName + " decoder");
      width = par.width();
      height = par.height();
      if (width <= 0 || height <= 0) {
        throw new DecodeException("the video stream has no frame size");
      }
      BytePointer pf = par.format() >= 0 ? av_get_pix_fmt_name(par.format()) : null;
      pixelFormatName = pf == null || pf.isNull() ? "unknown" : pf.getString();
      AVRational r = av_guess_frame_rate(fmt, st, null);
      fps = r.den() > 0 && r.num() > 0 ? (double) r.num() / r.den() : Double.NaN;
      long n = st.nb_frames();
      if (n <= 0 && fmt.duration() > 0 && fps > 0) {
        n = Math.round(fmt.duration() / 1e6 * fps);
      }
      claimedFrames = (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
      pkt = av_packet_alloc();
      frame = av_frame_alloc();
      rgbBuf = new BytePointer((long) width * height * 3);
      dstData = new PointerPointer<>(4);
      dstData.put(0, rgbBuf);
      dstLinesize = new IntPointer(4).put(0, width * 3);
      // Decode the first frame now: H.264 streams carry encoder information in their first packet
      // (x264's version SEI) that FFmpeg needs to decode later key frames correctly after a seek.
      pending = decodeOne();
    } catch (DecodeException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** FFmpeg's demuxers of single pictures: {@code image2} and the {@code *_pipe} ones (png_pipe, jpeg_pipe, ...). */
  static boolean isStillImage(String demuxer) {
    return demuxer.equals("image2") || demuxer.endsWith("_pipe");
  }

  private static void check(int err, String what) throws DecodeException {
    if (err < 0) {
      throw new DecodeException(what + ": " + errorString(err));
    }
  }

  /** FFmpeg's text for an error code: the buffer up to its terminating NUL, never past it. */
  static String errorString(int err) {
    byte[] b = new byte[256];
    try (BytePointer buf = new BytePointer(b.length)) {
      buf.put(new byte[b.length]);
      av_make_error_string(buf, b.length, err);
      buf.get(b);
    }
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?").strip();
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  double fps() {
    return fps;
  }

  int claimedFrames() {
    return claimedFrames;
  }

  String codecName() {
    return codecName;
  }

  String pixelFormatName() {
    return pixelFormatName;
  }

  int position() {
    return position;
  }

  /** Decodes the next frame into RGB, or returns null at the end of the stream. */
  byte[] next() throws DecodeException {
    if (!decodeOne()) {
      return null;
    }
    position++;
    return toRgb();
  }

  /** Skips the next frame without converting it; false at the end. */
  boolean skip() throws DecodeException {
    if (!decodeOne()) {
      return false;
    }
    position++;
    return true;
  }

  /** Decodes frame {@code index} exactly; null when the stream has no such frame. */
  byte[] read(int index) throws DecodeException {
    if (index >= position && index - position <= 48) {
      while (position < index) {
        if (!skip()) {
          return null;
        }
      }
      return next();
    }
    buildIndex();
    if (index >= ptsIndex.length) {
      return null;
    }
    int key = index;
    while (key > 0 && !keyIndex[key]) {
      key--;
    }
    if (index < position || key > position) {
      seekTo(key);
    }
    while (position < index) {
      if (!skip()) {
        return null;
      }
    }
    return next();
  }

  /** Frames the packet index holds (exact count of video packets); builds the index if needed. */
  int indexedFrames() throws DecodeException {
    buildIndex();
    return ptsIndex.length;
  }

  private void seekTo(int key) throws DecodeException {
    check(av_seek_frame(fmt, stream, seekTs[key], AVSEEK_FLAG_BACKWARD), "cannot seek to frame " + key);
    avcodec_flush_buffers(ctx);
    draining = false;
    eof = false;
    awaitKey = true;
    // Decode until the key frame appears; frames before it (if the seek landed earlier) are skipped.
    while (true) {
      if (!decodeOne()) {
        throw new DecodeException("frame " + key + " not found after seeking");
      }
      int idx = frameIndexOf(ptsOf(frame));
      if (idx >= key) {
        position = idx;
        pending = true;
        return;
      }
    }
  }

  private boolean decodeOne() throws DecodeException {
    if (pending) {
      pending = false;
      return true;
    }
    while (true) {
      int r = avcodec_receive_frame(ctx, frame);
      if (r == 0) {
        return true;
      }
      if (r == AVERROR_EOF) {
        eof = true;
        return false;
      }
      if (r != -11) { // EAGAIN
        throw new DecodeException("frame " + position + ": " + errorString(r));
      }
      if (draining) {
        return false;
      }
      while (true) {
        int rr = av_read_frame(fmt, pkt);
        if (rr < 0) {
          // End of file, or a read error in a truncated file: drain what was sent; the frame count
          // then reveals the truncation.
          draining = true;
          check(avcodec_send_packet(ctx, null), "cannot flush the decoder");
          break;
        }
        if (pkt.stream_index() == stream && awaitKey && (pkt.flags() & AV_PKT_FLAG_KEY) == 0) {
          av_packet_unref(pkt);
          continue;
        }
        if (pkt.stream_index() == stream) {
          awaitKey = false;
          int s = avcodec_send_packet(ctx, pkt);
          av_packet_unref(pkt);
          if (s < 0 && s != -11) {
            throw new DecodeException("frame " + position + ": " + errorString(s));
          }
          break;
        }
        av_packet_unref(pkt);
      }
    }
  }

  private long ptsOf(AVFrame f) {
    long p = f.best_effort_timestamp();
    return p == AV_NOPTS_VALUE ? f.pts() : p;
  }

  private int frameIndexOf(long pts) {
    int i = Arrays.binarySearch(ptsIndex, pts);
    return i >= 0 ? i : Math.max(0, -i - 2);
  }

  private void buildIndex() throws DecodeException {
    if (ptsIndex != null) {
      return;
    }
    List<long[]> entries = new ArrayList<>();
    AVPacket p = av_packet_alloc();
    try {
      check(av_seek_frame(fmt, stream, Long.MIN_VALUE / 2, AVSEEK_FLAG_BACKWARD), "cannot rewind");
      while (av_read_frame(fmt, p) >= 0) {
        if (p.stream_index() == stream) {
          long pts = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
          long dts = p.dts() != AV_NOPTS_VALUE ? p.dts() : pts;
          entries.add(new long[] {pts, (p.flags() & AV_PKT_FLAG_KEY) != 0 ? 1 : 0, dts});
        }
        av_packet_unref(p);
      }
    } finally {
      av_packet_free(p);
    }
    entries.sort((a, b) -> Long.compare(a[0], b[0]));
    ptsIndex = new long[entries.size()];
    keyIndex = new boolean[entries.size()];
    seekTs = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      ptsIndex[i] = entries.get(i)[0];
      keyIndex[i] = entries.get(i)[1] == 1;
      seekTs[i] = entries.get(i)[2];
    }
    if (ptsIndex.length > 0) {
      keyIndex[0] = true;
    }
    // Restart decoding from the first frame so that the sequential position stays right.
    check(av_seek_frame(fmt, stream, Long.MIN_VALUE / 2, AVSEEK_FLAG_BACKWARD), "cannot rewind");
    avcodec_flush_buffers(ctx);
    draining = false;
    eof = false;
    pending = false;
    int target = position;
    position = 0;
    while (position < target) {
      if (!skip()) {
        break;
      }
    }
  }

  private byte[] toRgb() {
    sws = sws_getCachedContext(sws, frame.width(), frame.height(), frame.format(), width, height,
        AV_PIX_FMT_RGB24, SWS_BILINEAR, null, null, (DoublePointer) null);
    sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), dstData, dstLinesize);
    byte[] out = new byte[width * height * 3];
    rgbBuf.position(0).get(out);
    return out;
  }

  @Override
  public void close() {
    if (sws != null) {
      sws_freeContext(sws);
      sws = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (pkt != null) {
      av_packet_free(pkt);
      pkt = null;
    }
    if (ctx != null) {
      avcodec_free_context(ctx);
      ctx = null;
    }
    if (fmt != null) {
      avformat_close_input(fmt);
      fmt = null;
    }
  }
}

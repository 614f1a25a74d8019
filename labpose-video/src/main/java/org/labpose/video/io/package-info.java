/**
 * Reading and writing pictures: {@link org.labpose.video.io.FrameSource}s over video files (FFmpeg,
 * frame-exact seeking) and image folders, {@link org.labpose.video.io.FrameStream} (decoding and
 * preparing ahead on other threads), H.264 writing, PNG/JPEG I/O, probing and the integrity check
 * of {@code check-video}. Frame indices are 0-based; frame rates in frames/s.
 */
package org.labpose.video.io;

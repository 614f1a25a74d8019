/**
 * Video and image frames: {@link org.labpose.video.FrameSource} over video files (FFmpeg through
 * JavaCV) and image folders, probing, integrity checks. Frames are {@link
 * org.labpose.core.image.RgbImage}s with the origin at the top-left corner.
 */
package org.labpose.video;

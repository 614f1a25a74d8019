/**
 * Video and images, FFmpeg and OpenCV through JavaCV: {@code io} reads and writes videos and images
 * (decoding, encoding, probing, integrity checks, image folders as frame sources), {@code frames}
 * picks and extracts frames to label (uniform or k-means), {@code draw} draws points, skeletons,
 * labelled videos and plots, and {@code synth} renders synthetic mice with exact ground truth.
 * Frames are {@link org.labpose.core.image.RgbImage}s; coordinates are pixels with the origin at
 * the top-left corner, x right, y down.
 */
package org.labpose.video;

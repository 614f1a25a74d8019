/**
 * Frames to label: uniform or k-means selection over a video (on small greyscale thumbnails), and
 * their extraction as DeepLabCut-named PNGs into {@code labeled-data/<video stem>/}.
 */
package org.labpose.video.frames;

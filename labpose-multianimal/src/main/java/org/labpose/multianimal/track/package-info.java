/**
 * From per-frame individuals to identities over time: tracklets (short runs of one animal, made by a
 * frame-to-frame tracker) and their stitching into a fixed number of tracks by a minimum-cost flow, as
 * DeepLabCut's {@code TrackletStitcher} ({@code refine_training_dataset/stitch.py}) does. Frames are
 * 0-based video frame indices; positions in px, origin top-left, x right, y down.
 */
package org.labpose.multianimal.track;

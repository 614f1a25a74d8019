/**
 * Drawing: keypoints and skeletons over frames (DeepLabCut's colormaps), labelled videos, trajectory
 * and likelihood plots and training loss curves. Coordinates in px, origin top-left.
 */
package org.labpose.video.draw;

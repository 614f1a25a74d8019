package org.labpose.net.data;

import org.labpose.core.image.RgbImage;

/**
 * One training image with its keypoints: x, y per keypoint slot in pixels of {@code image}
 * (origin top-left), NaN for a missing label.
 */
public record Sample(RgbImage image, double[] xy) {}

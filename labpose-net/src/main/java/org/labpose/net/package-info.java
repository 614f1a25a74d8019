/**
 * The pose network: training sets, augmentation, models, training, inference and evaluation. The
 * only module that uses DJL; its public API speaks core types ({@link
 * org.labpose.core.image.RgbImage}, {@link org.labpose.core.model.LabelSet}, {@link
 * org.labpose.core.model.PoseTable}) and plain arrays. Coordinates are pixels, origin top-left.
 */
package org.labpose.net;

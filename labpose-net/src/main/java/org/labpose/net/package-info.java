/**
 * The pose network, the only module that uses DJL. This package holds the engine set-up ({@link
 * org.labpose.net.Engines}) and the one-call Java API ({@link org.labpose.net.PoseEstimator}); the
 * work is in {@code dataset} (training sets and splits), {@code data} (augmentation and targets),
 * {@code model} (architectures, the model manifest, export), {@code pretrained} (backbones from
 * package registries), {@code train} (training), {@code evaluate} (pixel errors) and {@code infer}
 * (prediction and video analysis). The public API speaks core types ({@link
 * org.labpose.core.image.RgbImage}, {@link org.labpose.core.model.LabelSet}, {@link
 * org.labpose.core.model.PoseTable}) and plain arrays. Coordinates are pixels, origin top-left.
 */
package org.labpose.net;

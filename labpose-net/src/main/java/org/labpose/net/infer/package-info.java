/** Inference: decoding score maps and refinement offsets into keypoints, and predicting on images. */
package org.labpose.net.infer;

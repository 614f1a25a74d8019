/**
 * Frames to refine: where predictions are unsure (likelihood under the p-cutoff), jump between frames
 * (px) or stray from a Kalman smoother (px).
 */
package org.labpose.analysis.outliers;

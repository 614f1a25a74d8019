/**
 * Kinematics of one animal: the order of missing points (p-cutoff), gap filling (s), smoothing (s),
 * the reference point, heading, speed and angles, and the pixel-to-centimetre calibration (px,
 * top-left origin, y down).
 */
package org.labpose.analysis.kinematics;

/**
 * Filters for keypoint tracks (one coordinate series at a time, NaN = missing): median,
 * Savitzky–Golay, constant-velocity Kalman with a Rauch–Tung–Striebel smoother, and gap
 * interpolation. Units are those of the input (pixels) per frame.
 */
package org.labpose.analysis.filter;

/**
 * Gait on a treadmill or a walkway: stance and swing of each paw, strides (s, and cm or px), duty
 * factor and left/right symmetry indices.
 */
package org.labpose.analysis.gait;

/**
 * Zones drawn in pixels (top-left origin, x right, y down): rectangles, circles, polygons,
 * open-field center and periphery, with the arena's calibration to centimetres; the zones file.
 */
package org.labpose.analysis.zones;

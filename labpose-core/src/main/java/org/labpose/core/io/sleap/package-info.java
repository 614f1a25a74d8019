/**
 * SLEAP's label files ({@code .slp}: HDF5 with JSON metadata and compound tables of frames, instances
 * and points). Coordinates are returned as LabPose and DeepLabCut use them: px with (0, 0) at the
 * centre of the top-left pixel, x right, y down (files older than format 1.1 stored the pixel's corner
 * and are shifted by half a pixel, as sleap-io does).
 */
package org.labpose.core.io.sleap;

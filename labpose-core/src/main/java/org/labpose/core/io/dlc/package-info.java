/**
 * DeepLabCut's file formats: label files ({@code CollectedData_<scorer>.csv} with the 3-row,
 * 4-row and split-index headers; {@code .h5} written by pandas in the fixed or table layout) and
 * prediction CSVs (x, y, likelihood per bodypart per frame). Coordinates are pixels, origin top-left.
 */
package org.labpose.core.io.dlc;

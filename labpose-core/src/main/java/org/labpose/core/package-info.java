/**
 * LabPose core: the plain data model (projects, skeletons, label sets, pose tables) and the file
 * formats that read and write it. No native code, no engine, no video decoding.
 *
 * <p>Coordinates everywhere are image pixels with the origin at the top-left corner of the image,
 * x to the right and y down; a missing point is {@code NaN}.
 */
package org.labpose.core;

/**
 * Several animals at once, without a deep-learning engine: the network's shared score maps and
 * part-affinity fields become detections ({@code assembly.MapDecoder}), detections become individuals
 * ({@code assembly.Assembler}), individuals become tracklets over time ({@code track.Tracker}) and
 * tracklets become a fixed number of identities ({@code track.Stitcher}).
 *
 * <p>Coordinates are image pixels as DeepLabCut's: (0, 0) is the centre of the top-left pixel, x to the
 * right and y down; frames are counted from 0.
 */
package org.labpose.multianimal;

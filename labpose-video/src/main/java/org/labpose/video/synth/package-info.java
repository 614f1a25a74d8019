/**
 * Synthetic top-view mouse videos with exact ground truth: a mouse-like animal (body, head with
 * snout and two ears, tail base and a bending tail) moving through a textured arena, with lighting
 * noise, blur and compression. Used by the demo and the tests so that nothing needs outside data.
 * Coordinates are pixels, origin top-left, x right, y down.
 */
package org.labpose.video.synth;

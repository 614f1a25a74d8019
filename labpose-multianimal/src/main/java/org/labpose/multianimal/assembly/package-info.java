/**
 * From one frame's detections to individuals, as DeepLabCut's {@code Assembler}
 * ({@code deeplabcut/core/inferenceutils.py}) does: per edge of the connection graph the candidates
 * are paired by the Hungarian algorithm on their part-affinity, complete skeletons are taken first,
 * then individuals grow from the strongest links. Positions in px, origin top-left, x right, y down.
 */
package org.labpose.multianimal.assembly;

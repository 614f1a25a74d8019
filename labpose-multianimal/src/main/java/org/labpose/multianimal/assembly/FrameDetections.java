package org.labpose.multianimal.assembly;

import java.util.List;
import java.util.Map;

/**
 * Everything the network says about one frame: per bodypart (in the project's order, the animals'
 * bodyparts first, then the unique ones) its candidate detections, and per edge of the connection
 * graph (by index into {@link AssemblyParams#graph()}) the costs between the candidates of its two ends.
 *
 * @param candidates per bodypart the detections, rows of the edge cost matrices in this order
 * @param costs per graph edge index the costs; an edge without an entry has no links this frame
 */
public record FrameDetections(List<List<Detection>> candidates, Map<Integer, EdgeCosts> costs) {
  public FrameDetections {
    candidates = candidates.stream().map(List::copyOf).toList();
    costs = Map.copyOf(costs);
  }
}

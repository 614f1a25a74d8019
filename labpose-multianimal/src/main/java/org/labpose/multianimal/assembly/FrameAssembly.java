package org.labpose.multianimal.assembly;

import java.util.List;

/**
 * The individuals found in one frame and the unique bodyparts.
 *
 * @param animals at most {@link AssemblyParams#maxIndividuals()} animals, in no particular order
 * @param unique per unique bodypart {x, y, confidence} in px, NaN when not found (empty array when the
 *     project has none)
 */
public record FrameAssembly(List<Animal> animals, double[][] unique) {
  public FrameAssembly {
    animals = List.copyOf(animals);
  }
}

package org.labpose.core.model;

import java.util.Objects;

/**
 * Names one keypoint slot: a bodypart of an individual. In single-animal projects the individual is
 * {@link #SINGLE_ANIMAL} (the empty string); in multi-animal projects the unique bodyparts (those
 * that belong to the scene or to no particular animal) sit under the individual {@link #UNIQUE}.
 *
 * @param individual individual name, never null ({@code ""} in single-animal data)
 * @param bodypart bodypart name, never null or empty
 */
public record KeypointId(String individual, String bodypart) {

  /** The individual of single-animal data. */
  public static final String SINGLE_ANIMAL = "";

  /** The pseudo-individual that DeepLabCut files unique bodyparts under. */
  public static final String UNIQUE = "single";

  public KeypointId {
    Objects.requireNonNull(individual, "individual");
    Objects.requireNonNull(bodypart, "bodypart");
    if (bodypart.isEmpty()) {
      throw new IllegalArgumentException("empty bodypart name");
    }
  }

  /** A keypoint of single-animal data. */
  public static KeypointId of(String bodypart) {
    return new KeypointId(SINGLE_ANIMAL, bodypart);
  }

  @Override
  public String toString() {
    return individual.isEmpty() ? bodypart : individual + "/" + bodypart;
  }
}

package org.labpose.net.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentConfigTest {

  @Test
  void presetsAndOverridesCompose() {
    assertEquals(AugmentConfig.defaults(), AugmentConfig.parse("default"));
    assertEquals(AugmentConfig.none(), AugmentConfig.parse("none"));
    AugmentConfig a = AugmentConfig.parse("light, rotation=15, scale=0.8:1.2, noise=3");
    assertEquals(15, a.rotation());
    assertEquals(0.8, a.scaleMin());
    assertEquals(1.2, a.scaleMax());
    assertEquals(3, a.noise());
    assertEquals(AugmentConfig.light().occlusion(), a.occlusion());
    assertEquals(AugmentConfig.light().mirror(), a.mirror());
    // overrides without a preset start from the defaults
    assertEquals(AugmentConfig.defaults().rotation(), AugmentConfig.parse("occlusion=0").rotation());
  }

  @Test
  void badInputNamesTheKeyOrValue() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse("twist=3")).getMessage().contains("twist"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse("noise=lots")).getMessage().contains("lots"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse("scale=0.5")).getMessage().contains("min:max"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse("mirror=2")).getMessage().contains("[0, 1]"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse("heavy")).getMessage().contains("heavy"));
  }
}

package org.labpose.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkeletonTest {
  @Test
  void infersLeftRightPairsFromCommonNamings() {
    assertEquals("rightear", Skeleton.counterpart("leftear"));
    assertEquals("Left_paw", Skeleton.counterpart("Right_paw"));
    assertEquals("r_hip", Skeleton.counterpart("l_hip"));
    assertEquals("ear_L", Skeleton.counterpart("ear_R"));
    assertEquals("eyeR", Skeleton.counterpart("eyeL"));
    assertNull(Skeleton.counterpart("snout"));
    assertNull(Skeleton.counterpart("tailbase"));
  }

  @Test
  void openFieldSkeleton() {
    Skeleton s = new Skeleton(List.of("snout", "leftear", "rightear", "tailbase"), List.of(new Skeleton.Pair("snout", "tailbase")), null);
    assertEquals(List.of(new Skeleton.Pair("leftear", "rightear")), s.symmetricPairs());
    assertEquals("rightear", s.mirrorMap().get("leftear"));
    assertEquals("snout", s.mirrorMap().get("snout"));
  }

  @Test
  void unknownBodypartInEdgeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Skeleton(List.of("a"), List.of(new Skeleton.Pair("a", "b")), null));
  }
}

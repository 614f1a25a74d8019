package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointLayout;

/** A model made for one kind of project is refused on another, naming the model file and the mismatch. */
class ModelInfoTest {
  @TempDir Path dir;

  private static ModelInfo single() {
    return new ModelInfo("tiny", List.of("snout", "tailbase"), false, 8, 8, 0.5, 7.2801,
        new float[] {123.68f, 116.78f, 103.94f}, new float[] {58.4f, 57.1f, 57.4f}, null, "t", "Nov30", 0.95, 1, 0);
  }

  private static ModelInfo pair() {
    MultiAnimalHead head = new MultiAnimalHead(List.of("m1", "m2"), List.of("snout", "tailbase"), List.of(), List.of(List.of(0, 1)),
        20, 1, 0.1, false);
    return new ModelInfo("tiny", List.of("m1/snout", "m1/tailbase", "m2/snout", "m2/tailbase"), true, 8, 8, 0.5, 7.2801,
        new float[] {123.68f, 116.78f, 103.94f}, new float[] {58.4f, 57.1f, 57.4f}, null, "t", "Nov30", 0.95, 1, 0, head);
  }

  @Test
  void singleAnimalModelOnAMultiAnimalProjectIsRefused() {
    KeypointLayout multi = KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tailbase"), List.of());
    InputFormatException e = assertThrows(InputFormatException.class, () -> single().checkFits(dir, multi));
    assertTrue(e.getMessage().contains("pose_cfg.json") && e.getMessage().contains("a single-animal model cannot analyse for a multi-animal project"),
        e.getMessage());
    InputFormatException r = assertThrows(InputFormatException.class,
        () -> pair().checkFits(dir, KeypointLayout.singleAnimal(List.of("snout", "tailbase"))));
    assertTrue(r.getMessage().contains("a multi-animal model cannot analyse for a single-animal project"), r.getMessage());
  }

  @Test
  void otherIndividualsAreRefusedAndTheRightProjectPasses() throws Exception {
    InputFormatException e = assertThrows(InputFormatException.class, () -> pair().checkFits(dir,
        KeypointLayout.multiAnimal(List.of("a", "b"), List.of("snout", "tailbase"), List.of())));
    assertTrue(e.getMessage().contains("the model has keypoints [m1/snout"), e.getMessage());
    pair().checkFits(dir, KeypointLayout.multiAnimal(List.of("m1", "m2"), List.of("snout", "tailbase"), List.of()));
    assertEquals(3 * 2 + 2, pair().spec().outputChannels());
  }

  /**
   * The link lengths learnt from the labels travel in {@code pose_cfg.json} and reach the assembler
   * (the temporal window stays off); a model written before they were recorded reads without them.
   */
  @Test
  void linkLengthsRoundTripAndReachTheAssembly() throws Exception {
    org.labpose.multianimal.assembly.LinkLengths lengths =
        new org.labpose.multianimal.assembly.LinkLengths(2, new double[] {64.5}, new double[] {4.25});
    MultiAnimalHead h = pair().multiAnimalHead();
    MultiAnimalHead with = new MultiAnimalHead(h.individuals(), h.bodyparts(), h.unique(), h.edges(), h.pafWidth(),
        h.nmsRadius(), h.minConfidence(), h.identity(), lengths);
    ModelInfo p = pair();
    ModelInfo info = new ModelInfo(p.net(), p.keypoints(), true, p.stride(), p.inputMultiple(), p.globalScale(),
        p.locrefStd(), p.mean(), p.std(), null, p.task(), p.date(), p.trainFraction(), p.shuffle(), p.iteration(), with);
    info.write(dir);
    MultiAnimalHead back = ModelInfo.read(dir).multiAnimalHead();
    assertEquals(lengths, back.linkLengths());
    assertEquals(lengths, back.assembly().linkLengths());
    assertEquals(0, back.assembly().window());
    pair().write(dir);
    org.junit.jupiter.api.Assertions.assertNull(ModelInfo.read(dir).multiAnimalHead().linkLengths());
  }
}

package org.labpose.core.io.dlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labpose.core.SharedData;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.LabelSet;
import org.labpose.core.model.LabeledFrame;

/** The .h5 fixtures were written by pandas 1.5 / PyTables 3.7 (make_h5_fixtures.py beside them). */
class DlcLabelH5Test {
  @TempDir Path dir;
  private static final double N = Double.NaN;

  private Path fixture(String name) throws Exception {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, f);
    }
    return f;
  }

  private static LabelSet expectedSingle() {
    KeypointLayout l = KeypointLayout.singleAnimal(List.of("A", "B", "C"));
    return new LabelSet("Scorer", l, List.of(
        new LabeledFrame("labeled-data/video/img000.png", l, new double[] {0.5, 1.25, 2, 3, 4, 5}),
        new LabeledFrame("labeled-data/video/img001.png", l, new double[] {12, 13, N, N, 15, 16}),
        LabeledFrame.empty("labeled-data/video/img002.png", l)));
  }

  private static LabelSet expectedMulti() {
    KeypointLayout l = new KeypointLayout(List.of(
        new KeypointId("Animal1", "A"), new KeypointId("Animal1", "B"),
        new KeypointId("Animal2", "A"), new KeypointId("Animal2", "B"),
        new KeypointId("single", "D")), true);
    return new LabelSet("LM", l, List.of(
        new LabeledFrame("labeled-data/video/img000.png", l, new double[] {0, 1, 2, 3, 6, 7, 8, 9, N, N}),
        new LabeledFrame("labeled-data/video/img001.png", l, new double[] {12, 13, N, N, 17, 18, 19.5, 20, 22, 23}),
        LabeledFrame.empty("labeled-data/video/img002.png", l)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"single_fixed.h5", "single_split_fixed.h5", "single_table.h5"})
  void singleAnimalLayouts(String name) throws Exception {
    assertEquals(expectedSingle(), DlcLabelH5.read(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi_table.h5", "multi_split_fixed.h5"})
  void multiAnimalLayouts(String name) throws Exception {
    assertEquals(expectedMulti(), DlcLabelH5.read(fixture(name)));
  }

  @Test
  void openFieldH5EqualsCsv() throws Exception {
    Path folder = SharedData.openField().resolve("labeled-data/m4s1");
    LabelSet h5 = DlcLabelH5.read(folder.resolve("CollectedData_Pranav.h5"));
    LabelSet csv = DlcLabelCsv.read(folder.resolve("CollectedData_Pranav.csv"));
    assertEquals(116, h5.size());
    assertEquals(csv, h5);
  }

  @Test
  void notHdf5IsAClearError() throws Exception {
    Path f = dir.resolve("CollectedData_x.h5");
    Files.writeString(f, "not hdf5");
    InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelH5.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void truncatedOpenFieldH5IsRefused() throws Exception {
    Path good = SharedData.openField().resolve("labeled-data/m4s1/CollectedData_Pranav.h5");
    byte[] all = Files.readAllBytes(good);
    for (int cut : new int[] {12_700, 100, 2048, all.length / 2, all.length - 1}) {
      Path f = dir.resolve("cut" + cut + ".h5");
      Files.write(f, java.util.Arrays.copyOf(all, cut));
      InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelH5.read(f), "cut at " + cut);
      assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"single_fixed.h5", "single_split_fixed.h5", "single_table.h5", "multi_table.h5", "multi_split_fixed.h5"})
  void everyCutOfAFixtureIsRefused(String name) throws Exception {
    byte[] all = Files.readAllBytes(fixture(name));
    for (int cut = 0; cut < all.length; cut += Math.max(1, all.length / 97)) {
      Path f = dir.resolve("cut.h5");
      Files.write(f, java.util.Arrays.copyOf(all, cut));
      InputFormatException e = assertThrows(InputFormatException.class, () -> DlcLabelH5.read(f), name + " cut at " + cut);
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
  }
}

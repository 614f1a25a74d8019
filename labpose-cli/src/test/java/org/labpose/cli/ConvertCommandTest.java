package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.SharedData;
import org.labpose.core.io.dlc.DlcH5;
import org.labpose.core.io.dlc.DlcPredictionCsv;

class ConvertCommandTest {
  @TempDir Path dir;

  @Test
  void convertsAndSummarisesAnyFormat() throws Exception {
    Path csv = SharedData.require("format-fixtures/dlc-multianimal/montblanc_tracks.csv");
    Path out = dir.resolve("montblanc.analysis.h5");
    Cli r = Cli.run("convert", csv.toString(), "--to", "slp-analysis", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("not kept: unique bodyparts as such for SLEAP: [center]"), r.out());
    Cli s = Cli.run("summary", out.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    JsonNode j = new ObjectMapper().readTree(s.out());
    assertEquals("sleap_analysis", j.get("format").asText());
    assertEquals(180, j.get("frames").asInt());
    Path back = dir.resolve("back.h5");
    assertEquals(0, Cli.run("convert", out.toString(), "--to", "dlc-h5", "--out", back.toString()).code());
    assertEquals(DlcPredictionCsv.read(csv).layout(), DlcH5.readPredictions(back).layout());
  }

  @Test
  void labelsGoToCocoAndBack() throws Exception {
    Path csv = SharedData.require("format-fixtures/dlc/labeled-data/video/CollectedData_LM.csv");
    Path coco = dir.resolve("lm.json");
    Cli r = Cli.run("convert", csv.toString(), "--to", "coco", "--out", coco.toString());
    assertEquals(0, r.code(), r.err());
    Cli s = Cli.run("summary", coco.toString(), "--json");
    assertEquals(0, s.code(), s.err());
    assertEquals("coco", new ObjectMapper().readTree(s.out()).get("format").asText());
    Path back = dir.resolve("back.csv");
    assertEquals(0, Cli.run("convert", coco.toString(), "--to", "dlc-csv", "--out", back.toString()).code());
    var a = org.labpose.core.io.dlc.DlcLabelCsv.read(csv);
    var b = org.labpose.core.io.dlc.DlcLabelCsv.read(back);
    assertEquals(a.layout(), b.layout(), "individuals by name, unique bodyparts kept");
    assertEquals(a.frames(), b.frames());
    assertTrue(Cli.run("convert", csv.toString(), "--to", "slp-analysis", "--out", dir.resolve("x.h5").toString()).err()
        .contains("labels convert to dlc-csv, dlc-h5 or coco"));
  }

  @Test
  void badTargetsAndSameFileAreRefused() throws Exception {
    Path csv = SharedData.require("format-fixtures/dlc-multianimal/montblanc_tracks.csv");
    Cli r = Cli.run("convert", csv.toString(), "--to", "xlsx", "--out", dir.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("dlc-csv, dlc-h5, slp-analysis, coco, nwb"), r.err());
    Path copy = dir.resolve("t.csv");
    Files.copy(csv, copy);
    r = Cli.run("convert", copy.toString(), "--to", "dlc-csv", "--out", copy.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("input file"), r.err());
  }
}

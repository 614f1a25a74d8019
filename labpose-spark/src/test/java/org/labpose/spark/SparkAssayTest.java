package org.labpose.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.analysis.assay.AssayFiles;
import org.labpose.analysis.report.AssayStudy;
import org.labpose.analysis.zones.ZoneFile;
import org.labpose.analysis.zones.ZoneSet;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticVideo;

/** The assay on Spark (local[2]) writes the same files as the assay in one process, from per-video tasks. */
class SparkAssayTest {
  @TempDir static Path data;
  @TempDir Path dir;
  private static JavaSparkContext sc;
  private static final List<Path> csvs = new ArrayList<>();
  private static Path zones;
  private static Path groups;

  @BeforeAll
  static void setUp() throws Exception {
    for (int i = 0; i < 4; i++) {
      Path csv = data.resolve("mouse" + i + "_groundtruth.csv");
      SyntheticVideo.generate(SynthConfig.defaults().withFrames(90).withSeed(200 + i), data.resolve("mouse" + i + ".mp4"), csv, null);
      csvs.add(csv);
    }
    zones = Files.writeString(data.resolve("zones.yaml"),
        "px_per_cm: 5\narena: {x: 10, y: 10, width: 300, height: 220}\nzones:\n  - {name: center, shape: open_field_center, margin_cm: 8}\n"
            + "  - {name: periphery, shape: open_field_periphery, margin_cm: 8}\n");
    StringBuilder g = new StringBuilder("video,group\n");
    for (int i = 0; i < 4; i++) {
      g.append(ProjectLayout.videoStemOfPredictions(csvs.get(i))).append(',').append(i < 2 ? "saline" : "drug").append('\n');
    }
    groups = Files.writeString(data.resolve("groups.csv"), g.toString());
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("labpose-assay-test").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    sc.setLogLevel("OFF");
  }

  @AfterAll
  static void tearDown() {
    if (sc != null) {
      sc.close();
    }
  }

  private static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theSameFilesAsTheAssayInOneProcess() throws Exception {
    Path spark = dir.resolve("spark");
    SparkAssay.run(sc, new SparkAssay.Request(zones, csvs, groups, spark, 30, 0.6), "LabPose assay");

    Path single = dir.resolve("single");
    ZoneSet z = ZoneFile.read(zones);
    Map<String, String> g = AssayFiles.readGroups(groups);
    List<AssayStudy.Input> inputs = new ArrayList<>();
    for (Path csv : csvs) {
      inputs.add(new AssayStudy.Input(ProjectLayout.videoStemOfPredictions(csv), csv, ProjectLayout.readPredictions(csv), 30, Double.NaN, Double.NaN));
    }
    var cfg = SparkAssay.config(0.6, true);
    AssayStudy.write(AssayStudy.run(inputs, z, cfg, g, groups), single, "LabPose assay", AssayStudy.describe(cfg, z, zones, groups, g));

    assertEquals(names(single), names(spark));
    assertTrue(names(spark).containsAll(List.of("assay_summary.csv", "assay_groups.csv", "assay_report.html", "mouse0_groundtruth_features.csv")),
        names(spark).toString());
    for (String f : names(single)) {
      assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyTask() throws Exception {
    Path out = dir.resolve("out");
    JobRefusedException missing = assertThrows(JobRefusedException.class,
        () -> SparkAssay.run(sc, new SparkAssay.Request(zones, List.of(csvs.get(0), dir.resolve("gone.csv")), null, out, 30, 0.6), "t"));
    assertTrue(missing.getMessage().contains("gone.csv"), missing.getMessage());
    Path badZones = Files.writeString(dir.resolve("zones.yaml"), "zones:\n  - {name: c, shape: circle}\n");
    InputFormatException z = assertThrows(InputFormatException.class,
        () -> SparkAssay.run(sc, new SparkAssay.Request(badZones, csvs, null, out, 30, 0.6), "t"));
    assertTrue(z.getMessage().contains("zones.yaml: line 2"), z.getMessage());
    assertFalse(Files.exists(out.resolve("assay_summary.csv")));
    InputFormatException noRate = assertThrows(InputFormatException.class,
        () -> SparkAssay.run(sc, new SparkAssay.Request(zones, csvs.subList(0, 1), null, out, Double.NaN, 0.6), "t"));
    assertTrue(noRate.getMessage().contains("give --fps"), noRate.getMessage());
  }
}

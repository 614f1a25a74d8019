package org.labpose.net.model;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.fuzz.Fuzzer;

/**
 * A model folder's {@code pose_cfg.json} against damaged copies (see {@link Fuzzer}): refused naming
 * the file, or read as values a predictor can use. Counts in {@code target/fuzz-counts-model.csv}.
 */
class ModelFilesFuzzTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ModelInfo typical() {
    return new ModelInfo("mobilenet_v2_1.0", List.of("snout", "leftear", "rightear", "tailbase"), false, 8, 32, 0.8, 7.2801,
        new float[] {123.68f, 116.78f, 103.94f}, new float[] {58.4f, 57.1f, 57.4f}, new int[] {0, 2, 1, 3}, "openfield", "Oct30",
        0.95, 1, 0);
  }

  @Test
  void damagedCopiesOfPoseCfgAreRefusedOrReadAsUsableValues() throws Exception {
    typical().write(dir);
    byte[] bytes = Files.readAllBytes(dir.resolve(ModelInfo.FILE));
    Fuzzer.Fixture f = new Fuzzer.Fixture("pose_cfg.json", ".json", bytes, p -> JSON.writeValueAsString(ModelInfo.readFile(p)));
    Fuzzer.writeCounts(Fuzzer.run(List.of(f), Fuzzer.cases(Fuzzer.DEFAULT_CASES_PER_FIXTURE), 20261202, dir), "fuzz-counts-model.csv");
  }

  @Test
  void valuesAPredictorCannotUseAreRefused() throws Exception {
    String good = JSON.writeValueAsString(typical());
    for (String[] bad : new String[][] {{"\"stride\":8", "\"stride\":0"}, {"\"globalScale\":0.8", "\"globalScale\":-1.0"},
        {"\"mirror\":[0,2,1,3]", "\"mirror\":[0,9,1,3]"}, {"\"keypoints\":[\"snout\",", "\"keypoints\":[\"\","}}) {
      Path p = dir.resolve("bad.json");
      Files.writeString(p, good.replace(bad[0], bad[1]));
      org.junit.jupiter.api.Assertions.assertNotEquals(good, good.replace(bad[0], bad[1]), bad[0]);
      assertThrows(InputFormatException.class, () -> ModelInfo.readFile(p), bad[1]);
    }
  }
}

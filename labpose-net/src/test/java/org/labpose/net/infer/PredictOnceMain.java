package org.labpose.net.infer;

import java.nio.file.Path;
import org.labpose.core.image.RgbImage;

/** Loads a model folder and predicts one grey frame: run in a child JVM by {@link NativeWarningsTest}. */
public final class PredictOnceMain {
  private PredictOnceMain() {}

  public static void main(String[] args) throws Exception {
    try (PosePredictor p = new PosePredictor(Path.of(args[0]), null, 1)) {
      double[] xyp = p.predict(RgbImage.black(96, 96));
      System.out.println("predicted " + xyp.length / 3 + " keypoints");
    }
  }
}

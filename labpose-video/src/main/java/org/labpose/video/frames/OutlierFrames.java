package org.labpose.video.frames;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.dlc.MachineLabels;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.video.io.VideoProbe;

/**
 * The refinement step of {@code extract-outliers}: among candidate frames of a video (for example
 * {@code Outliers.candidates} of the analysis module), picks diverse ones (k-means on thumbnails),
 * extracts them into {@code labeled-data/<video stem>/} and stores the network's predictions on them
 * as machine labels ({@code machinelabels-iter<N>.csv}), which the labeling page shows as starting
 * points.
 */
public final class OutlierFrames {
  private OutlierFrames() {}

  /**
   * What was extracted.
   *
   * @param chosen frame indices picked (0-based)
   * @param written image files newly written (frames already extracted are kept)
   * @param folder the labeled-data folder
   * @param machineLabels the machine-label file updated
   */
  public record Result(List<Integer> chosen, List<Path> written, Path folder, Path machineLabels) {}

  /**
   * @param predictions the video's predictions, laid out as the project's keypoints
   * @param candidates candidate frame indices
   * @param num frames to pick at most
   * @param seed k-means seed
   */
  public static Result extract(Project p, Path video, PoseTable predictions, List<Integer> candidates, int num, long seed) throws IOException {
    KeypointLayout layout = p.keypointLayout();
    String stem = Project.videoStem(video.toString());
    List<Integer> chosen = FrameExtractor.pickAmong(video, candidates, num, null, seed);
    Path folder = p.labeledDataDir(stem);
    FrameExtractor.Result r = FrameExtractor.extract(video, chosen, folder, null);
    int count = VideoProbe.probe(video).frameCount();
    Path mlFile = folder.resolve(MachineLabels.fileName(p.config().iteration()));
    Map<String, double[]> ml = MachineLabels.read(mlFile, layout);
    for (int f : chosen) {
      if (f >= predictions.frameCount()) {
        continue;
      }
      double[] v = new double[3 * layout.size()];
      for (int i = 0; i < layout.size(); i++) {
        KeypointId k = layout.keypoints().get(i);
        v[3 * i] = predictions.x(f, k);
        v[3 * i + 1] = predictions.y(f, k);
        v[3 * i + 2] = predictions.likelihood(f, k);
      }
      ml.put(ProjectLayout.labeledImage(stem, FrameExtractor.imageName(f, count)), v);
    }
    MachineLabels.write(mlFile, predictions.scorer(), layout, ml);
    return new Result(chosen, r.written(), folder, mlFile);
  }
}

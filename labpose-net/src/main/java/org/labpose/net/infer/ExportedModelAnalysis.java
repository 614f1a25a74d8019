package org.labpose.net.infer;

import java.io.IOException;
import java.nio.file.Path;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.track.MultiAnimalTracking;
import org.labpose.net.Engines;
import org.labpose.net.model.ModelExport;

/**
 * An exported model folder ({@code labpose export-model}) opened for video analysis exactly as
 * {@code labpose analyze --model} uses it: the folder's checksums verified, the predictor, the
 * scorer name, the decoding and preparation threads chosen for the device, default tracking for
 * multi-animal models. Any other program that must produce the same CSVs (the Spark job) opens it
 * here, so the two cannot drift apart. Coordinates in the CSVs are pixels of the original frame,
 * origin top-left, x right, y down.
 */
public final class ExportedModelAnalysis implements AutoCloseable {
  private final PosePredictor predictor;
  private final VideoAnalyzer analyzer;
  private final String scorer;

  private ExportedModelAnalysis(PosePredictor predictor, VideoAnalyzer analyzer, String scorer) {
    this.predictor = predictor;
    this.analyzer = analyzer;
    this.scorer = scorer;
  }

  /**
   * Opens an exported model.
   *
   * @param threads CPU threads for the network
   * @param batchSize frames per inference batch
   * @param decodeThreads FFmpeg decoding threads, or null for the device's default (1 on the CPU, 0 on a GPU)
   * @param prepareThreads frame preparation threads, or null for the device's default (1 on the CPU)
   * @param nTracks animals to track for multi-animal models, or null for the model's default
   * @param commandLine recorded in each {@code _meta.json}
   * @throws org.labpose.core.io.InputFormatException when the folder is not an exported model or a checksum differs
   */
  public static ExportedModelAnalysis open(Path model, int threads, int batchSize, Integer decodeThreads, Integer prepareThreads,
      Integer nTracks, String commandLine) throws IOException {
    Path snapshot = ModelExport.verify(model);
    PosePredictor pred = new PosePredictor(model, snapshot, threads);
    try {
      String scorer = pred.info().scorer(pred.iterations());
      VideoAnalyzer analyzer = new VideoAnalyzer(pred, scorer, batchSize, decodeThreads(decodeThreads), prepareThreads(prepareThreads))
          .withCommand(commandLine);
      MultiAnimalTracking.Settings tracking = MultiAnimalTracking.Settings.fromConfig(null);
      if (nTracks != null) {
        tracking = tracking.withTracks(nTracks);
      }
      analyzer.withTracking(tracking);
      return new ExportedModelAnalysis(pred, analyzer, scorer);
    } catch (RuntimeException e) {
      pred.close();
      throw e;
    }
  }

  /** FFmpeg decoding threads: the given number, else the device's default (1 on the CPU, where inference needs the cores; 0 = FFmpeg's choice on a GPU). */
  public static int decodeThreads(Integer given) {
    return given != null ? given : Engines.usesGpu() ? 0 : 1;
  }

  /** Frame preparation threads: the given number, else the device's default (1 on the CPU; all cores but one on a GPU). */
  public static int prepareThreads(Integer given) {
    return given != null ? given : Engines.usesGpu() ? Math.max(1, Runtime.getRuntime().availableProcessors() - 1) : 1;
  }

  /** The predictor (its snapshot, model information). */
  public PosePredictor predictor() {
    return predictor;
  }

  /** The analyzer, set up as {@code labpose analyze --model} sets it up. */
  public VideoAnalyzer analyzer() {
    return analyzer;
  }

  /** The scorer name of the CSVs ({@code DLC_<net>_<task><date>shuffle<k>_<iterations>}). */
  public String scorer() {
    return scorer;
  }

  /** The predictions CSV of a video in {@code dir}: {@code <video stem><scorer>.csv}. */
  public Path csvFor(Path video, Path dir) {
    return dir.resolve(ProjectLayout.predictions(video, scorer).getFileName());
  }

  @Override
  public void close() {
    predictor.close();
  }
}

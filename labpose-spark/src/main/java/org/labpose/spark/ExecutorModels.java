package org.labpose.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.labpose.net.Engines;
import org.labpose.net.infer.ExportedModelAnalysis;

/**
 * The models of one executor JVM, loaded lazily and kept for the JVM's life: each task thread gets
 * its own predictor (a predictor is not shared between threads), created on the thread's first
 * task and reused by the next ones, as DJL's Spark extension keeps one transient predictor per
 * executor. The network engine starts once per JVM with the first task's thread count.
 */
final class ExecutorModels {
  private static final Map<String, ExportedModelAnalysis> MODELS = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** This thread's analysis with the model in {@code model}. */
  static ExportedModelAnalysis get(Path model, int threads, int batchSize, String commandLine) throws IOException {
    Engines.start(threads);
    String key = Thread.currentThread().getId() + "\n" + model.toAbsolutePath() + "\n" + batchSize + "\n" + commandLine;
    ExportedModelAnalysis m = MODELS.get(key);
    if (m == null) {
      m = ExportedModelAnalysis.open(model, threads, batchSize, null, null, null, commandLine);
      MODELS.put(key, m);
    }
    return m;
  }
}

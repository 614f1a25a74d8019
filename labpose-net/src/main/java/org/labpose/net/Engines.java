package org.labpose.net;

import ai.djl.engine.Engine;

/** Process-wide engine settings: offline DJL and PyTorch thread counts, set before the engine loads. */
public final class Engines {
  private static volatile boolean started;

  private Engines() {}

  /**
   * Configures and loads the PyTorch engine once.
   *
   * @param threads intra-op threads (the first call decides)
   */
  public static synchronized void start(int threads) {
    if (started) {
      return;
    }
    System.setProperty("DJL_OFFLINE", "true");
    System.setProperty("offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    Engine.getEngine("PyTorch");
    started = true;
  }
}

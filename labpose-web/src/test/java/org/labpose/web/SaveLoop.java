package org.labpose.web;

import java.nio.file.Path;
import java.util.Map;
import org.labpose.core.model.KeypointId;
import org.labpose.core.project.Project;

/**
 * A labeler that never stops: run in a child process by {@link KillDuringSaveTest}. Moves the snout
 * of img000.png one pixel right per change (x = change count) and saves as fast as it can, beside
 * the store's own background saver.
 */
public final class SaveLoop {
  private SaveLoop() {}

  public static void main(String[] args) throws Exception {
    LabelStore s = new LabelStore(Project.open(Path.of(args[0])), m -> { });
    KeypointId snout = KeypointId.of("snout");
    LabelStore.FrameState st = s.frame("vid1", "img000.png");
    double x = st.points().get(snout) == null ? 0 : st.points().get(snout)[0];
    long version = st.version();
    System.out.println("ready");
    System.out.flush();
    while (true) {
      x += 1;
      LabelStore.Update u = s.update("vid1", "img000.png", version, Map.of(snout, new double[] {x, 2 * x}, KeypointId.of("tailbase"), new double[] {x, 7}));
      version = u.state().version();
      s.save();
    }
  }
}

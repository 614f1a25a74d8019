package org.labpose.cli;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.labpose.core.project.Project;
import org.labpose.video.draw.Overlay;
import org.labpose.web.LabelServer;
import org.labpose.web.LabelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code labpose label}. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Label frames in the browser: starts a server for the project's labeled-data folders and prints its address.",
        "Every change is saved to labeled-data/<video>/CollectedData_<scorer>.csv within a second (atomically). Stop with Ctrl+C.",
        "Binds to 127.0.0.1; with another --host, the printed address carries an access token that every request needs."})
final class LabelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).") int port = 8080;
  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).") String host = "127.0.0.1";
  @Option(names = "--refine", description = "Open at the first frame with machine labels from extract-outliers (refinement).") boolean refine;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    if (p.labelFolders().isEmpty()) {
      throw new UserError(p.labeledDataDir() + ": no labeled-data folders; run 'labpose extract-frames' first");
    }
    Color[] colors = Overlay.keypointColors(p.keypointLayout(), p.config().colormap());
    List<String> css = new ArrayList<>();
    for (Color c : colors) {
      css.add(String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
    }
    LabelStore store = new LabelStore(p, msg -> Out.err(spec).println("labpose: warning: " + msg));
    LabelServer server;
    try {
      server = LabelServer.start(store, host, port, null, css);
    } catch (RuntimeException e) {
      store.close();
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage() + " (try another --port)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
        store.close();
      } catch (Exception e) {
        System.err.println("labpose: warning: last save failed: " + e.getMessage());
      }
      stop.countDown();
    }));
    int images = store.folders().stream().mapToInt(LabelStore.FolderInfo::images).sum();
    int suggested = store.folders().stream().mapToInt(LabelStore.FolderInfo::suggested).sum();
    Out.out(spec).printf("Labeling %s: %d folders, %d images%s. Open %s%n", p.config().task(), store.folders().size(), images,
        suggested == 0 ? "" : ", " + suggested + " with machine labels to refine", server.url() + (refine ? "#refine" : ""));
    if (server.token() != null) {
      Out.out(spec).println("Requests without the token in that address get 401.");
    }
    Out.out(spec).flush();
    stop.await();
    return 0;
  }
}

package org.labpose.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.labpose.web.studio.StudioServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose studio}. */
@Command(name = "studio", mixinStandardHelpOptions = true,
    description = {"Serve LabPose Studio: the whole pipeline in a browser page (projects, videos, frames and labels, training, analysis, "
        + "behaviour, jobs). Every long action runs the same 'labpose' command as a server-side job the page shows with its command line.",
        "Binds to 127.0.0.1 (this machine only) unless --host says otherwise; any other address needs the token in the printed address."})
final class StudioCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", description = "A project folder or its config.yaml to open (default: none; the page creates or opens one).")
  Path project;
  @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).") int port = 8080;
  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).") String host = "127.0.0.1";
  @Option(names = "--root", description = "A folder the page's file browser may show (repeatable; default: the current folder, and the project's parent).")
  List<Path> roots;

  @Override
  public Integer call() throws Exception {
    List<Path> rs = new ArrayList<>();
    if (roots != null) {
      rs.addAll(roots);
    } else {
      rs.add(Path.of("").toAbsolutePath());
    }
    if (project != null) {
      Path dir = Files.isDirectory(project) ? project : project.toAbsolutePath().getParent();
      if (dir != null && dir.toAbsolutePath().getParent() != null && roots == null) {
        rs.add(dir.toAbsolutePath().getParent());
      }
    }
    for (Path r : rs) {
      if (!Files.isDirectory(r)) {
        throw new UserError("--root " + r + ": not a folder");
      }
    }
    StudioServer server;
    try {
      server = StudioServer.start(new StudioServer.Options(host, port, null, rs, launcher(), project),
          msg -> Out.err(spec).println("labpose: warning: " + msg));
    } catch (IllegalStateException | io.javalin.util.JavalinBindException e) {
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage() + " (try another --port)");
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    Out.out(spec).println("LabPose Studio: open " + server.url());
    if (server.token() != null) {
      Out.out(spec).println("Requests without the token in that address get 401.");
    }
    Out.out(spec).flush();
    stop.await();
    return 0;
  }

  /** This JVM's java and class path with LabPose's main class: the jobs run the same build as the server. */
  static List<String> launcher() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> l = new ArrayList<>(List.of(java));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xmx") || a.startsWith("--add-opens") || a.startsWith("-Djava.library.path") || a.startsWith("-DDJL")) {
        l.add(a);
      }
    }
    l.addAll(List.of("-cp", System.getProperty("java.class.path"), LabPose.class.getName()));
    return l;
  }
}

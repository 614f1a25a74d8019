package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ResearchPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose package}. */
@Command(name = "package", mixinStandardHelpOptions = true,
    description = "Write a research package: config, labels and images, training splits, evaluation results, reports, predictions,"
        + " the provenance log, an environment record, a README with the command lines that made each result, and the SHA-256 of"
        + " every file (MANIFEST.sha256).")
final class PackageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Option(names = "--out", required = true, description = "The zip file to write.") Path out;
  @Option(names = "--videos", description = "Include the videos (large).") boolean videos;
  @Option(names = "--models", description = "Include the trained models (needed to re-run their evaluation).") boolean models;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    Path abs = out.toAbsolutePath().normalize();
    if (abs.startsWith(p.root().toAbsolutePath().normalize())) {
      throw new UserError("--out " + out + " lies inside the project: write the package elsewhere");
    }
    ResearchPackage.Written w = ResearchPackage.write(p, new ResearchPackage.Options(videos, models, environment()), out);
    Out.out(spec).printf("%s: %d files (%.1f MB of project files)%s%n", w.zip(), w.files(), w.bytes() / 1e6,
        models ? "" : "; no models: verify-package checks the checksums only (--models to re-run the evaluation)");
    Out.record(spec, p, List.of(), List.of());
    return 0;
  }

  /** LabPose's version and commit, Java, DJL/PyTorch, FFmpeg, operating system and processor. */
  static Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("labpose_version", LabPose.VERSION);
    env.put("labpose_commit", gitCommit());
    env.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("cpu", cpuModel());
    env.put("cores", Runtime.getRuntime().availableProcessors());
    try {
      org.labpose.net.Engines.start(1);
      env.putAll(org.labpose.net.Engines.versions());
    } catch (RuntimeException | LinkageError e) {
      env.put("pytorch", "unavailable (" + e.getMessage() + ")");
    }
    try {
      env.put("ffmpeg", org.labpose.video.io.VideoProbe.ffmpegVersion());
    } catch (RuntimeException | LinkageError e) {
      env.put("ffmpeg", "unavailable (" + e.getMessage() + ")");
    }
    return env;
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  /** The commit of the checkout LabPose's jar was built in, when it lies in one; else "unknown". */
  private static String gitCommit() {
    try {
      Path jar = Path.of(LabPose.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path d = jar.getParent(); d != null; d = d.getParent()) {
        Path head = d.resolve(".git/HEAD");
        if (Files.isRegularFile(head)) {
          String h = Files.readString(head).trim();
          if (h.startsWith("ref: ")) {
            Path ref = d.resolve(".git").resolve(h.substring(5));
            if (Files.isRegularFile(ref)) {
              return Files.readString(ref).trim();
            }
            Path packed = d.resolve(".git/packed-refs");
            if (Files.isRegularFile(packed)) {
              for (String l : Files.readAllLines(packed)) {
                if (l.endsWith(" " + h.substring(5))) {
                  return l.substring(0, l.indexOf(' '));
                }
              }
            }
            return "unknown";
          }
          return h;
        }
      }
    } catch (Exception e) {
      // not from a checkout
    }
    return "unknown";
  }
}

package org.labpose.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.geometry.calibration.CameraModel;
import org.labpose.geometry.io.AniposeCalibration;
import org.labpose.geometry.project.Project3d;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose create-3d-project}. */
@Command(name = "create-3d-project", mixinStandardHelpOptions = true,
    description = "Write a 3D project's config3d.yaml in DIR: the calibration, its cameras, each camera's 2D project (CAM=CONFIG),"
        + " the p-cutoff, threshold and skeleton that triangulate --config3d uses.")
final class Create3dProjectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The folder of the 3D project (created).") Path dir;
  @Parameters(index = "1..*", arity = "0..*", paramLabel = "CAM=CONFIG", description = "A camera's 2D project.") List<String> projects = List.of();
  @Option(names = "--calibration", required = true, description = "anipose's calibration.toml (labpose calibrate writes it).") Path calibration;
  @Option(names = "--pcutoff", description = "Default: ${DEFAULT-VALUE}.") double pcutoff = 0.6;
  @Option(names = "--threshold", description = "Default: ${DEFAULT-VALUE} px.") double threshold = 15;
  @Option(names = "--skeleton", split = ",", description = "Bodypart pairs a-b for the 3D video.") List<String> skeleton = List.of();

  @Override
  public Integer call() throws Exception {
    List<String> cams = AniposeCalibration.read(calibration).cameras().stream().map(CameraModel::name).toList();
    Map<String, Path> p = new LinkedHashMap<>();
    for (String s : projects) {
      int eq = s.indexOf('=');
      if (eq <= 0 || !cams.contains(s.substring(0, eq))) {
        throw new UserError("'" + s + "': expected CAM=CONFIG with CAM one of " + cams);
      }
      p.put(s.substring(0, eq), Path.of(s.substring(eq + 1)).toAbsolutePath().normalize());
    }
    List<List<String>> edges = skeleton.stream().map(e -> List.of(e.split("-", 2))).toList();
    if (edges.stream().anyMatch(e -> e.size() != 2)) {
      throw new UserError("--skeleton: expected bodypart-bodypart pairs");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(Project3d.FILE);
    if (Files.exists(file)) {
      throw new UserError(file + " exists already");
    }
    new Project3d(file, calibration.toAbsolutePath().normalize(), cams, p, pcutoff, threshold, edges).write();
    Out.out(spec).println(file);
    return 0;
  }
}

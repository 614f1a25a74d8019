package org.labpose.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose create-project}. */
@Command(
    name = "create-project",
    mixinStandardHelpOptions = true,
    description = {
      "Create a DeepLabCut-layout project (<task>-<experimenter>-<date>/ with config.yaml, videos/, labeled-data/) and print its config path.",
      "Videos are linked into videos/ unless --copy-videos is given."
    })
final class CreateProjectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "Task (experiment) name, e.g. openfield.") String task;
  @Parameters(index = "1", description = "Experimenter (the scorer of the labels).") String experimenter;
  @Parameters(index = "2..*", arity = "1..*", description = "Video files or folders of videos.") List<Path> videos;

  @Option(names = "--working-directory", description = "Where to create the project folder (default: current folder).")
  Path workingDirectory = Paths.get("");

  @Option(names = "--copy-videos", description = "Copy the videos into the project instead of linking them.")
  boolean copyVideos;

  @Option(names = "--bodyparts", split = ",", description = "Bodyparts, e.g. snout,leftear,rightear,tailbase.")
  List<String> bodyparts;

  @Option(names = "--multi-animal", description = "Create a multi-animal project.")
  boolean multiAnimal;

  @Option(names = "--individuals", split = ",", description = "Individuals of a multi-animal project, e.g. m1,m2.")
  List<String> individuals;

  @Override
  public Integer call() throws Exception {
    if (individuals != null && !multiAnimal) {
      throw new UserError("--individuals needs --multi-animal");
    }
    List<Path> vs = VideoArgs.expand(videos);
    try {
      Project p = ProjectSetup.create(new ProjectSetup.Request(task, experimenter, vs, VideoArgs.crops(vs),
          workingDirectory, copyVideos, bodyparts, multiAnimal, individuals, LocalDate.now()));
      Out.out(spec).println(p.configFile());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    return 0;
  }
}

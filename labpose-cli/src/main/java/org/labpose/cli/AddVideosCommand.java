package org.labpose.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose add-videos}. */
@Command(name = "add-videos", mixinStandardHelpOptions = true,
    description = "Add videos to a project: link (or copy) them into videos/, make their labeled-data folders, add them to video_sets.")
final class AddVideosCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The project's config.yaml.") Path config;
  @Parameters(index = "1..*", arity = "1..*", description = "Video files or folders of videos.") List<Path> videos;

  @Option(names = "--copy-videos", description = "Copy the videos instead of linking them.")
  boolean copyVideos;

  @Override
  public Integer call() throws Exception {
    Project p = Out.openProject(spec, config);
    List<Path> vs = VideoArgs.expand(videos);
    List<Path> added = ProjectSetup.addVideos(p, vs, VideoArgs.crops(vs), copyVideos);
    for (Path a : added) {
      Out.out(spec).println("added " + p.relativize(a));
    }
    if (added.size() < vs.size()) {
      Out.out(spec).println((vs.size() - added.size()) + " video(s) already in the project");
    }
    return 0;
  }
}

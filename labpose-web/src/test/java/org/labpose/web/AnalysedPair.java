package org.labpose.web;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.assembly.Animal;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.track.AssembliesFile;
import org.labpose.video.synth.SynthConfig;
import org.labpose.video.synth.SyntheticProject;
import org.labpose.video.synth.SyntheticVideo;

/**
 * A two-mouse project whose video is "analysed": its true poses written as the tracks (likelihood
 * 0.9) and as each frame's animals, as a multi-animal analysis leaves them.
 */
record AnalysedPair(Project project, PoseTable truth, Path csv) {
  static AnalysedPair create(Path dir) throws Exception {
    SynthConfig sc = SynthConfig.defaults().withFrames(40).withSize(160, 120).withAnimals(2).withSeed(5);
    Path video = dir.resolve("pair.mp4");
    PoseTable truth = SyntheticVideo.generate(sc, video, null, null);
    Project p = SyntheticProject.create(dir, video, truth, sc, 4, LocalDate.of(2026, 1, 1));
    Path v = p.resolveVideo(p.config().videoSets().get(0).path());
    Path csv = ProjectLayout.predictions(v, "DLC_tiny_testNov30shuffle1_10");
    PoseTable pred = new PoseTable("DLC_tiny_testNov30shuffle1_10", truth.layout(), truth.frameCount());
    List<String> parts = truth.layout().bodyparts();
    try (Writer w = Files.newBufferedWriter(ProjectLayout.assemblies(csv), StandardCharsets.UTF_8)) {
      for (int f = 0; f < truth.frameCount(); f++) {
        List<Animal> animals = new ArrayList<>();
        for (String ind : truth.layout().individuals()) {
          double[][] kp = new double[parts.size()][];
          for (int b = 0; b < parts.size(); b++) {
            KeypointId k = new KeypointId(ind, parts.get(b));
            pred.set(f, k, truth.x(f, k), truth.y(f, k), 0.9);
            kp[b] = new double[] {truth.x(f, k), truth.y(f, k), 0.9, -1};
          }
          animals.add(new Animal(kp, 1, 3));
        }
        AssembliesFile.append(w, f, new FrameAssembly(animals, new double[0][]));
      }
    }
    DlcPredictionCsv.write(pred, csv);
    return new AnalysedPair(p, truth, csv);
  }
}

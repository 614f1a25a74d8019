package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectLayout;
import org.labpose.core.project.ResearchPackage;
import org.labpose.net.evaluate.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose verify-package}. */
@Command(name = "verify-package", mixinStandardHelpOptions = true,
    description = "Check a research package: every file's SHA-256 against MANIFEST.sha256, then, for each packaged model with"
        + " evaluation results, the evaluation re-run on the packaged test split and its errors compared (to 1e-6).")
final class VerifyPackageCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The package (.zip).") Path zip;
  @Option(names = "--tolerance", description = "Largest difference of a re-run error, px (default: ${DEFAULT-VALUE}).") double tolerance = 1e-6;
  @Option(names = "--threads", description = "CPU threads for the evaluation (default: ${DEFAULT-VALUE}).") int threads = 2;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = Out.out(spec);
    Path tmp = Files.createTempDirectory("labpose-verify");
    try {
      ResearchPackage.Check c = ResearchPackage.verify(zip, tmp);
      o.printf("%s: %d files, checksums %s%n", zip, c.files(), c.ok() ? "match" : "DO NOT match");
      c.problems().forEach(pr -> o.println("  " + pr));
      if (!c.ok()) {
        return 1;
      }
      Path root = tmp.resolve(c.top());
      Project p = Project.open(root.resolve("config.yaml"));
      Path results = root.resolve(ProjectLayout.EVALUATION_RESULTS);
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(results)) {
        try (Stream<Path> s = Files.walk(results)) {
          files = s.filter(f -> f.getFileName().toString().endsWith("-results.csv")).sorted().toList();
        }
      }
      int rerun = 0;
      int differ = 0;
      for (Path f : files) {
        CsvTable before = CsvTable.read(f);
        if (before.rows().size() < 2) {
          continue;
        }
        List<String> header = before.rows().get(0).cells();
        List<String> row = before.rows().get(before.rows().size() - 1).cells();
        double fraction = Double.parseDouble(row.get(header.indexOf("%Training dataset"))) / 100;
        int shuffle = Integer.parseInt(row.get(header.indexOf("Shuffle number")));
        double pcutoff = Double.parseDouble(row.get(header.indexOf("p-cutoff used")));
        if (!Files.isDirectory(p.layout().modelDir(fraction, shuffle).resolve("train"))) {
          o.printf("  %s: its model is not in the package (package with --models to re-run it)%n", root.relativize(f));
          continue;
        }
        String saved = Files.readString(f);
        Evaluation.Report r = Evaluation.evaluate(p, fraction, shuffle, pcutoff, false, threads);
        CsvTable after = CsvTable.read(r.results());
        List<String> now = after.rows().get(after.rows().size() - 1).cells();
        double worst = 0;
        List<String> mismatched = new ArrayList<>();
        for (int i = 0; i < Math.min(row.size(), now.size()); i++) {
          String a = row.get(i);
          String b = now.get(i);
          try {
            double d = Math.abs(Double.parseDouble(a) - Double.parseDouble(b));
            if (!(d <= tolerance) && !(Double.isNaN(Double.parseDouble(a)) && Double.isNaN(Double.parseDouble(b)))) {
              mismatched.add(header.get(i) + " " + a + " -> " + b);
            }
            worst = Double.isNaN(d) ? worst : Math.max(worst, d);
          } catch (NumberFormatException e) {
            if (!a.equals(b)) {
              mismatched.add(header.get(i) + " " + a + " -> " + b);
            }
          }
        }
        AtomicFiles.writeString(f, saved);
        rerun++;
        o.printf(Locale.ROOT, "  %s: re-run, train %.6f px, test %.6f px; largest difference %.2e px%s%n", root.relativize(f),
            r.train().meanError(), r.test() == null ? Double.NaN : r.test().meanError(), worst, mismatched.isEmpty() ? "" : ": DIFFERS");
        mismatched.forEach(m -> o.println("    " + m));
        differ += mismatched.isEmpty() ? 0 : 1;
      }
      if (rerun == 0) {
        o.println("  no evaluation re-run (no packaged model with evaluation results)");
      }
      return differ == 0 ? 0 : 1;
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }
}

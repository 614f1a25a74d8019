package org.labpose.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Output helpers for commands. */
final class Out {
  private Out() {}

  static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static PrintWriter err(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  static void warnings(CommandLine.Model.CommandSpec spec, java.util.List<String> warnings) {
    for (String w : warnings) {
      err(spec).println("labpose: warning: " + w);
    }
  }
}

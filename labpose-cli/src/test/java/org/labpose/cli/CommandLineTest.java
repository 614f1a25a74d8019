package org.labpose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {
  @Test
  void helpListsEveryCommandWithADescription() {
    Cli r = Cli.run("--help");
    assertEquals(0, r.code());
    Map<String, CommandLine> subs = LabPose.commandLine().getSubcommands();
    assertTrue(subs.size() >= 5);
    for (var e : subs.entrySet()) {
      assertTrue(r.out().contains("  " + e.getKey() + " "), "help lists " + e.getKey());
      String[] desc = e.getValue().getCommandSpec().usageMessage().description();
      assertTrue(desc.length > 0 && !desc[0].isBlank(), e.getKey() + " has a description");
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : LabPose.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Cli r = Cli.run(name, "--help");
      assertEquals(0, r.code(), name);
      assertTrue(r.out().startsWith("Usage: labpose " + name), r.out());
    }
  }

  @Test
  void unknownOptionIsBadInput() {
    Cli r = Cli.run("summary", "config.yaml", "--nope");
    assertEquals(LabPose.BAD_INPUT, r.code());
    assertTrue(r.err().contains("--nope"));
    assertFalse(r.err().contains("Exception"));
  }
}

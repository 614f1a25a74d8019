package org.labpose.core;

import java.util.Objects;

/**
 * A setting the user can fix: its name as the library knows it (e.g. {@code batchSize}, {@code
 * pcutoff}), what was given and what is allowed. The command line reports it in one line with exit
 * status 2; a program calling the library can tell it from a programming error by its type.
 */
public class SettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;

  /**
   * @param setting the setting's name, e.g. {@code maxGapS}
   * @param problem what was given and what is allowed, e.g. {@code "must be 0 s or more, got -1"}
   */
  public SettingException(String setting, String problem) {
    super(Objects.requireNonNull(setting, "setting") + ": " + Objects.requireNonNull(problem, "problem"));
    this.setting = setting;
    this.problem = problem;
  }

  /** The setting's name. */
  public String setting() {
    return setting;
  }

  /** What was given and what is allowed, without the setting's name. */
  public String problem() {
    return problem;
  }
}

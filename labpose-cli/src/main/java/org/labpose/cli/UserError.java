package org.labpose.cli;

/** A problem the user can fix (a wrong argument, a missing file): reported in one line, exit status 2. */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }
}

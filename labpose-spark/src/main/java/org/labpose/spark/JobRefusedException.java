package org.labpose.spark;

import java.io.IOException;

/** A Spark job refused before any task ran: missing videos, an output folder that cannot be written, bad settings. */
public final class JobRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public JobRefusedException(String message) {
    super(message);
  }
}

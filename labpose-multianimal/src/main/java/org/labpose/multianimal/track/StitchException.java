package org.labpose.multianimal.track;

/** The tracklets cannot be stitched into the requested number of tracks; the message says why. */
public final class StitchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StitchException(String message) {
    super(message);
  }
}

package org.labpose.core;

/** LabPose's version, as {@code labpose --version} prints it and the files LabPose writes record it. */
public final class Version {
  /** The version string. */
  public static final String LABPOSE = "0.1.0";

  private Version() {}
}

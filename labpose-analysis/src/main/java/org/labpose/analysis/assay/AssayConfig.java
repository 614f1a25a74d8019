package org.labpose.analysis.assay;

import org.labpose.analysis.kinematics.KinematicsConfig;
import org.labpose.core.SettingException;

/**
 * Settings of {@link Assay}. Speeds are in the calibration's unit per second (cm/s when calibrated,
 * px/s otherwise); times in seconds.
 *
 * @param kinematics how positions are cleaned, smoothed and differentiated
 * @param immobilitySpeed speed under which the animal is immobile (default 1 cm/s calibrated, 10 px/s
 *     uncalibrated, see {@link #defaultImmobilitySpeed})
 * @param freezingMinS shortest immobility that counts as a freezing bout (default 2 s)
 * @param zoneMinS shortest stay (or absence) that changes zone membership, so that a position
 *     jittering on a border does not count as many entries (default 0.2 s)
 * @param contactDistance nose–nose or nose–tail-base distance under which two animals are in contact
 *     (default 2 cm or 20 px)
 * @param subject the tracked animal (individual name) whose sociability index a three-chamber test
 *     reports, or null for every animal's
 */
public record AssayConfig(
    KinematicsConfig kinematics, double immobilitySpeed, double freezingMinS, double zoneMinS, double contactDistance,
    String subject) {

  public AssayConfig(KinematicsConfig kinematics, double immobilitySpeed, double freezingMinS, double zoneMinS, double contactDistance) {
    this(kinematics, immobilitySpeed, freezingMinS, zoneMinS, contactDistance, null);
  }

  public AssayConfig {
    if (!(immobilitySpeed > 0)) {
      throw new SettingException("immobilitySpeed", "must be positive, got " + immobilitySpeed);
    }
    if (!(freezingMinS >= 0) || !(zoneMinS >= 0)) {
      throw new SettingException("freezingMinS, zoneMinS", "bout durations must be 0 s or more");
    }
    if (!(contactDistance > 0)) {
      throw new SettingException("contactDistance", "must be positive, got " + contactDistance);
    }
  }

  /** 1 cm/s when calibrated, 10 px/s otherwise. */
  public static double defaultImmobilitySpeed(boolean calibrated) {
    return calibrated ? 1.0 : 10.0;
  }

  /** 2 cm when calibrated, 20 px otherwise. */
  public static double defaultContactDistance(boolean calibrated) {
    return calibrated ? 2.0 : 20.0;
  }

  /** The defaults for calibrated (cm) or pixel data. */
  public static AssayConfig defaults(boolean calibrated) {
    return new AssayConfig(KinematicsConfig.defaults(), defaultImmobilitySpeed(calibrated), 2.0, 0.2,
        defaultContactDistance(calibrated));
  }

  public AssayConfig withKinematics(KinematicsConfig k) {
    return new AssayConfig(k, immobilitySpeed, freezingMinS, zoneMinS, contactDistance, subject);
  }

  public AssayConfig withImmobilitySpeed(double s) {
    return new AssayConfig(kinematics, s, freezingMinS, zoneMinS, contactDistance, subject);
  }

  public AssayConfig withFreezingMinS(double s) {
    return new AssayConfig(kinematics, immobilitySpeed, s, zoneMinS, contactDistance, subject);
  }

  public AssayConfig withZoneMinS(double s) {
    return new AssayConfig(kinematics, immobilitySpeed, freezingMinS, s, contactDistance, subject);
  }

  public AssayConfig withContactDistance(double d) {
    return new AssayConfig(kinematics, immobilitySpeed, freezingMinS, zoneMinS, d, subject);
  }

  /** The same settings reporting the sociability index of {@code name} only (null: every animal). */
  public AssayConfig withSubject(String name) {
    return new AssayConfig(kinematics, immobilitySpeed, freezingMinS, zoneMinS, contactDistance, name);
  }
}

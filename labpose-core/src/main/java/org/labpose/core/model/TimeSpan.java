package org.labpose.core.model;

import java.util.Locale;
import org.labpose.core.SettingException;

/**
 * A length of time as a user gives it: seconds by default ({@code 0.5} or {@code 0.5s}), or a count
 * of frames with an {@code f} suffix ({@code 15f}). Every time option of LabPose takes one, so that a
 * bare number means seconds everywhere.
 *
 * @param value the number given (s, or frames when {@code frames} is true), finite and ≥ 0
 * @param frames true when given in frames
 */
public record TimeSpan(double value, boolean frames) {
  public TimeSpan {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new SettingException("timeSpan", "must be 0 or more, got " + value);
    }
    if (frames && value != Math.rint(value)) {
      throw new SettingException("timeSpan", "a frame count must be whole, got " + value);
    }
  }

  /** Parses {@code 0.5}, {@code 0.5s} (seconds) or {@code 15f} (frames). */
  public static TimeSpan parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    boolean inFrames = t.endsWith("f");
    String number = inFrames || t.endsWith("s") ? t.substring(0, t.length() - 1).trim() : t;
    double v;
    try {
      v = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new SettingException("timeSpan", "'" + text + "' is not a time span; expected seconds (0.5 or 0.5s) or frames (15f)");
    }
    return new TimeSpan(v, inFrames);
  }

  /** Seconds. */
  public static TimeSpan seconds(double s) {
    return new TimeSpan(s, false);
  }

  /** True when converting to frames needs a frame rate. */
  public boolean needsFrameRate() {
    return !frames;
  }

  /** Whole frames at {@code fps} frames per second (rounded to the nearest). */
  public int toFrames(double fps) {
    if (frames) {
      return (int) value;
    }
    if (!(fps > 0)) {
      throw new SettingException("fps", "a frame rate is needed to turn " + this + " into frames");
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.round(value * fps));
  }

  /** An odd number of frames, at least 1: {@link #toFrames} rounded up to odd (for centred windows). */
  public int toOddFrames(double fps) {
    int n = Math.max(1, toFrames(fps));
    return n % 2 == 0 ? n + 1 : n;
  }

  @Override
  public String toString() {
    String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    return frames ? v + "f" : v + "s";
  }
}

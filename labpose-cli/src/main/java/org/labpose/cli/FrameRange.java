package org.labpose.cli;

/**
 * A frame range option {@code FIRST-LAST} (0-based, inclusive); {@code last} is -1 for "to the end".
 */
record FrameRange(int first, int last) {
  /** Every frame. */
  static final FrameRange ALL = new FrameRange(0, -1);

  /**
   * Parses {@code text} (null: every frame); a malformed value is a {@link UserError} naming the option.
   *
   * @param example a valid value for the message, e.g. {@code 0-999}
   */
  static FrameRange parse(String option, String text, String example) {
    if (text == null) {
      return ALL;
    }
    String[] ab = text.split("-");
    try {
      if (ab.length != 2) {
        throw new NumberFormatException();
      }
      return new FrameRange(Integer.parseInt(ab[0].trim()), Integer.parseInt(ab[1].trim()));
    } catch (NumberFormatException e) {
      throw new UserError(option + ": expected FIRST-LAST such as " + example + ", found '" + text + "'");
    }
  }
}

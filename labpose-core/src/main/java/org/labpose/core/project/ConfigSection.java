package org.labpose.core.project;

import java.util.List;
import java.util.Map;
import org.labpose.core.SettingException;

/**
 * One section of {@code config.yaml} ({@code key: value} lines under a name, e.g. {@code tracking}),
 * read key by key: an unknown key or a value of the wrong kind is a {@link SettingException} naming
 * {@code section.key}. An absent section has no keys, so every read gives its default.
 */
public final class ConfigSection {
  private final String name;
  private final Map<?, ?> values;

  private ConfigSection(String name, Map<?, ?> values) {
    this.name = name;
    this.values = values;
  }

  /**
   * @param name the section's name, for messages
   * @param value the section as the config holds it ({@code ProjectConfig.get(name)}), or null
   * @param known the keys the section may have
   */
  public static ConfigSection of(String name, Object value, List<String> known) {
    if (value == null) {
      return new ConfigSection(name, Map.of());
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new SettingException(name, "expected a section of key: value lines, found " + value);
    }
    for (Object k : m.keySet()) {
      if (!known.contains(String.valueOf(k))) {
        throw new SettingException(name + "." + k, "unknown key; known: " + String.join(", ", known));
      }
    }
    return new ConfigSection(name, m);
  }

  /** The value of {@code key} as text, or {@code dflt} when absent. */
  public String text(String key, String dflt) {
    Object v = values.get(key);
    return v == null ? dflt : String.valueOf(v);
  }

  /** A number, or {@code dflt} when absent. */
  public double number(String key, double dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw bad(key, "expected a number, found '" + v + "'");
    }
    return n.doubleValue();
  }

  /** A number from 0 to 1, or {@code dflt} when absent. */
  public double fraction(String key, double dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
      throw bad(key, "expected a number from 0 to 1, found '" + v + "'");
    }
    return n.doubleValue();
  }

  /** A whole number, or {@code dflt} when absent. */
  public int whole(String key, int dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer i)) {
      throw bad(key, "expected a whole number, found '" + v + "'");
    }
    return i;
  }

  /** A whole number of at least {@code min}, or {@code dflt} when absent. */
  public int whole(String key, int dflt, int min) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Integer i) || i < min) {
      throw bad(key, "expected a whole number " + min + " or more, found '" + v + "'");
    }
    return i;
  }

  /** true or false, or {@code dflt} when absent. */
  public boolean bool(String key, boolean dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      throw bad(key, "expected true or false, found '" + v + "'");
    }
    return b;
  }

  /** A {@link SettingException} naming {@code section.key}. */
  public SettingException bad(String key, String problem) {
    return new SettingException(name + "." + key, problem);
  }
}

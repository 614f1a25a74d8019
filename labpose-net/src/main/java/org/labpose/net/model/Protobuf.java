package org.labpose.net.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal Protocol Buffers encoder (wire format only: varints, 32-bit and length-delimited fields). */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  /** An integer field (int32, int64 or enum; negative values take ten bytes, as the format says). */
  Protobuf integer(int field, long value) {
    tag(field, 0);
    varint(value);
    return this;
  }

  /** A float field. */
  Protobuf float32(int field, float value) {
    tag(field, 5);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write(bits >>> (8 * i) & 0xFF);
    }
    return this;
  }

  /** A bytes field. */
  Protobuf bytes(int field, byte[] value) {
    tag(field, 2);
    varint(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  /** A string field (UTF-8). */
  Protobuf string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An embedded message. */
  Protobuf message(int field, Protobuf value) {
    return bytes(field, value.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}

package org.labpose.core.io.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.WritableNode;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfBackingStorage;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * String attributes as h5py and PyTables write them, over jhdf. jhdf 0.13 counts a string's
 * terminating NUL in the size of its type and marks every string UTF-8; PyTables then keeps the NUL
 * in attribute strings ({@code "frame\0"}, which pandas does not recognise) and unpickles only
 * ASCII strings (pandas stores {@code None} and tuples pickled). Attributes written here are scalar
 * fixed-length strings of exactly their bytes, null-terminated where shorter (HDF5 allows a string
 * to fill its size), UTF-8 or ASCII as asked.
 */
public final class Hdf5Writing {
  private static final Field ATTRIBUTE_TYPE;

  static {
    try {
      ATTRIBUTE_TYPE = io.jhdf.api.WritableAttributeImpl.class.getDeclaredField("dataType");
      ATTRIBUTE_TYPE.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("jhdf's WritableAttributeImpl has no dataType field: " + e);
    }
  }

  private Hdf5Writing() {}

  /**
   * Puts an attribute on a node: a string as a UTF-8 scalar string of its own byte length (an
   * empty string takes one NUL byte), anything else as jhdf writes it.
   */
  public static Attribute putAttribute(WritableNode node, String name, Object value) {
    if (value instanceof String s) {
      return putString(node, name, s.getBytes(StandardCharsets.UTF_8), false);
    }
    node.putAttribute(name, value);
    return node.getAttribute(name);
  }

  /** Puts an ASCII scalar string attribute (what PyTables unpickles: a pickle of protocol 0). */
  public static Attribute putAsciiAttribute(WritableNode node, String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        throw new IllegalArgumentException("attribute " + name + ": not ASCII: " + value);
      }
    }
    return putString(node, name, value.getBytes(StandardCharsets.US_ASCII), true);
  }

  private static Attribute putString(WritableNode node, String name, byte[] bytes, boolean ascii) {
    node.putAttribute(name, new String(bytes, ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8));
    return retype(node.getAttribute(name), new FixedString(bytes, ascii));
  }

  /** Gives an attribute jhdf made another HDF5 type, which writes its data (for what jhdf cannot type itself). */
  static Attribute retype(Attribute a, DataType type) {
    try {
      ATTRIBUTE_TYPE.set(a, type);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot type the attribute " + a.getName(), e);
    }
    return a;
  }

  /** HDF5 string type (class 3) of a given byte size, null-terminated, ASCII or UTF-8, for writing only. */
  private static final class FixedString extends DataType {
    private final byte[] bytes;
    private final boolean ascii;

    FixedString(byte[] bytes, boolean ascii) {
      super(3, Math.max(1, bytes.length));
      this.bytes = bytes.clone();
      this.ascii = ascii;
    }

    @Override
    public ByteBuffer toBuffer() {
      classBits.clear();
      // bits 0-3: padding 0 (null-terminated); bits 4-7: character set 0 (ASCII) or 1 (UTF-8)
      if (!ascii) {
        classBits.set(4);
      }
      return toBufferBuilder().build();
    }

    @Override
    public ByteBuffer encodeData(Object data) {
      ByteBuffer b = ByteBuffer.allocate(getSize());
      b.put(bytes);
      b.rewind();
      return b;
    }

    @Override
    public Class<?> getJavaType() {
      return String.class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
      throw new UnsupportedOperationException("a type for writing attributes");
    }
  }
}

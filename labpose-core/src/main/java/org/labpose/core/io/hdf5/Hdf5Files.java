package org.labpose.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.labpose.core.io.InputFormatException;

/**
 * Opens HDF5 files for reading after checking that they are whole: the superblock is found, and
 * the end-of-file address it records lies within the file (a truncated copy is refused before any
 * of its data is read, since a reader would otherwise take bytes past the cut for data). Datasets
 * are read only when their declared size is plausible for the file's size.
 */
public final class Hdf5Files {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Largest dataset read, bytes, whatever the file's size. */
  public static final long MAX_DATASET_BYTES = 1L << 30;

  /** Files up to this size (bytes) are read into memory before jhdf parses them. */
  public static final long IN_MEMORY_BYTES = 256L << 20;

  private Hdf5Files() {}

  /**
   * Opens a file after {@link #requireComplete}.
   *
   * @throws InputFormatException when the file is missing, not HDF5 or truncated
   */
  public static HdfFile open(Path file) throws IOException {
    requireComplete(file);
    try {
      // read from memory up to IN_MEMORY_BYTES: a damaged group can send jhdf through thousands of
      // bogus object headers, each a separate read; from a file channel that took 17 s for one
      // 13 KB fuzz case (ReaderFuzzTest), from memory 0.08 s
      return Files.size(file) <= IN_MEMORY_BYTES ? HdfFile.fromBytes(Files.readAllBytes(file)) : new HdfFile(file);
    } catch (RuntimeException e) {
      throw new InputFormatException(file, null, "not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks the superblock: its signature at byte 0, 512, 1024, ..., a known version, and an
   * end-of-file address no larger than the file.
   *
   * @throws InputFormatException naming the file and what is wrong
   */
  public static void requireComplete(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputFormatException(file, null, "file not found");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long sig = -1;
      for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
        ByteBuffer b = read(ch, at, SIGNATURE.length);
        if (b != null && java.util.Arrays.equals(b.array(), SIGNATURE)) {
          sig = at;
          break;
        }
      }
      if (sig < 0) {
        throw new InputFormatException(file, null, "not an HDF5 file (no HDF5 signature at byte 0, 512, 1024, ...)");
      }
      ByteBuffer head = read(ch, sig, 96);
      if (head == null) {
        head = read(ch, sig, (int) Math.min(96, size - sig));
      }
      int version = head.get(8) & 0xff;
      int offsets;
      int addressesAt;
      if (version == 0 || version == 1) {
        offsets = head.get(13) & 0xff;
        addressesAt = version == 0 ? 24 : 28;
      } else if (version == 2 || version == 3) {
        offsets = head.get(9) & 0xff;
        addressesAt = 12;
      } else {
        throw new InputFormatException(file, "byte " + (sig + 8), "unknown HDF5 superblock version " + version + " (expected 0 to 3)");
      }
      if (offsets != 2 && offsets != 4 && offsets != 8) {
        throw new InputFormatException(file, "byte " + (sig + (version < 2 ? 13 : 9)), "HDF5 size of offsets is " + offsets + " (expected 2, 4 or 8)");
      }
      int eofAt = addressesAt + 2 * offsets; // base, then free-space or extension, then end of file
      if (head.limit() < eofAt + offsets) {
        throw new InputFormatException(file, null, "truncated: the HDF5 superblock is incomplete (" + size + " bytes)");
      }
      long base = address(head, addressesAt, offsets);
      long eof = address(head, eofAt, offsets);
      if (base == -1 || base < 0) {
        base = 0;
      }
      if (eof < 0 || base + eof > size) {
        throw new InputFormatException(file, null, "truncated or damaged: the HDF5 superblock says the file ends at byte "
            + Long.toUnsignedString(base + eof) + " but it has " + size + " bytes");
      }
    }
  }

  /**
   * Checks a dataset's declared size before reading it: at most {@link #MAX_DATASET_BYTES} and at
   * most 256 times the file's size (labels and predictions compress far less).
   */
  public static void requirePlausible(Path file, Dataset ds) throws IOException {
    long bytes;
    try {
      bytes = ds.getSizeInBytes();
    } catch (RuntimeException e) {
      throw new InputFormatException(file, "dataset " + ds.getPath(), "unreadable size (" + e.getMessage() + ")", e);
    }
    long limit = Math.min(MAX_DATASET_BYTES, 256 * Files.size(file) + (1 << 20));
    if (bytes < 0 || bytes > limit) {
      throw new InputFormatException(file, "dataset " + ds.getPath(), "declares " + bytes + " bytes, implausible for a "
          + Files.size(file) + "-byte file (damaged)");
    }
  }

  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    if (at + n > ch.size()) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        return null;
      }
    }
    b.flip();
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long address(ByteBuffer b, int at, int size) {
    return switch (size) {
      case 2 -> b.getShort(at) & 0xffffL;
      case 4 -> b.getInt(at) & 0xffffffffL;
      default -> b.getLong(at);
    };
  }

  /**
   * The values of a numeric array of any element type (primitive or boxed) and any dimensions, in C
   * order, as doubles; a single number gives one value. Null when it holds something else.
   */
  public static double[] numbers(Object array) {
    if (array instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (array == null || !array.getClass().isArray()) {
      return null;
    }
    Class<?> component = array.getClass().getComponentType();
    if (component.isPrimitive()) {
      if (component == boolean.class || component == char.class) {
        return null;
      }
      double[] v = new double[java.lang.reflect.Array.getLength(array)];
      for (int i = 0; i < v.length; i++) {
        v[i] = java.lang.reflect.Array.getDouble(array, i);
      }
      return v;
    }
    java.util.List<Double> out = new java.util.ArrayList<>();
    if (!collect(array, out)) {
      return null;
    }
    double[] v = new double[out.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.get(i);
    }
    return v;
  }

  private static boolean collect(Object array, java.util.List<Double> out) {
    int n = java.lang.reflect.Array.getLength(array);
    for (int i = 0; i < n; i++) {
      Object o = java.lang.reflect.Array.get(array, i);
      if (o instanceof Number num) {
        out.add(num.doubleValue());
      } else if (o != null && o.getClass().isArray()) {
        if (!collect(o, out)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * A dataset's values as doubles, in C order.
   *
   * @throws InputFormatException naming the dataset when they are not numbers
   */
  public static double[] numbers(Path file, Dataset d) throws IOException {
    Object data;
    try {
      data = d.getDataFlat();
    } catch (RuntimeException e) {
      data = d.getData();
    }
    double[] v = numbers(data);
    if (v == null) {
      throw new org.labpose.core.io.InputFormatException(file, d.getPath(), "expected numbers, found " + d.getJavaType().getSimpleName());
    }
    return v;
  }

  /** The text values of an array of any dimensions (strings, or byte strings read as UTF-8), in C order. */
  public static String[] texts(Object array) {
    if (array == null) {
      return new String[0];
    }
    if (!array.getClass().isArray() || array instanceof byte[]) {
      return new String[] {text(array)};
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    int n = java.lang.reflect.Array.getLength(array);
    for (int i = 0; i < n; i++) {
      out.addAll(java.util.List.of(texts(java.lang.reflect.Array.get(array, i))));
    }
    return out.toArray(new String[0]);
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
  }
}

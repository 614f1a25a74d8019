package org.labpose.core.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.labpose.core.io.InputFormatException;

/**
 * Reads NumPy {@code .npz} archives (as {@code numpy.savez} writes them: a zip of {@code .npy}
 * files) of little-endian float32, float64 or float16 arrays in C order, as float arrays. Enough
 * to bring weights exported from PyTorch or TensorFlow ({@code np.savez(f, **state_dict)}).
 */
public final class Npz {
  private Npz() {}

  /** One array: shape and values in C (row-major) order. */
  public record Array(long[] shape, float[] values) {}

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /**
   * Reads every array of an archive, by name (the entry name without {@code .npy}), in archive order.
   *
   * @throws InputFormatException naming the entry for anything else than the arrays described
   */
  public static Map<String, Array> read(Path file) throws IOException {
    Map<String, Array> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().endsWith(".npy")) {
          continue;
        }
        String name = e.getName().substring(0, e.getName().length() - 4);
        try (InputStream in = zip.getInputStream(e)) {
          out.put(name, readNpy(in.readAllBytes(), file, name));
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new InputFormatException(file, null, "not a .npz (zip) archive: " + e.getMessage(), e);
    } catch (InputFormatException | java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // a damaged entry: a cut or corrupt deflate stream, a size that is not there
      throw new InputFormatException(file, null, "damaged .npz archive (" + e + ")", e);
    }
    if (out.isEmpty()) {
      throw new InputFormatException(file, null, "the archive holds no .npy arrays");
    }
    return out;
  }

  /** Parses one {@code .npy} file's bytes. */
  static Array readNpy(byte[] b, Path file, String name) throws IOException {
    if (b.length < 10 || (b[0] & 0xff) != 0x93 || b[1] != 'N' || b[2] != 'U' || b[3] != 'M' || b[4] != 'P' || b[5] != 'Y') {
      throw new InputFormatException(file, "array '" + name + "'", "not a .npy array (bad magic)");
    }
    int major = b[6];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = bb.getShort(8) & 0xffff;
      start = 10;
    } else {
      headerLen = bb.getInt(8);
      start = 12;
    }
    String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new InputFormatException(file, "array '" + name + "'", "unreadable .npy header: " + header.strip());
    }
    if (f.group(1).equals("True")) {
      throw new InputFormatException(file, "array '" + name + "'", "Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
    }
    String[] dims = s.group(1).split(",");
    long n = 1;
    java.util.List<Long> shape = new java.util.ArrayList<>();
    for (String dim : dims) {
      if (!dim.isBlank()) {
        long v = Long.parseLong(dim.strip());
        shape.add(v);
        n *= v;
      }
    }
    String descr = d.group(1);
    int size = switch (descr) {
      case "<f4" -> 4;
      case "<f8" -> 8;
      case "<f2" -> 2;
      default -> throw new InputFormatException(file, "array '" + name + "'", "dtype " + descr + " is not supported (float16/32/64, little-endian)");
    };
    int off = start + headerLen;
    if (b.length - off != n * size) {
      throw new InputFormatException(file, "array '" + name + "'", "holds " + (b.length - off) + " bytes of data, its header says " + n * size);
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < n; i++) {
      int p = off + i * size;
      v[i] = switch (size) {
        case 4 -> bb.getFloat(p);
        case 8 -> (float) bb.getDouble(p);
        default -> halfToFloat(bb.getShort(p));
      };
    }
    return new Array(shape.stream().mapToLong(Long::longValue).toArray(), v);
  }

  /** IEEE 754 half precision to float (Java 17 has no built-in). */
  public static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal: normalise
      float v = mant / 1024f * (float) Math.pow(2, -14);
      return sign != 0 ? -v : v;
    }
    if (exp == 31) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}

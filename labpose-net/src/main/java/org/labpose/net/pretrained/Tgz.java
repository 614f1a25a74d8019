package org.labpose.net.pretrained;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Reads selected files from a {@code .tgz} (gzip-compressed ustar, as npm packs packages). */
final class Tgz {
  private Tgz() {}

  /** The contents of the entries whose names pass {@code wanted}, by name. */
  static Map<String, byte[]> read(Path tgz, Predicate<String> wanted) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      byte[] header = new byte[512];
      String longName = null;
      while (readFully(in, header)) {
        if (allZero(header)) {
          break;
        }
        String name = longName != null ? longName : cString(header, 0, 100);
        longName = null;
        String prefix = cString(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0" : cString(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        long padded = (size + 511) / 512 * 512;
        if (type == 'L') {
          byte[] b = readBytes(in, size);
          skip(in, padded - size);
          longName = new String(b, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if ((type == '0' || type == 0) && wanted.test(name)) {
          out.put(name, readBytes(in, size));
          skip(in, padded - size);
        } else {
          skip(in, padded);
        }
      }
    }
    return out;
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        if (n == 0) {
          return false;
        }
        throw new IOException("the archive ends inside a header");
      }
      n += r;
    }
    return true;
  }

  private static byte[] readBytes(InputStream in, long size) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream((int) size);
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new IOException("the archive ends inside a file");
      }
      bo.write(buf, 0, r);
      left -= r;
    }
    return bo.toByteArray();
  }

  private static void skip(InputStream in, long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new IOException("the archive ends early");
      }
      n -= r;
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }
}

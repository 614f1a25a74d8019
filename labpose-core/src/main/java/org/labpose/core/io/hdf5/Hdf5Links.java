package org.labpose.core.io.hdf5;

import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.checksum.ChecksumUtils;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Soft links and object-reference attributes for files written with jhdf, which writes neither
 * (NWB needs both: a PoseEstimation links to its Skeleton, the root's {@code .specloc} refers to
 * the cached specifications). While the file is built, a soft link is an empty placeholder group
 * with a long unique name and a reference attribute holds zeros; {@link #apply} then rewrites, in
 * the written file, each placeholder's link message as a soft link message (HDF5 link message
 * version 1, link type 1) of the same total length, the rest filled by a NIL message, puts the
 * target's object-header address into each reference, and recomputes the object header's
 * checksum. The placeholder groups' own headers stay in the file, unreferenced. Works on the layout
 * jhdf 0.13 writes: superblock version 2 or 3, version 2 object headers in one chunk.
 */
public final class Hdf5Links {
  private static final String PREFIX = "lp-link-";
  private static final int MAX_NAME = 255;

  private record Link(String placeholder, String name, String target) {}

  private record Reference(String objectPath, String attribute, String target) {}

  private final List<Link> links = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();

  /**
   * Adds a soft link {@code parent/name -> target} (an absolute path), to be made by {@link #apply}.
   *
   * @throws IllegalArgumentException when name and target are too long for one link message
   */
  public void softLink(WritableGroup parent, String name, String target) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length + target.getBytes(StandardCharsets.UTF_8).length;
    // the soft message (4 + name + 2 + target bytes, plus a NIL message of at least 4) fits the
    // placeholder's hard message (3 + placeholder + 8, plus the charset byte in both)
    int length = bytes + 4;
    if (length > MAX_NAME) {
      throw new IllegalArgumentException("link " + name + " -> " + target + " is too long (" + bytes + " bytes; at most " + (MAX_NAME - 4) + ")");
    }
    StringBuilder p = new StringBuilder(PREFIX).append(links.size()).append('-');
    while (p.length() < length) {
      p.append('x');
    }
    parent.putGroup(p.toString());
    links.add(new Link(p.toString(), name, target));
  }

  /** Adds an object-reference attribute on {@code node} (at {@code objectPath}) to the object at {@code target}. */
  public void objectReference(WritableNode node, String objectPath, String attribute, String target) {
    node.putAttribute(attribute, 0L);
    Hdf5Writing.retype(node.getAttribute(attribute), new ObjectReference());
    references.add(new Reference(objectPath, attribute, target));
  }

  /** HDF5 reference type (class 7), an object reference of 8 bytes, written as zeros for {@link #apply}. */
  private static final class ObjectReference extends DataType {
    ObjectReference() {
      super(7, 8);
    }

    @Override
    public ByteBuffer toBuffer() {
      classBits.clear();
      return toBufferBuilder().build();
    }

    @Override
    public ByteBuffer encodeData(Object data) {
      return ByteBuffer.allocate(8);
    }

    @Override
    public Class<?> getJavaType() {
      return Long.class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
      throw new UnsupportedOperationException("a type for writing references");
    }
  }

  /** One object header: where it is and its messages. */
  private record Header(int start, int messagesEnd, int checksumAt, int messageHeader, List<int[]> messages) {}

  /**
   * Rewrites the written file in place: placeholders become soft links, references get their
   * targets' addresses.
   *
   * @throws IOException when a placeholder, attribute or target is not found (the file is then left
   *     as it was written)
   */
  public void apply(Path file) throws IOException {
    if (links.isEmpty() && references.isEmpty()) {
      return;
    }
    byte[] b = Files.readAllBytes(file);
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (b.length < 48 || b[8] < 2) {
      throw new IOException(file + ": expected an HDF5 superblock of version 2 or 3");
    }
    if (b[9] != 8 || b[10] != 8) {
      throw new IOException(file + ": expected 8-byte offsets and lengths");
    }
    long root = buf.getLong(12 + 24);
    // every group's header, by path, following hard links from the root
    Map<String, Integer> headers = new LinkedHashMap<>();
    Map<Integer, Header> parsed = new HashMap<>();
    ArrayDeque<Object[]> todo = new ArrayDeque<>();
    todo.add(new Object[] {"/", (int) root});
    Set<Integer> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      Object[] t = todo.poll();
      int at = (Integer) t[1];
      if (!seen.add(at)) {
        continue;
      }
      Header h = header(file, buf, at);
      headers.put((String) t[0], at);
      parsed.put(at, h);
      for (int[] m : h.messages()) {
        if (m[0] == 6) {
          LinkData l = link(buf, m[1], m[2]);
          if (l.hard) {
            String path = (t[0].equals("/") ? "" : t[0]) + "/" + l.name;
            todo.add(new Object[] {path, (int) l.address});
          }
        }
      }
    }
    Set<Integer> changed = new HashSet<>();
    for (Link want : links) {
      boolean done = false;
      for (Header h : parsed.values()) {
        for (int[] m : h.messages()) {
          if (m[0] == 6 && link(buf, m[1], m[2]).name.equals(want.placeholder())) {
            rewriteAsSoft(file, buf, h, m, want);
            changed.add(h.start());
            done = true;
          }
        }
      }
      if (!done) {
        throw new IOException(file + ": placeholder of link " + want.name() + " not found");
      }
    }
    for (Reference r : references) {
      Integer owner = headers.get(r.objectPath());
      Integer target = headers.get(r.target());
      if (owner == null || target == null) {
        throw new IOException(file + ": reference " + r.objectPath() + " " + r.attribute() + " -> " + r.target() + ": object not found");
      }
      Header h = parsed.get(owner);
      boolean done = false;
      for (int[] m : h.messages()) {
        if (m[0] == 0x0C) {
          int data = attributeData(buf, m[1], r.attribute());
          if (data >= 0) {
            buf.putLong(data, target);
            done = true;
          }
        }
      }
      if (!done) {
        throw new IOException(file + ": attribute " + r.attribute() + " not found on " + r.objectPath());
      }
      changed.add(h.start());
    }
    for (int at : changed) {
      Header h = parsed.get(at);
      ByteBuffer chunk = ByteBuffer.wrap(b, h.start(), h.checksumAt() - h.start()).slice();
      byte[] bytes = new byte[chunk.remaining()];
      chunk.get(bytes);
      buf.putInt(h.checksumAt(), ChecksumUtils.checksum(bytes));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".links");
    Files.write(tmp, b);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Header header(Path file, ByteBuffer buf, int at) throws IOException {
    if (at < 0 || at + 8 > buf.capacity() || buf.get(at) != 'O' || buf.get(at + 1) != 'H' || buf.get(at + 2) != 'D' || buf.get(at + 3) != 'R') {
      throw new IOException(file + ": no version 2 object header at " + at);
    }
    int flags = buf.get(at + 5) & 0xff;
    int p = at + 6;
    if ((flags & 0x20) != 0) {
      p += 16;
    }
    if ((flags & 0x10) != 0) {
      p += 4;
    }
    int sizeBytes = 1 << (flags & 3);
    long size = switch (sizeBytes) {
      case 1 -> buf.get(p) & 0xff;
      case 2 -> buf.getShort(p) & 0xffff;
      case 4 -> buf.getInt(p) & 0xffffffffL;
      default -> buf.getLong(p);
    };
    p += sizeBytes;
    int end = (int) (p + size);
    int mh = (flags & 0x04) != 0 ? 6 : 4;
    List<int[]> messages = new ArrayList<>();
    while (p + mh <= end) {
      int type = buf.get(p) & 0xff;
      int len = buf.getShort(p + 1) & 0xffff;
      if (type == 0x10) {
        throw new IOException(file + ": object header at " + at + " continues in another chunk (not written by jhdf?)");
      }
      messages.add(new int[] {type, p + mh, len, p});
      p += mh + len;
    }
    return new Header(at, end, end, mh, messages);
  }

  private record LinkData(String name, boolean hard, long address, int flags) {}

  private static LinkData link(ByteBuffer buf, int at, int len) {
    int flags = buf.get(at + 1) & 0xff;
    int p = at + 2;
    int type = 0;
    if ((flags & 0x08) != 0) {
      type = buf.get(p++) & 0xff;
    }
    if ((flags & 0x04) != 0) {
      p += 8;
    }
    if ((flags & 0x10) != 0) {
      p++;
    }
    int lenBytes = 1 << (flags & 3);
    int nameLen = switch (lenBytes) {
      case 1 -> buf.get(p) & 0xff;
      case 2 -> buf.getShort(p) & 0xffff;
      default -> buf.getInt(p);
    };
    p += lenBytes;
    byte[] name = new byte[nameLen];
    buf.get(p, name);
    p += nameLen;
    long address = type == 0 ? buf.getLong(p) : -1;
    return new LinkData(new String(name, StandardCharsets.UTF_8), type == 0, address, flags);
  }

  private static void rewriteAsSoft(Path file, ByteBuffer buf, Header h, int[] m, Link want) throws IOException {
    int at = m[1];
    int old = m[2];
    int oldFlags = buf.get(at + 1) & 0xff;
    byte[] name = want.name().getBytes(StandardCharsets.UTF_8);
    byte[] target = want.target().getBytes(StandardCharsets.UTF_8);
    boolean charset = (oldFlags & 0x10) != 0;
    ByteBuffer n = ByteBuffer.allocate(old).order(ByteOrder.LITTLE_ENDIAN);
    n.put((byte) 1);
    n.put((byte) (0x08 | (charset ? 0x10 : 0)));
    n.put((byte) 1);
    if (charset) {
      n.put(buf.get(at + 2 + ((oldFlags & 0x08) != 0 ? 1 : 0) + ((oldFlags & 0x04) != 0 ? 8 : 0)));
    }
    n.put((byte) name.length);
    n.put(name);
    n.putShort((short) target.length);
    n.put(target);
    int used = n.position();
    int rest = old - used;
    if (rest != 0 && rest < h.messageHeader()) {
      throw new IOException(file + ": no room to make link " + want.name() + " (" + rest + " bytes left)");
    }
    buf.put(at, n.array(), 0, used);
    buf.putShort(m[3] + 1, (short) used);
    if (rest > 0) {
      int nil = at + used;
      buf.put(nil, (byte) 0);
      buf.putShort(nil + 1, (short) (rest - h.messageHeader()));
      buf.put(nil + 3, (byte) 0);
      for (int i = nil + 4; i < at + old; i++) {
        buf.put(i, (byte) 0);
      }
    }
  }

  /** Offset of the data of the attribute named {@code name} in an attribute message, or -1. */
  private static int attributeData(ByteBuffer buf, int at, String name) {
    int version = buf.get(at) & 0xff;
    int nameSize = buf.getShort(at + 2) & 0xffff;
    int dtSize = buf.getShort(at + 4) & 0xffff;
    int dsSize = buf.getShort(at + 6) & 0xffff;
    int p = at + 8 + (version == 3 ? 1 : 0);
    byte[] nb = new byte[Math.max(0, nameSize - 1)];
    buf.get(p, nb);
    if (!new String(nb, StandardCharsets.UTF_8).equals(name)) {
      return -1;
    }
    if (version == 1) {
      return p + pad8(nameSize) + pad8(dtSize) + pad8(dsSize);
    }
    return p + nameSize + dtSize + dsSize;
  }

  private static int pad8(int n) {
    return (n + 7) / 8 * 8;
  }
}

package org.labpose.core.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small Python pickles that PyTables stores in pandas' HDF5 attributes (column names as
 * lists of tuples): strings, numbers, None, booleans, lists, tuples and dicts, in protocol 0 (text)
 * and the binary protocols 1 to 5. Nothing is executed: object construction opcodes are refused.
 * Tuples come back as unmodifiable {@link List}s.
 */
final class MiniPickle {
  private static final Object MARK = new Object();

  private final byte[] b;
  private int pos;
  private final Deque<Object> stack = new ArrayDeque<>();
  private final Map<Integer, Object> memo = new HashMap<>();

  private MiniPickle(byte[] b) {
    this.b = b;
  }

  /** Decodes one pickle. */
  static Object load(byte[] bytes) throws IOException {
    try {
      return new MiniPickle(bytes).run();
    } catch (RuntimeException e) {
      // a damaged pickle: a length past its end, a pop from an empty stack, a malformed number
      throw new IOException("damaged pickle (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private Object run() throws IOException {
    while (pos < b.length) {
      int op = b[pos++] & 0xff;
      switch (op) {
        case 0x80 -> pos++; // PROTO n
        case 0x95 -> pos += 8; // FRAME
        case '.' -> {
          Object top = stack.pop();
          if (top == MARK) {
            throw new IOException("pickle stops on a MARK");
          }
          return top;
        }
        case '(' -> stack.push(MARK);
        case 'l' -> stack.push(popToMark());
        case ']' -> stack.push(new ArrayList<>());
        case ')' -> stack.push(List.of());
        case '}' -> stack.push(new LinkedHashMap<>());
        case 'd' -> {
          List<Object> items = popToMark();
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
          }
          stack.push(m);
        }
        case 't' -> stack.push(List.copyOf(popToMark()));
        case 0x85 -> stack.push(tuple(1));
        case 0x86 -> stack.push(tuple(2));
        case 0x87 -> stack.push(tuple(3));
        case 'a' -> {
          Object v = stack.pop();
          list(stack.peek()).add(v);
        }
        case 'e' -> {
          List<Object> items = popToMark();
          list(stack.peek()).addAll(items);
        }
        case 's' -> {
          Object v = stack.pop();
          Object k = stack.pop();
          map(stack.peek()).put(k, v);
        }
        case 'u' -> {
          List<Object> items = popToMark();
          Map<Object, Object> m = map(stack.peek());
          for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
          }
        }
        case 'p' -> memo.put(Integer.parseInt(line()), stack.peek());
        case 'g' -> stack.push(memoGet(Integer.parseInt(line())));
        case 'q' -> memo.put(b[pos++] & 0xff, stack.peek());
        case 'r' -> memo.put(int4(), stack.peek());
        case 0x94 -> memo.put(memo.size(), stack.peek());
        case 'h' -> stack.push(memoGet(b[pos++] & 0xff));
        case 'j' -> stack.push(memoGet(int4()));
        case 'V' -> stack.push(unescapeRawUnicode(line()));
        case 'S' -> stack.push(unquote(line()));
        case 'X' -> stack.push(str(int4()));
        case 0x8c -> stack.push(str(b[pos++] & 0xff));
        case 0x8d -> stack.push(str((int) long8()));
        case 'U' -> stack.push(latin1(b[pos++] & 0xff));
        case 'T' -> stack.push(latin1(int4()));
        case 'C' -> stack.push(latin1(b[pos++] & 0xff));
        case 'B' -> stack.push(latin1(int4()));
        case 'I' -> {
          String s = line();
          stack.push(s.equals("01") ? Boolean.TRUE : s.equals("00") ? Boolean.FALSE : (Object) Long.parseLong(s));
        }
        case 'L' -> {
          String s = line();
          stack.push(Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
        }
        case 'F' -> stack.push(Double.parseDouble(line()));
        case 'K' -> stack.push((long) (b[pos++] & 0xff));
        case 'M' -> {
          long v = (b[pos] & 0xff) | ((b[pos + 1] & 0xff) << 8);
          pos += 2;
          stack.push(v);
        }
        case 'J' -> stack.push((long) int4());
        case 'G' -> {
          double d = ByteBuffer.wrap(b, pos, 8).order(ByteOrder.BIG_ENDIAN).getDouble();
          pos += 8;
          stack.push(d);
        }
        case 'N' -> stack.push(NONE);
        case 0x88 -> stack.push(Boolean.TRUE);
        case 0x89 -> stack.push(Boolean.FALSE);
        case '0' -> stack.pop();
        case '2' -> stack.push(stack.peek());
        default -> throw new IOException(
            "unsupported pickle opcode 0x" + Integer.toHexString(op) + " at byte " + (pos - 1));
      }
    }
    throw new IOException("pickle ends without STOP");
  }

  /** Python's None (a stack cannot hold null). */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  private Object memoGet(int i) throws IOException {
    if (!memo.containsKey(i)) {
      throw new IOException("pickle refers to unknown memo " + i);
    }
    return memo.get(i);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) throws IOException {
    if (o instanceof ArrayList<?> l) {
      return (List<Object>) l;
    }
    throw new IOException("pickle appends to a non-list");
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(Object o) throws IOException {
    if (o instanceof Map<?, ?> m) {
      return (Map<Object, Object>) m;
    }
    throw new IOException("pickle sets an item on a non-dict");
  }

  private List<Object> tuple(int n) {
    Object[] items = new Object[n];
    for (int i = n - 1; i >= 0; i--) {
      items[i] = stack.pop();
    }
    return List.of(items);
  }

  private List<Object> popToMark() throws IOException {
    List<Object> items = new ArrayList<>();
    while (true) {
      if (stack.isEmpty()) {
        throw new IOException("pickle MARK missing");
      }
      Object o = stack.pop();
      if (o == MARK) {
        break;
      }
      items.add(0, o);
    }
    return items;
  }

  private String line() {
    int start = pos;
    while (pos < b.length && b[pos] != '\n') {
      pos++;
    }
    String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
    pos++;
    return s;
  }

  private int int4() {
    int v = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    pos += 4;
    return v;
  }

  private long long8() {
    long v = ByteBuffer.wrap(b, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    pos += 8;
    return v;
  }

  private String str(int n) {
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  private String latin1(int n) {
    String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
    pos += n;
    return s;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
      s = s.substring(1, s.length() - 1);
    }
    return unescapeRawUnicode(s.replace("\\'", "'"));
  }

  /** Protocol 0 'raw-unicode-escape': bytes are Latin-1 characters, others {@code \\uXXXX}. */
  private static String unescapeRawUnicode(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u') {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 9 < s.length() && s.charAt(i + 1) == 'U') {
        sb.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 10), 16));
        i += 9;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

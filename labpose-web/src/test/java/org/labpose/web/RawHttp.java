package org.labpose.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests written by hand, for the security tests: Java's client will not send a forged
 * {@code Host} header or a raw path with {@code ..} in it.
 */
public final class RawHttp {
  /** A response: status, headers (lower-case names) and body. */
  public record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /**
   * Sends one request to 127.0.0.1:{@code port}.
   *
   * @param headers extra headers, e.g. Host, Origin, Cookie (a Host given here replaces the default)
   * @param body the body (JSON) or null
   */
  public static Response send(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Host", "127.0.0.1:" + port);
      h.putAll(headers);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Connection: close\r\n");
      if (body != null) {
        req.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
      }
      req.append("\r\n");
      OutputStream o = s.getOutputStream();
      o.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      o.write(b);
      o.flush();
      return parse(s.getInputStream());
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        headers.merge(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim(), (x, y) -> x + "\n" + y);
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
  }

  private static String unchunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int nl = s.indexOf("\r\n", i);
      if (nl < 0) {
        break;
      }
      int n = Integer.parseInt(s.substring(i, nl).split(";")[0].trim(), 16);
      if (n == 0) {
        break;
      }
      out.append(s, nl + 2, nl + 2 + n);
      i = nl + 2 + n + 2;
    }
    return out.toString();
  }
}

package org.labpose.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The checks every request to a LabPose server passes before its handler: the {@code Host} header
 * must name this server (against DNS rebinding: a loopback name or the bound address with the bound
 * port; on a wildcard address also an IP literal or this machine's name; 421 otherwise); a request
 * with an {@code Origin} header must come from the address in its {@code Host} header (403); on a
 * non-loopback address the access token (query {@code ?token=}, then a cookie, or an {@code
 * X-LabPose-Token} header; 401). With {@code sessionHeader}, state-changing requests (POST, PUT,
 * PATCH, DELETE) must also carry {@code X-LabPose-Session} equal to a per-server secret that the
 * server's own pages read from a same-site cookie: another site's page can neither read that cookie
 * nor send the header without a CORS pre-flight this server never grants (403 otherwise).
 */
public final class RequestGuard {
  /** The cookie that holds the per-server session secret the pages echo in {@link #SESSION_HEADER}. */
  public static final String SESSION_COOKIE = "labpose_session";
  /** The header state-changing requests carry. */
  public static final String SESSION_HEADER = "X-LabPose-Session";
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[0-9a-z]+)?");

  private final String host;
  private final IntSupplier port;
  private final String token;
  private final String session;
  private final String machineName;
  private final String commandName;

  /**
   * @param host the bound address
   * @param port the bound port (asked at each request: known once the server started)
   * @param token the access token, or null when none is needed
   * @param sessionHeader whether state-changing requests need {@link #SESSION_HEADER}
   * @param commandName the command whose printed address holds the token (for the 401 message)
   */
  public RequestGuard(String host, IntSupplier port, String token, boolean sessionHeader, String commandName) {
    this.host = host;
    this.port = port;
    this.token = token;
    this.session = sessionHeader ? newSecret() : null;
    this.machineName = localName();
    this.commandName = commandName;
  }

  /** 36 random hex digits. */
  public static String newSecret() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The token a server on {@code host} needs: the one given, else a new one away from loopback, else none (null). */
  public static String tokenFor(String host, String given) {
    return given == null && !isLoopback(host) ? newSecret() : given;
  }

  /** True for 127.0.0.0/8, ::1 and "localhost". */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The session secret, or null when state-changing requests need no header. */
  public String session() {
    return session;
  }

  /** Runs the checks; on failure answers the request and skips its handler. */
  public void check(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    String hostHeader = ctx.header("Host");
    if (!allowedHost(hostHeader)) {
      refuse(ctx, HttpStatus.MISDIRECTED_REQUEST, "this server answers only to its own address (Host " + hostHeader + " refused)");
      return;
    }
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equalsIgnoreCase("http://" + hostHeader)) {
      refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin request refused");
      return;
    }
    if (token != null) {
      String q = ctx.queryParam("token");
      boolean ok = same(q, token) || same(ctx.cookie("labpose_token"), token) || same(ctx.header("X-LabPose-Token"), token);
      if (!ok) {
        refuse(ctx, HttpStatus.UNAUTHORIZED, "a valid access token is needed: open the address that 'labpose " + commandName + "' printed");
        return;
      }
      if (same(q, token)) {
        ctx.header("Set-Cookie", "labpose_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
      }
    }
    if (session != null) {
      if (CHANGING.contains(ctx.method().name()) && !same(ctx.header(SESSION_HEADER), session)) {
        refuse(ctx, HttpStatus.FORBIDDEN, "refused: a change must come from the studio's own page (" + SESSION_HEADER + " missing or wrong)");
        return;
      }
      if (!same(ctx.cookie(SESSION_COOKIE), session)) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; SameSite=Strict");
      }
    }
  }

  private static void refuse(Context ctx, HttpStatus status, String message) {
    ctx.status(status).result(message);
    ctx.skipRemainingHandlers();
  }

  /**
   * True when a {@code Host} header names this server: a loopback name or the bound address, with
   * the bound port; on a wildcard address also any IP literal or this machine's name.
   */
  public boolean allowedHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    String suffix = ":" + port.getAsInt();
    if (!h.endsWith(suffix)) {
      return false;
    }
    String name = h.substring(0, h.length() - suffix.length());
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(name).matches()) {
      return true;
    }
    String bound = host.toLowerCase(Locale.ROOT);
    if (name.equals(bound)) {
      return true;
    }
    if (bound.equals("0.0.0.0") || bound.equals("::") || bound.equals("0:0:0:0:0:0:0:0")) {
      if (IPV4.matcher(name).matches() || (name.contains(":") && IPV6.matcher(name).matches())) {
        return true;
      }
      return name.equals(machineName);
    }
    return false;
  }

  /** The address a person opens: the bound host (this machine's name for a wildcard), port, and the token when one is needed. */
  public String url(String path) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0")) {
      h = machineName;
    }
    return "http://" + h + ":" + port.getAsInt() + path + (token == null ? "" : "?token=" + token);
  }

  private static boolean same(String a, String b) {
    return a != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

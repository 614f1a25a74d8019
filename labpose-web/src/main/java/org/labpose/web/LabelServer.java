package org.labpose.web;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * The labeling server: the page and its JSON API over a {@link LabelStore}. Binds to 127.0.0.1 unless
 * told otherwise; on any other address every request must carry the access token (in the URL as
 * {@code ?token=}, then in a cookie the server sets, or in an {@code X-LabPose-Token} header), or it
 * gets 401. Only the project's labeled-data images are served, by name from the folder listing:
 * paths with {@code ..}, encoded separators, absolute paths and symbolic links out of the project
 * are not found.
 *
 * <p>Every request must name this server in its {@code Host} header: a loopback name ({@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]}) or the bound address, with the bound port; on a
 * wildcard address also an IP literal or this machine's name. Other names get 421, so that a page
 * on another site whose name is made to resolve to this machine (DNS rebinding) cannot read or
 * change labels. A request with an {@code Origin} header must come from the address in its {@code
 * Host} header (403 otherwise); bodies are limited to {@link #MAX_BODY_BYTES}.
 */
public final class LabelServer implements AutoCloseable {
  /** Largest request body accepted, bytes (a frame's points are a few hundred bytes). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final TrackStore tracks;
  private final String token;
  private final Javalin app;
  private final RequestGuard guard;

  private LabelServer(LabelStore store, String host, int port, String token, List<String> colors) {
    this.tracks = new TrackStore(store.project());
    this.token = token;
    int[] bound = {port};
    this.guard = new RequestGuard(host, () -> bound[0], token, false, "label");
    LabelRoutes routes = new LabelRoutes(() -> store, () -> tracks, colors);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = MAX_BODY_BYTES;
      cfg.routes.before(guard::check);
      routes.register(cfg.routes, "/");
      cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).result(e.getMessage()));
    });
    app.start(host, port);
    bound[0] = app.port();
  }

  /**
   * Starts a server.
   *
   * @param host address to bind (127.0.0.1 by default in the command)
   * @param port port, 0 for any free one
   * @param token access token, or null: required (generated when null) unless {@code host} is a
   *     loopback address
   * @param colors one CSS colour ({@code #rrggbb}) per keypoint slot in layout order (the config's
   *     colormap, as the other drawings use), or null for evenly spaced hues
   */
  public static LabelServer start(LabelStore store, String host, int port, String token, List<String> colors) {
    String t = RequestGuard.tokenFor(host, token);
    if (colors != null && colors.size() != store.layout().size()) {
      throw new IllegalArgumentException("expected " + store.layout().size() + " colours, got " + colors.size());
    }
    return new LabelServer(store, host, port, t, colors == null ? null : List.copyOf(colors));
  }

  /** True for 127.0.0.0/8, ::1 and "localhost". */
  public static boolean isLoopback(String host) {
    return RequestGuard.isLoopback(host);
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The access token, or null when none is needed. */
  public String token() {
    return token;
  }

  /** The page's address, with the token when one is needed. */
  public String url() {
    return guard.url("/");
  }

  /** See {@link RequestGuard#allowedHost}. */
  boolean allowedHost(String hostHeader) {
    return guard.allowedHost(hostHeader);
  }

  @Override
  public void close() {
    app.stop();
    tracks.close();
  }
}

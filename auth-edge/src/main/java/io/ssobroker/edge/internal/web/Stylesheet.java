package io.ssobroker.edge.internal.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The hosted pages' one stylesheet, served by the edge from its jar: the pages' policy allows styles from their own
 * origin only ({@code style-src 'self'}), never inline.
 */
final class Stylesheet {

  static final String PATH = "/assets/hosted.css";
  private static final Buffer CSS = read("hosted.css");

  private Stylesheet() {}

  static void handle(RoutingContext routing) {
    routing.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/css; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").end(CSS);
  }

  /** An org's accent ({@link Brand#ACCENT_PATH}): a name that is not a colour is not found. */
  static void accent(RoutingContext routing) {
    Brand.accentStylesheet(routing.pathParam("file")).ifPresentOrElse(css -> routing.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/css; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=86400, immutable").end(css),
        () -> routing.response().setStatusCode(404).end());
  }

  private static Buffer read(String name) {
    try (InputStream in = Stylesheet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}

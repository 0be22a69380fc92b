package io.ssobroker.platform.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a port answers before its router sees a request, each time a 4xx with a message in the port's own format and
 * one WARN line: a target holding a malformed percent-escape (RFC 3986 2.1: {@code %} and two hex digits), which
 * Vert.x's path and query decoders throw on (a 500, or no answer at all when the query is decoded as the body ends),
 * and a request the HTTP codec could not decode (its line or headers too long, its framing broken), which Vert.x
 * would answer with an empty body.
 */
public final class PortGuard {

  /** Writes a refusal in the port's format (an HTML page, JSON, or problem details). */
  @FunctionalInterface
  public interface Refusal {
    void answer(HttpServerRequest request, int status, String message);
  }

  private static final Logger LOG = LoggerFactory.getLogger(PortGuard.class);

  private PortGuard() {}

  public static HttpServer mount(HttpServer server, Handler<HttpServerRequest> router, Refusal refusal) {
    return server
        .requestHandler(request -> {
          if (wellFormed(request.uri())) {
            router.handle(request);
          } else {
            LOG.warn("refused {}: 400 the address is not well-formed percent-encoding", request.method());
            refusal.answer(request, 400, "The address is not well-formed: a % must be followed by two hex digits.");
          }
        })
        .invalidRequestHandler(request -> {
          Throwable cause = request.decoderResult().cause();
          int status = cause instanceof TooLongHttpLineException ? 414
              : cause instanceof TooLongHttpHeaderException ? 431
              : cause instanceof TooLongFrameException ? 413 : 400;
          LOG.warn("refused an undecodable request: {} {}", status, cause == null ? "" : cause.getMessage());
          refusal.answer(request, status, switch (status) {
            case 414 -> "The address is too long.";
            case 431 -> "The request's headers are too large.";
            case 413 -> "The request is too large.";
            default -> "The request is not valid HTTP: check its framing (Content-Length, chunks) and headers.";
          });
          request.connection().close();
        });
  }

  static boolean wellFormed(String target) {
    if (target == null) {
      return false;
    }
    for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
      if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

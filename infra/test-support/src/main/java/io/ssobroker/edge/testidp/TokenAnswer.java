package io.ssobroker.edge.testidp;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the token endpoint sends back: status, content type (null for none), headers and body, with a Content-Length
 * or, when {@code chunked}, in chunks of 64 KiB without one.
 */
record TokenAnswer(int status, String contentType, Map<String, String> headers, Buffer body, boolean chunked) {

  TokenAnswer(int status, String contentType, Map<String, String> headers, Buffer body) {
    this(status, contentType, headers, body, false);
  }

  private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache");

  /** A protocol answer, never cached (RFC 6749 5.1). */
  static TokenAnswer json(int status, JsonObject body) {
    return new TokenAnswer(status, "application/json", NO_STORE, body.toBuffer());
  }

  static TokenAnswer json(int status, JsonObject body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(NO_STORE);
    headers.putAll(extraHeaders);
    return new TokenAnswer(status, "application/json", Map.copyOf(headers), body.toBuffer());
  }

  /** Exactly what a test asked for, with no header added. */
  static TokenAnswer canned(int status, String contentType, Buffer body) {
    return new TokenAnswer(status, contentType, Map.of(), body);
  }

  /** The same, sent with {@code Transfer-Encoding: chunked}. */
  static TokenAnswer cannedChunked(int status, String contentType, Buffer body) {
    return new TokenAnswer(status, contentType, Map.of(), body, true);
  }
}

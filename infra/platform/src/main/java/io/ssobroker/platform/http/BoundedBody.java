package io.ssobroker.platform.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a request body into memory up to a limit, the same way whatever its framing: a body declared (Content-Length)
 * or received (chunks) beyond the limit fails the request with 413 at once, and the rest is read and dropped. Unlike
 * Vert.x's BodyHandler it never runs a form or multipart decoder while the bytes arrive, whose own limits and errors
 * would answer the same input differently depending on how it was cut into chunks. A complete
 * {@code application/x-www-form-urlencoded} body is decoded once, by Netty's decoder; a malformed one fails with 400.
 */
public final class BoundedBody implements Handler<RoutingContext> {

  private static final String BODY = BoundedBody.class.getName() + ".body";
  private static final String FORM = BoundedBody.class.getName() + ".form";
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";
  private static final int MAX_FORM_FIELDS = 64;
  private static final long MALFORMED_LENGTH = -2;

  private final long maxBytes;

  private BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public static BoundedBody limitedTo(long maxBytes) {
    return new BoundedBody(maxBytes);
  }

  /** The body read for this request; empty when it had none. */
  public static Buffer of(RoutingContext routing) {
    Buffer body = routing.get(BODY);
    return body == null ? Buffer.buffer() : body;
  }

  /** The fields of a form body; empty when the body is not {@code application/x-www-form-urlencoded}. */
  public static MultiMap form(RoutingContext routing) {
    MultiMap form = routing.get(FORM);
    return form == null ? MultiMap.caseInsensitiveMultiMap() : form;
  }

  @Override
  public void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    if (routing.get(BODY) != null) {
      routing.next();
      return;
    }
    long declared = declaredLength(request);
    if (declared == MALFORMED_LENGTH) {
      routing.fail(400, new MalformedRequest("the Content-Length header is not a number"));
      return;
    }
    if (declared > maxBytes) {
      routing.fail(413);
      return;
    }
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
      routing.fail(417);
      return;
    }
    boolean framed = request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    if (request.isEnded() || (declared < 0 && !framed)) {
      complete(routing, Buffer.buffer());
      return;
    }
    if (expect != null && request.version() != HttpVersion.HTTP_1_0) {
      routing.response().writeContinue();
    }
    new Reader(routing, declared).start();
  }

  private final class Reader {
    private final RoutingContext routing;
    private final Buffer body;
    private boolean refused;

    Reader(RoutingContext routing, long declared) {
      this.routing = routing;
      this.body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), Math.min(maxBytes, 64 * 1024)));
    }

    void start() {
      HttpServerRequest request = routing.request();
      request.exceptionHandler(failure -> refuse(400, new MalformedRequest("the body could not be read: " + failure)));
      request.handler(chunk -> {
        if (refused) {
          return;
        }
        if (body.length() + (long) chunk.length() > maxBytes) {
          refuse(413, null);
          return;
        }
        body.appendBuffer(chunk);
      });
      request.endHandler(ended -> {
        if (!refused) {
          complete(routing, body);
        }
      });
      request.resume();
    }

    private void refuse(int status, Throwable cause) {
      if (refused) {
        return;
      }
      refused = true;
      if (cause == null) {
        routing.fail(status);
      } else {
        routing.fail(status, cause);
      }
    }
  }

  private static void complete(RoutingContext routing, Buffer body) {
    routing.put(BODY, body);
    if (isForm(routing.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      try {
        routing.put(FORM, decodeForm(body));
      } catch (IllegalArgumentException malformed) {
        routing.fail(400, new MalformedRequest("the form body is not valid URL encoding"));
        return;
      }
    }
    routing.next();
  }

  private static boolean isForm(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM_TYPE);
  }

  private static MultiMap decodeForm(Buffer body) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    QueryStringDecoder.builder().hasPath(false).semicolonIsNormalChar(true).maxParams(MAX_FORM_FIELDS)
        .charset(StandardCharsets.UTF_8).build(body.toString(StandardCharsets.UTF_8))
        .parameters().forEach(form::add);
    return form;
  }

  /** The Content-Length, -1 without one, {@link #MALFORMED_LENGTH} when it is not a number. */
  private static long declaredLength(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(header.trim());
      return length < 0 ? MALFORMED_LENGTH : length;
    } catch (NumberFormatException notANumber) {
      return MALFORMED_LENGTH;
    }
  }
}

package io.ssobroker.platform.http;

/** A request the client got wrong (its framing, encoding or body), answered 4xx: expected, so no stack trace. */
public final class MalformedRequest extends RuntimeException {

  public MalformedRequest(String message) {
    super(message, null, false, false);
  }
}

package io.ssobroker.edge.internal.login;

/** Who is at the other end of a request, for the audit event. */
public record ClientInfo(String ip, String userAgent, String correlationId) {

  /** A change the broker makes on its own (a directory or registry notice, an admin action): no browser to name. */
  public static final ClientInfo NONE = new ClientInfo(null, null, null);
}

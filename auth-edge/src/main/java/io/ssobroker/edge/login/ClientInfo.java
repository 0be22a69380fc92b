package io.ssobroker.edge.login;

/** Who is at the other end of a request, for the audit event. */
public record ClientInfo(String ip, String userAgent, String correlationId) {}

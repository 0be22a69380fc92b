package io.ssobroker.edge.login;

import io.ssobroker.edge.state.LoginState;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.registry.ConnectorDescriptor;

/**
 * What is known about one login as its steps run: filled in step by step, and read at the end to write the one
 * audit event that the login produces, whatever its outcome.
 */
final class LoginAttempt {

  final String ip;
  final String userAgent;
  final String correlationId;
  LoginState state;
  ConnectorDescriptor connector;
  String email;
  String subject;
  String userId;

  LoginAttempt(String ip, String userAgent, String correlationId) {
    this.ip = ip;
    this.userAgent = userAgent;
    this.correlationId = correlationId;
  }

  AuditEvent.Builder event(String type) {
    AuditEvent.Builder event = AuditEvent.builder(type).client(ip, userAgent).correlationId(correlationId)
        .email(email).subject(subject).userId(userId);
    if (connector != null) {
      event.org(connector.org()).connector(connector.id().toString(), connector.kind().value());
    } else if (state != null) {
      event.org(state.org()).connector(state.connectorId().toString(), null);
    }
    return event;
  }
}

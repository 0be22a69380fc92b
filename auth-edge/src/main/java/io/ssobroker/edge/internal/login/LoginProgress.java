package io.ssobroker.edge.internal.login;

import io.ssobroker.edge.internal.connector.Connector;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.ssobroker.edge.internal.state.LoginState;
import io.ssobroker.edge.internal.state.PendingAuthorization;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.directory.DirectoryUser;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What a login knows after each of its steps, each built from the one before and never changed: whichever step the
 * login ends at, its one audit event says what was known by then.
 */
sealed interface LoginProgress {

  /** The audit event of a login that got this far. */
  AuditEvent.Builder event(String type);

  /** Where the login was to end, as far as it is known by now. */
  LoginOutcome.Destination destination();

  /** A request that completes a login (a callback, a posted response), before anything is known of it. */
  record Received(ClientInfo client) implements LoginProgress {
    @Override
    public AuditEvent.Builder event(String type) {
      return AuditEvent.builder(type).client(client.ip(), client.userAgent()).correlationId(client.correlationId());
    }

    @Override
    public LoginOutcome.Destination destination() {
      return LoginOutcome.Destination.UNKNOWN;
    }
  }

  /**
   * A login about to begin with this connector, for the email the user typed, if any, to end at a checked {@code
   * return_to} or for a product.
   */
  record Starting(ClientInfo client, ConnectorDescriptor connector, Optional<EmailAddress> loginHint,
      Optional<String> returnTo, Optional<PendingAuthorization> authorization) implements LoginProgress {
    @Override
    public LoginOutcome.Destination destination() {
      return new LoginOutcome.Destination(returnTo, authorization);
    }

    @Override
    public AuditEvent.Builder event(String type) {
      return forProduct(new Received(client).event(type).email(loginHint.map(EmailAddress::value).orElse(null))
          .org(connector.org()).connector(connector.id().toString(), connector.kind().value()), authorization);
    }
  }

  /** The state of the login, opened and checked (and, once claimed, used up). */
  record StateOpened(ClientInfo client, LoginState state) implements LoginProgress {
    @Override
    public LoginOutcome.Destination destination() {
      return new LoginOutcome.Destination(state.returnTo(), state.authorization());
    }

    @Override
    public AuditEvent.Builder event(String type) {
      return forProduct(new Received(client).event(type).org(state.org())
          .connector(state.connectorId().toString(), null), state.authorization());
    }
  }

  /** The connector the login runs on; no state when the IdP's answer was unsolicited. */
  record ConnectorLoaded<C extends Connector>(ClientInfo client, Optional<LoginState> state, C connector)
      implements LoginProgress {

    Optional<LoginSecrets> secrets() {
      return state.map(LoginState::secrets);
    }

    Optional<String> returnTo() {
      return state.flatMap(LoginState::returnTo);
    }

    Optional<PendingAuthorization> authorization() {
      return state.flatMap(LoginState::authorization);
    }

    @Override
    public LoginOutcome.Destination destination() {
      return new LoginOutcome.Destination(returnTo(), authorization());
    }

    @Override
    public AuditEvent.Builder event(String type) {
      ConnectorDescriptor descriptor = connector.descriptor();
      return forProduct(new Received(client).event(type).org(descriptor.org())
          .connector(descriptor.id().toString(), descriptor.kind().value()), authorization());
    }
  }

  /** Whom the IdP says the user is. */
  record Authenticated(ConnectorLoaded<?> loaded, Identity identity) implements LoginProgress {

    ConnectorDescriptor connector() {
      return loaded.connector().descriptor();
    }

    @Override
    public LoginOutcome.Destination destination() {
      return loaded.destination();
    }

    @Override
    public AuditEvent.Builder event(String type) {
      return loaded.event(type).email(identity.email().value()).subject(identity.subject());
    }
  }

  /** The directory's user that the identity names, allowed to sign in through this connector. */
  record Admitted(Authenticated authenticated, DirectoryUser user) implements LoginProgress {
    @Override
    public AuditEvent.Builder event(String type) {
      return authenticated.event(type).userId(user.id().toString());
    }

    @Override
    public LoginOutcome.Destination destination() {
      return authenticated.destination();
    }
  }

  /** A login for a product names the product's client id in its event's details. */
  private static AuditEvent.Builder forProduct(AuditEvent.Builder event, Optional<PendingAuthorization> authorization) {
    return authorization.map(pending -> event.details(new JsonObject().put("clientId", pending.clientId())))
        .orElse(event);
  }

  /** The session, created with its {@code login.succeeded} event, and where the browser goes. */
  record SessionCreated(Admitted admitted, String sessionCookie, String location) implements LoginProgress {
    @Override
    public AuditEvent.Builder event(String type) {
      return admitted.event(type);
    }

    @Override
    public LoginOutcome.Destination destination() {
      return admitted.destination();
    }
  }
}

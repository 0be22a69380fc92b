package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.html;
import static io.ssobroker.edge.internal.web.Responses.json;
import static io.ssobroker.edge.internal.web.Responses.unavailable;
import static io.ssobroker.edge.internal.web.Responses.wantsJson;

import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.web.Pages.Notice;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.http.BoundedBody;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.OrgSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code POST /password/forgot} (form {@code email}): an SSO user has no password here, so for a domain with an active
 * connector the answer names the org's identity provider, where the password is reset; nothing is sent to anyone.
 * Any other domain answers {@code {"sso": false}} (or a page saying so), and the product's own reset goes on. The
 * answer depends on the domain only, never on whether the user exists.
 */
final class ForgotPassword {

  private final CachedRegistry registry;

  ForgotPassword(CachedRegistry registry) {
    this.registry = registry;
  }

  void handle(RoutingContext routing) {
    Optional<EmailAddress> email = EmailAddress.parse(BoundedBody.form(routing).get("email"));
    if (email.isEmpty()) {
      if (wantsJson(routing)) {
        json(routing, 400, new JsonObject().put("error", "invalid_email")
            .put("message", Texts.ENGLISH.text("sign_in.invalid_email")));
      } else {
        html(routing, 400, Pages.message(Texts.of(routing.request()), Notice.FORGOT_INVALID_EMAIL));
      }
      return;
    }
    registry.activeConnectorForDomain(email.get().domain())
        .compose(connector -> connector.isEmpty()
            ? Future.succeededFuture(Optional.<Answer>empty())
            : registry.org(connector.get().org()).map(org -> Optional.of(new Answer(connector.get(), org))))
        .onComplete(found -> {
          if (found.failed()) {
            unavailable(routing, found.cause());
          } else if (found.result().isEmpty()) {
            notSso(routing, email.get());
          } else {
            managedByIdp(routing, found.result().get());
          }
        });
  }

  private record Answer(ConnectorDescriptor connector, Optional<OrgSummary> org) {

    String orgName() {
      return org.map(OrgSummary::name).filter(name -> !name.isBlank()).orElse(connector.org());
    }

    /** The product people know: "Microsoft Entra ID", "Okta"; a generic connector goes by its display name. */
    String identityProvider() {
      ConnectorKind kind = connector.kind();
      return kind == ConnectorKind.OIDC || kind == ConnectorKind.SAML ? connector.displayName() : kind.label();
    }

    /** The notice's values: the org's name, then its identity provider's. */
    String[] values() {
      return new String[] {orgName(), identityProvider()};
    }
  }

  private static void managedByIdp(RoutingContext routing, Answer answer) {
    if (wantsJson(routing)) {
      json(routing, 200, new JsonObject().put("sso", true).put("org", answer.connector().org())
          .put("orgName", answer.orgName()).put("identityProvider", answer.identityProvider())
          .put("message", Texts.ENGLISH.text(Notice.PASSWORD_AT_IDP.text(), answer.values())));
    } else {
      html(routing, 200, Pages.message(Texts.of(routing.request()), Notice.PASSWORD_AT_IDP, answer.values()));
    }
  }

  private static void notSso(RoutingContext routing, EmailAddress email) {
    if (wantsJson(routing)) {
      json(routing, 200, new JsonObject().put("sso", false));
    } else {
      html(routing, 200, Pages.message(Texts.of(routing.request()), Notice.PASSWORD_NOT_SSO, email.domain()));
    }
  }
}

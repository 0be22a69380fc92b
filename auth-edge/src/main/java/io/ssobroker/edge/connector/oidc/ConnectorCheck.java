package io.ssobroker.edge.connector.oidc;

import io.ssobroker.edge.idp.IdpHttp;
import io.ssobroker.platform.connector.IdpAuthorities;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.connector.SamlSettings;
import io.ssobroker.edge.connector.saml.SamlConnectorCheck;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A connector's preflight, without logging anyone in (SAML connectors: {@link SamlConnectorCheck}): the discovery document is fetched, its issuer compared with the
 * configured one, the signing keys fetched, the secret's expiry looked at. Everything is fetched afresh, not taken from
 * the login caches. Each check passes or fails with a message an administrator can act on.
 */
public final class ConnectorCheck {

  private final IdpHttp http;
  private final OidcProviders providers;
  private final IdpAuthorities authorities;
  private final URI redirectUri;
  private final Clock clock;
  private final SamlConnectorCheck saml;

  public ConnectorCheck(IdpHttp http, OidcProviders providers, IdpAuthorities authorities, URI redirectUri, Clock clock,
      SamlConnectorCheck saml) {
    this.saml = saml;
    this.http = http;
    this.providers = providers;
    this.authorities = authorities;
    this.redirectUri = redirectUri;
    this.clock = clock;
  }

  public Future<JsonObject> run(ConnectorDescriptor connector) {
    JsonObject report = new JsonObject().put("connectorId", connector.id().toString())
        .put("redirectUri", redirectUri.toString());
    JsonArray checks = new JsonArray();
    report.put("checks", checks);
    if (connector.settings() instanceof SamlSettings samlSettings) {
      report.remove("redirectUri");
      return saml.run(samlSettings, report).map(ConnectorCheck::summarize);
    }
    if (!(connector.settings() instanceof OidcClientSettings settings)) {
      checks.add(check("kind", false, "this kind of connector cannot be checked by this version of the broker"));
      return Future.succeededFuture(summarize(report));
    }
    secretExpiry(settings, checks);
    URI discovery = settings.discoveryUrl(authorities);
    OidcProvider fresh = new OidcProvider(discovery, http, clock);
    return fresh.metadata()
        .compose(metadata -> {
          checks.add(check("discovery", true, "discovery document fetched from " + discovery));
          String expected = providers.expectedIssuer(settings);
          boolean issuerMatches = metadata.issuer().equals(expected);
          checks.add(check("issuer", issuerMatches, issuerMatches ? "issuer is " + expected
              : "the IdP says its issuer is " + metadata.issuer() + ", but this connector expects " + expected));
          return fresh.fetchKeys(metadata)
              .map(keys -> checks.add(check("jwks", !keys.isEmpty(), keys.isEmpty()
                  ? "the key set at " + metadata.jwksUri() + " holds no usable signing key"
                  : keys.size() + " signing keys published at " + metadata.jwksUri())))
              .otherwise(failure -> checks.add(check("jwks", false, "cannot fetch the key set at " + metadata.jwksUri()
                  + ": " + failure.getMessage())));
        })
        .otherwise(failure -> checks.add(check("discovery", false, "cannot fetch the discovery document at "
            + discovery + ": " + failure.getMessage())))
        .map(done -> summarize(report));
  }

  private void secretExpiry(OidcClientSettings settings, JsonArray checks) {
    settings.clientSecretExpiresAt().ifPresent(expires -> {
      long daysLeft = ChronoUnit.DAYS.between(LocalDate.now(clock), expires);
      checks.add(check("clientSecret", daysLeft >= 0, daysLeft >= 0
          ? "the client secret expires on " + expires + " (" + daysLeft + " days left)"
          : "the client secret expired on " + expires + "; create a new one at the IdP"));
    });
  }

  private static JsonObject summarize(JsonObject report) {
    boolean passed = report.getJsonArray("checks").stream().allMatch(c -> "pass".equals(((JsonObject) c).getString("status")));
    return report.put("status", passed ? "pass" : "fail");
  }

  private static JsonObject check(String name, boolean passed, String message) {
    return new JsonObject().put("name", name).put("status", passed ? "pass" : "fail").put("message", message);
  }
}

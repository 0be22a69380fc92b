package io.ssobroker.edge.internal.connector.oidc;

import io.ssobroker.edge.connector.LoginReason;
import io.ssobroker.edge.internal.connector.CallbackParameters;
import io.ssobroker.edge.internal.connector.CheckReport;
import io.ssobroker.edge.internal.connector.Identity;
import io.ssobroker.edge.internal.connector.LoginFailure;
import io.ssobroker.edge.internal.connector.LoginSecrets;
import io.ssobroker.edge.internal.connector.RedirectConnector;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.connector.OidcClientSettings;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A connector to an OpenID Provider, whatever its kind: the authorization code flow with PKCE S256 and a nonce, the
 * callback's {@code iss} checked before the code goes anywhere, the code exchanged once, the ID token verified, and
 * its claims mapped to an {@link Identity}. What differs between kinds is the {@link OidcProfile}.
 */
public final class OidcConnector implements RedirectConnector {

  private final ConnectorDescriptor descriptor;
  private final OidcClientSettings client;
  private final OidcProfile profile;
  private final OidcProtocol protocol;

  public OidcConnector(ConnectorDescriptor descriptor, OidcClientSettings client, OidcProfile profile,
      OidcProtocol protocol) {
    this.descriptor = descriptor;
    this.client = client;
    this.profile = profile;
    this.protocol = protocol;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public LoginSecrets newSecrets() {
    return new LoginSecrets(Tokens.random(), Tokens.random());
  }

  @Override
  public Future<URI> begin(LoginSecrets secrets, String sealedState, Optional<EmailAddress> loginHint) {
    return protocol.providers().metadata(profile).map(provider -> AuthorizationRedirect.url(provider, client, profile,
        protocol.redirectUri(), sealedState, secrets, loginHint));
  }

  /** {@code checkIssuerParameter -> exchangeCode -> verifyIdToken -> mapClaims}. */
  @Override
  public Future<Identity> complete(CallbackParameters callback, LoginSecrets secrets) {
    return protocol.providers().metadata(profile)
        .compose(provider -> checkIssuerParameter(callback, provider))
        .compose(provider -> exchangeCode(callback, provider, secrets)
            .compose(idToken -> protocol.idTokens().verify(idToken, protocol.providers().of(profile).keys(provider),
                client.clientId(), profile, provider, secrets.nonce())))
        .map(verified -> OidcClaims.identity(verified, descriptor.claimMapping(), profile));
  }

  /**
   * RFC 9207: an {@code iss} on the callback must be one this connector's IdP answers with; an IdP that promises it
   * must send it. Checked before the code goes anywhere, which defeats mix-up attacks.
   */
  private Future<ProviderMetadata> checkIssuerParameter(CallbackParameters callback, ProviderMetadata provider) {
    if (callback.issuer().isPresent() && !profile.callbackIssuers(provider).contains(callback.issuer().get())) {
      return Future.failedFuture(LoginFailure.of(LoginReason.CALLBACK_ISSUER_MISMATCH));
    }
    if (callback.issuer().isEmpty() && provider.issParameterSupported()) {
      return Future.failedFuture(LoginFailure.of(LoginReason.CALLBACK_ISSUER_MISSING));
    }
    return Future.succeededFuture(provider);
  }

  private Future<String> exchangeCode(CallbackParameters callback, ProviderMetadata provider, LoginSecrets secrets) {
    if (callback.error().isPresent()) {
      return Future.failedFuture(LoginFailure.of("access_denied".equals(callback.error().get())
          ? LoginReason.ACCESS_DENIED : LoginReason.IDP_ERROR));
    }
    if (callback.code().isEmpty()) {
      return Future.failedFuture(LoginFailure.of(LoginReason.MISSING_CODE));
    }
    return protocol.tokens().idToken(provider, client, protocol.redirectUri(), callback.code().get(),
        secrets.pkceVerifier());
  }

  /**
   * The preflight, fetched afresh rather than from the login caches: the discovery document and its issuer, the
   * signing keys, the secret's expiry, and the redirect URI to register at the IdP.
   */
  @Override
  public Future<JsonObject> check() {
    CheckReport report = new CheckReport(descriptor).put("redirectUri", protocol.redirectUri().toString());
    client.clientSecretExpiresAt().ifPresent(expires -> {
      long daysLeft = ChronoUnit.DAYS.between(LocalDate.now(protocol.clock()), expires);
      report.check("clientSecret", daysLeft >= 0, daysLeft >= 0
          ? "the client secret expires on " + expires + " (" + daysLeft + " days left)"
          : "the client secret expired on " + expires + "; create a new one at the IdP");
    });
    URI discovery = profile.discoveryUrl();
    OidcProvider fresh = new OidcProvider(discovery, protocol.providers().http(), protocol.clock());
    return fresh.metadata()
        .compose(metadata -> {
          report.check("discovery", true, "discovery document fetched from " + discovery);
          String expected = profile.discoveryIssuer();
          boolean issuerMatches = metadata.issuer().equals(expected);
          report.check("issuer", issuerMatches, issuerMatches ? "issuer is " + expected
              : "the IdP says its issuer is " + metadata.issuer() + ", but this connector expects " + expected);
          return fresh.fetchKeys(metadata)
              .map(keys -> report.check("jwks", !keys.isEmpty(), keys.isEmpty()
                  ? "the key set at " + metadata.jwksUri() + " holds no usable signing key"
                  : keys.size() + " signing keys published at " + metadata.jwksUri()))
              .otherwise(failure -> report.check("jwks", false, "cannot fetch the key set at " + metadata.jwksUri()
                  + ": " + failure.getMessage()));
        })
        .otherwise(failure -> report.check("discovery", false, "cannot fetch the discovery document at "
            + discovery + ": " + failure.getMessage()))
        .map(done -> report.toJson());
  }
}

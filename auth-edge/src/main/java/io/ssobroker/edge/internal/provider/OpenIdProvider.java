package io.ssobroker.edge.internal.provider;

import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.idp.IdpHttp;
import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.edge.internal.session.SessionEndings;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.directory.DirectoryClient;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The broker as its products' OpenID Provider (SPEC section 11): what one edge process shares (the signing keys, the
 * code and token stores), and the parts each public listener serves them through.
 */
public final class OpenIdProvider {

  /** A retired key stays published this long: the longest a token may live, and a margin for clocks. */
  private static final Duration RETIRED_KEY_PUBLISHED = ClientDefinition.MAX_TOKEN_LIFETIME.plusMinutes(5);

  /** What a public listener serves the provider with. */
  public record ListenerParts(ProductLogins productLogins, Authorizations authorizations, ProviderRoutes routes,
      EndSessions endSessions) {}

  private final ProviderEndpoints endpoints;
  private final ProviderKeys keys;
  private final AuthorizationCodes codes;
  private final IssuedTokens issued;
  private final TokenMinter minter;
  private final BackChannelLogouts backChannel;
  private final SessionEndings endings;
  private final Clock clock;

  private OpenIdProvider(ProviderEndpoints endpoints, ProviderKeys keys, AuthorizationCodes codes,
      IssuedTokens issued, TokenMinter minter, BackChannelLogouts backChannel, SessionEndings endings, Clock clock) {
    this.endpoints = endpoints;
    this.keys = keys;
    this.codes = codes;
    this.issued = issued;
    this.minter = minter;
    this.backChannel = backChannel;
    this.endings = endings;
    this.clock = clock;
  }

  /**
   * Makes the signing keys if no edge has yet, loads them, and starts delivering back-channel logouts (at once
   * whenever {@code endings} ends a session that products hold tokens of).
   */
  public static Future<OpenIdProvider> start(Vertx vertx, Pool pool, SqlClient requests, SecretSealer sealer,
      EdgeAuditTrail audit, SessionEndings endings, RegistryClient registry, IdpHttp http, URI publicBaseUrl,
      Clock clock) {
    ProviderKeys keys = new ProviderKeys(new SigningKeyStore(vertx, pool, sealer, clock, RETIRED_KEY_PUBLISHED));
    ProviderEndpoints endpoints = ProviderEndpoints.under(publicBaseUrl);
    TokenMinter minter = new TokenMinter(endpoints.issuer(), keys);
    BackChannelLogouts backChannel = new BackChannelLogouts(vertx, pool, registry, minter, http, clock);
    OpenIdProvider provider = new OpenIdProvider(endpoints, keys, new AuthorizationCodes(requests, pool, clock),
        new IssuedTokens(requests, pool, audit.outbox(), clock), minter, backChannel, endings, clock);
    return keys.start().map(started -> {
      endings.whenProductsToTell(count -> backChannel.nudge());
      backChannel.start();
      return provider;
    });
  }

  public void stop() {
    backChannel.stop();
  }

  public ListenerParts forListener(CachedRegistry registry, ActiveSessions sessions, DirectoryClient directory,
      EdgeAuditTrail audit, Function<RoutingContext, ClientInfo> callers) {
    ProductLogins productLogins = new ProductLogins(registry, codes, endpoints.issuer());
    Authorizations authorizations = new Authorizations(new AuthorizationRequests(registry, endpoints.authorize(), clock),
        sessions, registry, productLogins, audit, endpoints.issuer(), clock);
    ClientCredentials credentials = new ClientCredentials(registry);
    AccessTokens accessTokens = new AccessTokens(endpoints.issuer(), keys, clock);
    TokenGrants tokens = new TokenGrants(credentials, codes, issued, minter, sessions, audit, clock);
    UserInfoAnswers userInfo = new UserInfoAnswers(accessTokens, issued, sessions);
    TokenIntrospection introspection = new TokenIntrospection(credentials, accessTokens, issued, sessions, directory,
        endpoints.issuer());
    TokenRevocation revocation = new TokenRevocation(credentials, accessTokens, issued);
    return new ListenerParts(productLogins, authorizations, new ProviderRoutes(endpoints, keys, tokens, userInfo,
        introspection, revocation, callers), new EndSessions(endpoints.issuer(), keys, registry, endings));
  }

  public ProviderEndpoints endpoints() {
    return endpoints;
  }

  /** The JWKS document, as {@code /oauth2/jwks} serves it. */
  public String jwks() {
    return keys.jwks();
  }

  /** The next keys sign from now on; answers what is published. */
  public Future<JsonObject> rotateKeys() {
    return keys.rotate();
  }

  /** Another edge may have rotated the keys. */
  public Future<Void> reloadKeys() {
    return keys.reload();
  }

  public Future<Void> purgeExpired() {
    return codes.purgeExpired().compose(done -> issued.purgeExpired());
  }
}

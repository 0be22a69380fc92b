package io.ssobroker.edge.testidp;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A programmable OpenID Connect provider for tests: a real HTTP server on 127.0.0.1 and a free
 * port, serving discovery, JWKS, an authorization endpoint that logs the configured user in at once,
 * and a token endpoint for the authorization code grant with PKCE S256 and client secrets.
 *
 * <p>Every knob applies to the requests that follow until it is changed or {@link #reset()}.
 * All methods are thread-safe. The blocking ones ({@code start}, {@link #close()},
 * {@link #refuseConnections(boolean)}, {@link #reset()}) must not be called on an event loop.
 */
public final class TestIdp implements AutoCloseable {

  public static final String DEFAULT_SUBJECT = "user-1";
  public static final String INITIAL_KID = "key-1";

  private static final String HOST = "127.0.0.1";
  private static final long BLOCKING_TIMEOUT_SECONDS = 10;
  private static final long TOKEN_BODY_LIMIT = 64 * 1024;
  private static final String GARBAGE_KID = "unparseable-1";
  private static final int MAX_HISTORY = 10_000;
  private static final int MAX_CODES = 10_000;

  private final Vertx vertx;
  private final String pathPrefix;
  private final Router router;
  private final SigningKey initialKey;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final AtomicInteger discoveryFetches = new AtomicInteger();
  private volatile int port;

  /** Guards everything below; held briefly, never while blocking. */
  private final Object lock = new Object();
  private HttpServer server;
  private boolean closed;
  private final Map<String, String> clients = new LinkedHashMap<>();
  // Bounded, so that a benchmark's millions of logins do not fill the heap: codes until redeemed, then only their
  // value, and the newest requests.
  private final Map<String, IssuedCode> codes = newestOf(MAX_CODES);
  private final Set<String> redeemedCodes = Collections.newSetFromMap(newestOf(MAX_CODES));
  private final Deque<AuthorizationRequest> authorizations = new ArrayDeque<>();
  private final Deque<TokenRequest> tokenRequests = new ArrayDeque<>();
  private int historyLimit = MAX_HISTORY;
  private int authorizationCount;
  private int tokenRequestCount;
  private final Map<String, SigningKey> publishedKeys = new LinkedHashMap<>();
  private SigningKey currentKey;
  private Knobs knobs = new Knobs();

  /** The knobs that {@link #reset()} restores, all at their defaults. */
  private static final class Knobs {
    boolean issParameterSupported;
    String discoveryIssuer;
    String sendIssParameter;
    AuthorizationError nextAuthorizationError;
    String subject = DEFAULT_SUBJECT;
    Map<String, Object> userClaims = Map.of();
    SigningKey signWith;
    boolean algNone;
    boolean hmacWithPublicKey;
    final Map<String, Object> extraHeaders = new LinkedHashMap<>();
    final Map<String, Object> claimOverrides = new LinkedHashMap<>();
    final Set<String> removedClaims = new LinkedHashSet<>();
    Duration clockOffset = Duration.ZERO;
    TokenAnswer cannedTokenAnswer;
    Duration tokenDelay = Duration.ZERO;
    boolean jwksAvailable = true;
    boolean unparseableJwk;
    boolean entraMultiTenant;
    JsonObject vendorDiscovery;
  }

  private TestIdp(Vertx vertx, String pathPrefix) {
    this.vertx = vertx;
    this.pathPrefix = pathPrefix;
    this.initialKey = SigningKey.rsa(INITIAL_KID);
    this.currentKey = initialKey;
    this.publishedKeys.put(initialKey.kid(), initialKey);
    this.router = Router.router(vertx);
    router.get(pathPrefix + "/.well-known/openid-configuration").handler(this::discovery);
    router.get(pathPrefix + "/jwks").handler(this::jwks);
    router.get(pathPrefix + "/authorize").handler(new AuthorizationEndpoint(this));
    router.post(pathPrefix + "/token")
        .handler(BodyHandler.create(false).setBodyLimit(TOKEN_BODY_LIMIT))
        .handler(new TokenEndpoint(this, vertx));
  }

  // ---------------------------------------------------------------- lifecycle and addresses

  /** Starts an IdP whose issuer is {@code http://127.0.0.1:<port>}; returns once it listens. */
  public static TestIdp start(Vertx vertx) {
    return start(vertx, "");
  }

  /** Starts an IdP whose issuer is {@code http://127.0.0.1:<port><pathPrefix>}, e.g. "/tenant-a". */
  public static TestIdp start(Vertx vertx, String pathPrefix) {
    TestIdp idp = new TestIdp(Objects.requireNonNull(vertx, "vertx"), normalizePrefix(pathPrefix));
    idp.listen(0);
    return idp;
  }

  @Override
  public synchronized void close() {
    HttpServer listening;
    synchronized (lock) {
      closed = true;
      listening = server;
      server = null;
    }
    if (listening != null) {
      block(listening.close());
    }
  }

  public String baseUrl() {
    return "http://" + HOST + ":" + port;
  }

  public String issuer() {
    return baseUrl() + pathPrefix;
  }

  public String discoveryUrl() {
    return issuer() + "/.well-known/openid-configuration";
  }

  public String authorizationEndpoint() {
    return issuer() + "/authorize";
  }

  public String tokenEndpoint() {
    return issuer() + "/token";
  }

  public String jwksUri() {
    return issuer() + "/jwks";
  }

  public int port() {
    return port;
  }

  // ---------------------------------------------------------------- clients and user

  /** Registers a client (several allowed); registering an id again replaces its secret. */
  public TestIdp client(String clientId, String clientSecret) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    synchronized (lock) {
      clients.put(clientId, clientSecret);
    }
    return this;
  }

  /**
   * The user of the next logins: the subject and the extra ID-token claims (email, email_verified,
   * name, hd, tid...). They never replace the protocol claims; {@link #claimOverrides} does that.
   */
  public TestIdp user(String subject, Map<String, Object> claims) {
    Objects.requireNonNull(subject, "subject");
    Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    synchronized (lock) {
      knobs.subject = subject;
      knobs.userClaims = copy;
    }
    return this;
  }

  // ---------------------------------------------------------------- discovery and authorization

  /** Advertises {@code authorization_response_iss_parameter_supported} and sends {@code iss} (RFC 9207). */
  /**
   * Keeps only the newest {@code requests} authorization and token requests for inspection (10,000 by default). A
   * benchmark keeps few: every request kept lives for seconds, and copying them makes the garbage collector's pauses
   * long, which the measured logins would wait out.
   */
  public TestIdp historyLimit(int requests) {
    synchronized (lock) {
      historyLimit = requests;
      while (authorizations.size() > requests) {
        authorizations.removeFirst();
      }
      while (tokenRequests.size() > requests) {
        tokenRequests.removeFirst();
      }
    }
    return this;
  }

  public TestIdp issParameterSupported(boolean supported) {
    synchronized (lock) {
      knobs.issParameterSupported = supported;
    }
    return this;
  }

  /** The issuer written in the discovery document only (the real one is unchanged); null restores it. */
  public TestIdp discoveryIssuer(String issuer) {
    synchronized (lock) {
      knobs.discoveryIssuer = issuer;
    }
    return this;
  }

  /**
   * Answers discovery with a vendor's recorded document: its issuer and the endpoints this IdP serves (authorization,
   * token, keys) are this IdP's, every other field as the vendor publishes it; null restores the plain document.
   */
  public TestIdp vendorDiscovery(JsonObject recorded) {
    synchronized (lock) {
      knobs.vendorDiscovery = recorded == null ? null : recorded.copy();
    }
    return this;
  }

  /** Sends {@code iss=value} on authorization responses, e.g. another IdP's issuer; null stops it. */
  public TestIdp sendIssParameter(String value) {
    synchronized (lock) {
      knobs.sendIssParameter = value;
    }
    return this;
  }

  /** The next authorization request, once its client and redirect URI are valid, gets this error. */
  public TestIdp nextAuthorizationError(String error, String description) {
    Objects.requireNonNull(error, "error");
    synchronized (lock) {
      knobs.nextAuthorizationError = new AuthorizationError(error, description);
    }
    return this;
  }

  /**
   * Entra-like multi-tenant metadata: the discovery issuer becomes the literal
   * {@code http://127.0.0.1:<port>/{tenantid}/v2.0} and each ID token's {@code iss} is
   * {@code http://127.0.0.1:<port>/<tid>/v2.0}, from the user's {@code tid} claim (required).
   * Use with {@code start(vertx, "/organizations/v2.0")}.
   */
  public TestIdp entraMultiTenant(boolean enabled) {
    synchronized (lock) {
      knobs.entraMultiTenant = enabled;
    }
    return this;
  }

  // ---------------------------------------------------------------- keys and JWKS

  /** Signs the following ID tokens with this key, published or not; null restores the current key. */
  public TestIdp signWith(SigningKey key) {
    synchronized (lock) {
      knobs.signWith = key;
    }
    return this;
  }

  /** A new RSA key becomes the current one, the only one in the JWKS. */
  public TestIdp rotateKey(String newKid) {
    return rotateKey(SigningKey.rsa(newKid));
  }

  /** This key becomes the current one, the only one in the JWKS. */
  public TestIdp rotateKey(SigningKey next) {
    Objects.requireNonNull(next, "next");
    synchronized (lock) {
      currentKey = next;
      publishedKeys.clear();
      publishedKeys.put(next.kid(), next);
    }
    return this;
  }

  /** Adds a key to the JWKS without signing with it. */
  public TestIdp publishKey(SigningKey key) {
    Objects.requireNonNull(key, "key");
    synchronized (lock) {
      publishedKeys.put(key.kid(), key);
    }
    return this;
  }

  /** Removes a key from the JWKS; the current key keeps signing even when removed. */
  public TestIdp unpublishKey(String kid) {
    synchronized (lock) {
      publishedKeys.remove(kid);
    }
    return this;
  }

  /** Adds to the JWKS one key object that no JOSE library can parse (an EC point off the curve). */
  public TestIdp addUnparseableJwk(boolean add) {
    synchronized (lock) {
      knobs.unparseableJwk = add;
    }
    return this;
  }

  /** When false, the JWKS endpoint answers 503. */
  public TestIdp jwksAvailable(boolean available) {
    synchronized (lock) {
      knobs.jwksAvailable = available;
    }
    return this;
  }

  public SigningKey currentKey() {
    synchronized (lock) {
      return currentKey;
    }
  }

  /** The public JWK of the current key, which must be an RSA key. */
  public RSAKey currentPublicJwk() {
    JWK jwk = currentKey().publicJwk();
    if (!(jwk instanceof RSAKey rsa)) {
      throw new IllegalStateException("the current key is not an RSA key: " + jwk.getKeyID());
    }
    return rsa;
  }

  /** The public keys that the JWKS endpoint serves now (without the unparseable one). */
  public JWKSet publishedJwks() {
    synchronized (lock) {
      return new JWKSet(publishedKeys.values().stream().map(SigningKey::publicJwk).toList());
    }
  }

  // ---------------------------------------------------------------- ID token shape

  /** An unsigned ID token: header {@code alg: none}, empty signature. */
  public TestIdp algNone(boolean enabled) {
    synchronized (lock) {
      knobs.algNone = enabled;
    }
    return this;
  }

  /** An ID token signed HS256 with the current public key's X.509 DER bytes as the secret. */
  public TestIdp hmacWithPublicKey(boolean enabled) {
    synchronized (lock) {
      knobs.hmacWithPublicKey = enabled;
    }
    return this;
  }

  /**
   * Sets a JWS header parameter such as jku, x5u or jwk (a {@link SigningKey} or {@link JWK} value is
   * written as its public JWK, a URI as a string); it may also replace alg, kid or typ. A null
   * value removes the parameter.
   */
  public TestIdp extraHeader(String name, Object value) {
    Objects.requireNonNull(name, "name");
    synchronized (lock) {
      knobs.extraHeaders.put(name, value);
    }
    return this;
  }

  /**
   * Sets or replaces ID-token claims (iss, aud as a string or a list, azp, exp, nonce...), added to
   * the overrides already set. An {@link Instant} is written as epoch seconds, a null as JSON null.
   */
  public TestIdp claimOverrides(Map<String, Object> overrides) {
    synchronized (lock) {
      knobs.claimOverrides.putAll(overrides);
      knobs.removedClaims.removeAll(overrides.keySet());
    }
    return this;
  }

  /** Leaves these claims out of the ID token (sub, iat, aud, nonce, email...). */
  public TestIdp removeClaims(String... names) {
    List<String> removed = Arrays.asList(names);
    synchronized (lock) {
      knobs.removedClaims.addAll(removed);
      removed.forEach(knobs.claimOverrides::remove);
    }
    return this;
  }

  /** Shifts iat, exp and auth_time as if the IdP's clock were ahead (positive) or behind. */
  public TestIdp clockOffset(Duration offset) {
    Objects.requireNonNull(offset, "offset");
    synchronized (lock) {
      knobs.clockOffset = offset;
    }
    return this;
  }

  // ---------------------------------------------------------------- token endpoint faults

  /** Answers the token requests with exactly this, without checking them; contentType may be null. */
  public TestIdp tokenResponse(int status, String contentType, String body) {
    Buffer bytes = Buffer.buffer(Objects.requireNonNullElse(body, ""), "UTF-8");
    TokenAnswer canned = TokenAnswer.canned(status, contentType, bytes);
    synchronized (lock) {
      knobs.cannedTokenAnswer = canned;
    }
    return this;
  }

  /** Answers the token requests with a 200 application/json body of exactly this many MiB, with a Content-Length. */
  public TestIdp hugeTokenResponse(int megabytes) {
    return hugeTokenResponse(megabytes, false);
  }

  /** The same, {@code chunked} without a Content-Length, so that only the bytes read tell its size. */
  public TestIdp hugeTokenResponse(int megabytes, boolean chunked) {
    if (megabytes < 1 || megabytes > 1024) {
      throw new IllegalArgumentException("megabytes must be between 1 and 1024: " + megabytes);
    }
    Buffer body = hugeJson(megabytes * 1024 * 1024);
    TokenAnswer canned = chunked ? TokenAnswer.cannedChunked(200, "application/json", body)
        : TokenAnswer.canned(200, "application/json", body);
    synchronized (lock) {
      knobs.cannedTokenAnswer = canned;
    }
    return this;
  }

  /** Stops {@link #tokenResponse} and {@link #hugeTokenResponse}: the token endpoint works again. */
  public TestIdp realTokenResponses() {
    synchronized (lock) {
      knobs.cannedTokenAnswer = null;
    }
    return this;
  }

  /** Answers the token endpoint after this delay (a timer; the event loop is never blocked). */
  public TestIdp tokenDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    synchronized (lock) {
      knobs.tokenDelay = delay;
    }
    return this;
  }

  /**
   * When true, stops listening and closes the open connections: new connections to the port are
   * refused (a client that reuses a pooled connection at that very moment may see it closed
   * instead). When false, listens again on the same port. Blocks until done.
   */
  public synchronized TestIdp refuseConnections(boolean refuse) {
    HttpServer toClose = null;
    boolean relisten = false;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the IdP is closed");
      }
      if (refuse && server != null) {
        toClose = server;
        server = null;
      } else if (!refuse && server == null) {
        relisten = true;
      }
    }
    if (toClose != null) {
      block(toClose.close());
    }
    if (relisten) {
      listen(port);
    }
    return this;
  }

  /**
   * Restores every knob to its default, the initial key as the only published and current key, the
   * default user, listening, and clears the recorded requests and counters. Clients stay
   * registered and issued codes stay valid.
   */
  public synchronized TestIdp reset() {
    synchronized (lock) {
      knobs = new Knobs();
      currentKey = initialKey;
      publishedKeys.clear();
      publishedKeys.put(initialKey.kid(), initialKey);
      authorizations.clear();
      tokenRequests.clear();
      authorizationCount = 0;
      tokenRequestCount = 0;
      jwksFetches.set(0);
      discoveryFetches.set(0);
    }
    return refuseConnections(false);
  }

  // ---------------------------------------------------------------- what the IdP received

  /** The last request to the authorization endpoint, valid or not; null when none came. */
  public AuthorizationRequest lastAuthorization() {
    synchronized (lock) {
      return authorizations.peekLast();
    }
  }

  /** The last 10,000 requests to the authorization endpoint, in order. */
  public List<AuthorizationRequest> authorizationRequests() {
    synchronized (lock) {
      return List.copyOf(authorizations);
    }
  }

  public int authorizationCount() {
    synchronized (lock) {
      return authorizationCount;
    }
  }

  /** The last 10,000 requests to the token endpoint, valid or not, in order. */
  public List<TokenRequest> tokenRequests() {
    synchronized (lock) {
      return List.copyOf(tokenRequests);
    }
  }

  public int tokenRequestCount() {
    synchronized (lock) {
      return tokenRequestCount;
    }
  }

  /** Requests to the JWKS endpoint, answered or not. */
  public int jwksFetchCount() {
    return jwksFetches.get();
  }

  public int discoveryFetchCount() {
    return discoveryFetches.get();
  }

  // ---------------------------------------------------------------- used by the endpoints

  private <T> void remember(Deque<T> history, T request) {
    history.addLast(request);
    if (history.size() > historyLimit) {
      history.removeFirst();
    }
  }

  private static <V> Map<String, V> newestOf(int max) {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  void recordAuthorization(AuthorizationRequest request) {
    synchronized (lock) {
      authorizationCount++;
      remember(authorizations, request);
    }
  }

  void recordTokenRequest(TokenRequest request) {
    synchronized (lock) {
      tokenRequestCount++;
      remember(tokenRequests, request);
    }
  }

  boolean isRegistered(String clientId) {
    synchronized (lock) {
      return clients.containsKey(clientId);
    }
  }

  boolean authenticates(String clientId, String secret) {
    String expected;
    synchronized (lock) {
      expected = clients.get(clientId);
    }
    return expected != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The pending error of {@link #nextAuthorizationError}, taken so that it applies once. */
  AuthorizationError takeAuthorizationError() {
    synchronized (lock) {
      AuthorizationError error = knobs.nextAuthorizationError;
      knobs.nextAuthorizationError = null;
      return error;
    }
  }

  /** The {@code iss} of authorization responses, or null when none is sent. */
  String authorizationResponseIss() {
    synchronized (lock) {
      if (knobs.sendIssParameter != null) {
        return knobs.sendIssParameter;
      }
      return knobs.issParameterSupported ? issuer() : null;
    }
  }

  /** A new single-use code bound to the request and to the current user. */
  String issueCode(AuthorizationRequest request) {
    String code = TokenEndpoint.randomToken();
    synchronized (lock) {
      codes.put(code, new IssuedCode(request.clientId(), request.redirectUri(), request.codeChallenge(),
          request.nonce(), knobs.subject, knobs.userClaims, Instant.now()));
    }
    return code;
  }

  /** Consumes a code for its own client; any attempt by that client uses it up. */
  IssuedCode redeem(String code, String clientId) {
    synchronized (lock) {
      if (redeemedCodes.contains(code)) {
        throw OAuthError.invalidGrant("the authorization code was already used");
      }
      IssuedCode issued = codes.get(code);
      if (issued == null) {
        throw OAuthError.invalidGrant("unknown authorization code");
      }
      if (!issued.clientId().equals(clientId)) {
        throw OAuthError.invalidGrant("the authorization code was issued to another client");
      }
      codes.remove(code);
      redeemedCodes.add(code);
      return issued;
    }
  }

  TokenAnswer cannedTokenAnswer() {
    synchronized (lock) {
      return knobs.cannedTokenAnswer;
    }
  }

  Duration currentTokenDelay() {
    synchronized (lock) {
      return knobs.tokenDelay;
    }
  }

  String mintIdToken(String clientId, IssuedCode issued) {
    TokenShape shape;
    boolean entra;
    synchronized (lock) {
      shape = new TokenShape(currentKey, knobs.signWith, knobs.algNone, knobs.hmacWithPublicKey,
          Collections.unmodifiableMap(new LinkedHashMap<>(knobs.extraHeaders)),
          Collections.unmodifiableMap(new LinkedHashMap<>(knobs.claimOverrides)),
          Set.copyOf(knobs.removedClaims), knobs.clockOffset);
      entra = knobs.entraMultiTenant;
    }
    String issuer = entra ? entraIssuer(issued) : issuer();
    return IdTokenFactory.create(issuer, clientId, issued, shape);
  }

  // ---------------------------------------------------------------- discovery and JWKS

  private void discovery(RoutingContext routing) {
    discoveryFetches.incrementAndGet();
    String advertisedIssuer;
    boolean issParameter;
    synchronized (lock) {
      if (knobs.discoveryIssuer != null) {
        advertisedIssuer = knobs.discoveryIssuer;
      } else {
        advertisedIssuer = knobs.entraMultiTenant ? baseUrl() + "/{tenantid}/v2.0" : issuer();
      }
      issParameter = knobs.issParameterSupported;
    }
    JsonObject vendor;
    synchronized (lock) {
      vendor = knobs.vendorDiscovery;
    }
    if (vendor != null) {
      json(routing, 200, vendor.copy().put("issuer", advertisedIssuer)
          .put("authorization_endpoint", authorizationEndpoint()).put("token_endpoint", tokenEndpoint())
          .put("jwks_uri", jwksUri()));
      return;
    }
    JsonObject document = new JsonObject()
        .put("issuer", advertisedIssuer)
        .put("authorization_endpoint", authorizationEndpoint())
        .put("token_endpoint", tokenEndpoint())
        .put("jwks_uri", jwksUri())
        .put("response_types_supported", new JsonArray().add("code"))
        .put("response_modes_supported", new JsonArray().add("query"))
        .put("grant_types_supported", new JsonArray().add("authorization_code"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256").add("ES256"))
        .put("token_endpoint_auth_methods_supported",
            new JsonArray().add("client_secret_basic").add("client_secret_post"))
        .put("code_challenge_methods_supported", new JsonArray().add("S256"))
        .put("scopes_supported", new JsonArray().add("openid").add("email").add("profile"));
    if (issParameter) {
      document.put("authorization_response_iss_parameter_supported", true);
    }
    json(routing, 200, document);
  }

  private void jwks(RoutingContext routing) {
    jwksFetches.incrementAndGet();
    JsonArray keys = new JsonArray();
    boolean available;
    synchronized (lock) {
      available = knobs.jwksAvailable;
      publishedKeys.values().forEach(key -> keys.add(new JsonObject(key.publicJwk().toJSONObject())));
      if (knobs.unparseableJwk) {
        keys.add(unparseableJwk());
      }
    }
    if (!available) {
      json(routing, 503, new JsonObject().put("error", "temporarily_unavailable"));
      return;
    }
    json(routing, 200, new JsonObject().put("keys", keys));
  }

  // ---------------------------------------------------------------- helpers

  private String entraIssuer(IssuedCode issued) {
    Object tid = issued.userClaims().get("tid");
    if (tid == null) {
      throw new IllegalStateException("entraMultiTenant needs a tid claim on the user");
    }
    return baseUrl() + "/" + tid + "/v2.0";
  }

  /** A well-formed JWK object whose EC point is not on P-256: it parses as JSON, never as a key. */
  private static JsonObject unparseableJwk() {
    return new JsonObject()
        .put("kty", "EC")
        .put("kid", GARBAGE_KID)
        .put("use", "sig")
        .put("alg", "ES256")
        .put("crv", "P-256")
        .put("x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .put("y", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE");
  }

  /** A valid JSON object of exactly {@code size} bytes: a few token fields and padding. */
  private static Buffer hugeJson(int size) {
    String head = "{\"access_token\":\"" + TokenEndpoint.randomToken() + "\",\"token_type\":\"Bearer\",\"padding\":\"";
    String tail = "\"}";
    int padding = Math.max(0, size - head.length() - tail.length());
    Buffer body = Buffer.buffer(size).appendString(head);
    byte[] chunk = new byte[Math.min(padding, 64 * 1024)];
    Arrays.fill(chunk, (byte) 'a');
    for (int left = padding; left > 0; left -= chunk.length) {
      body.appendBytes(chunk, 0, Math.min(chunk.length, left));
    }
    return body.appendString(tail);
  }

  private static void json(RoutingContext routing, int status, JsonObject body) {
    routing.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.toBuffer());
  }

  private void listen(int requestedPort) {
    HttpServer listening = block(vertx.createHttpServer()
        .requestHandler(router)
        .listen(requestedPort, HOST));
    synchronized (lock) {
      server = listening;
      port = listening.actualPort();
    }
  }

  private static String normalizePrefix(String pathPrefix) {
    if (pathPrefix == null || pathPrefix.isEmpty() || pathPrefix.equals("/")) {
      return "";
    }
    if (!pathPrefix.startsWith("/") || pathPrefix.contains("?") || pathPrefix.contains("#")) {
      throw new IllegalArgumentException("pathPrefix must be a path starting with /: " + pathPrefix);
    }
    return pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
  }

  private static <T> T block(Future<T> future) {
    try {
      return future.await(BLOCKING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException timeout) {
      throw new IllegalStateException("the test IdP did not answer in " + BLOCKING_TIMEOUT_SECONDS + " s", timeout);
    }
  }
}

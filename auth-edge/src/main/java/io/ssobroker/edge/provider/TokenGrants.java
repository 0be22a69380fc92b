package io.ssobroker.edge.provider;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.ssobroker.edge.EdgeAuditTrail;
import io.ssobroker.edge.login.CachedRegistry;
import io.ssobroker.edge.login.ClientInfo;
import io.ssobroker.edge.provider.AuthorizationCodes.Redemption;
import io.ssobroker.edge.provider.AuthorizationCodes.StoredCode;
import io.ssobroker.edge.provider.TokenMinter.Minted;
import io.ssobroker.edge.session.ActiveSessions;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint's {@code authorization_code} grant: {@code parse -> identifyClient -> authenticateClient ->
 * redeemCode -> checkCode -> checkUser -> issue}. Every request records one event: {@code token.issued}, {@code
 * token.failed} with its reason, or {@code token.reuse_detected} when a code comes back a second time (what the first
 * redemption issued is revoked then, RFC 6749 4.1.2). Answers a {@link TokenOutcome}, never a failed future.
 */
public final class TokenGrants {

  private static final Logger LOG = LoggerFactory.getLogger(TokenGrants.class);
  private static final String GRANT = "authorization_code";

  /** A request that stopped with this refusal; what it knew of the client and the code goes into the event. */
  private static final class Refused extends RuntimeException {
    private final TokenRefusal refusal;
    private final Optional<StoredCode> code;

    Refused(TokenRefusal refusal, Optional<StoredCode> code) {
      super(refusal.code(), null, false, false);
      this.refusal = refusal;
      this.code = code;
    }
  }

  /** A client that authenticated, and the grant it presented. */
  private record Authenticated(ClientDescriptor client, AuthorizationCodeGrant grant) {}

  private final CachedRegistry registry;
  private final AuthorizationCodes codes;
  private final IssuedTokens issued;
  private final TokenMinter minter;
  private final ActiveSessions sessions;
  private final EdgeAuditTrail audit;
  private final Clock clock;

  TokenGrants(CachedRegistry registry, AuthorizationCodes codes, IssuedTokens issued, TokenMinter minter,
      ActiveSessions sessions, EdgeAuditTrail audit, Clock clock) {
    this.registry = registry;
    this.codes = codes;
    this.issued = issued;
    this.minter = minter;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<TokenOutcome> exchange(HTTPRequest http, ClientInfo caller) {
    TokenRequest request;
    try {
      request = TokenRequest.parse(http);
    } catch (ParseException malformed) {
      TokenRefusal refusal = OAuth2Error.UNSUPPORTED_GRANT_TYPE.equals(malformed.getErrorObject())
          ? TokenRefusal.UNSUPPORTED_GRANT_TYPE
          : OAuth2Error.INVALID_CLIENT.equals(malformed.getErrorObject())
              ? TokenRefusal.CLIENT_AUTHENTICATION_FAILED : TokenRefusal.MALFORMED_REQUEST;
      return refused(Optional.empty(), new Refused(refusal, Optional.empty()), caller, false);
    } catch (RuntimeException unreadable) {
      return refused(Optional.empty(), new Refused(TokenRefusal.MALFORMED_REQUEST, Optional.empty()), caller, false);
    }
    boolean basic = request.getClientAuthentication() instanceof ClientSecretBasic;
    Optional<String> clientId = Optional.ofNullable(request.getClientAuthentication())
        .map(ClientAuthentication::getClientID).or(() -> Optional.ofNullable(request.getClientID()))
        .map(ClientID::getValue);
    Instant now = clock.instant();
    return identifyClient(clientId)
        .compose(client -> authenticateClient(client, request))
        .compose(authenticated -> redeemCode(authenticated)
            .compose(code -> checkCode(authenticated, code, now))
            .compose(code -> checkUser(authenticated.client(), code))
            .compose(code -> issue(authenticated.client(), code, now, caller)))
        .recover(failure -> refused(clientId, failure, caller, basic));
  }

  private Future<ClientDescriptor> identifyClient(Optional<String> clientId) {
    if (clientId.isEmpty() || !ClientDefinition.isValidClientId(clientId.get())) {
      return Future.failedFuture(new Refused(clientId.isEmpty() ? TokenRefusal.MALFORMED_REQUEST
          : TokenRefusal.UNKNOWN_CLIENT, Optional.empty()));
    }
    return registry.clientById(clientId.get())
        .recover(unavailable -> Future.failedFuture(new Refused(TokenRefusal.UNAVAILABLE, Optional.empty())))
        .map(found -> found.orElseThrow(() -> new Refused(TokenRefusal.UNKNOWN_CLIENT, Optional.empty())));
  }

  /** A confidential client proves itself with its secret; a public one has none, and proves the code with PKCE. */
  private static Future<Authenticated> authenticateClient(ClientDescriptor client, TokenRequest request) {
    ClientAuthentication authentication = request.getClientAuthentication();
    if (client.type() == ClientType.PUBLIC && authentication != null) {
      return refuse(TokenRefusal.PUBLIC_CLIENT_WITH_SECRET);
    }
    if (client.type() == ClientType.CONFIDENTIAL) {
      if (!(authentication instanceof PlainClientSecret secret)) {
        return refuse(TokenRefusal.CLIENT_AUTHENTICATION_REQUIRED);
      }
      if (!client.secretMatches(secret.getClientSecret().getValue())) {
        return refuse(TokenRefusal.CLIENT_AUTHENTICATION_FAILED);
      }
    }
    if (!(request.getAuthorizationGrant() instanceof AuthorizationCodeGrant grant)) {
      return refuse(TokenRefusal.UNSUPPORTED_GRANT_TYPE);
    }
    return Future.succeededFuture(new Authenticated(client, grant));
  }

  /** The code's single use; a second one revokes what the first was issued and is answered as a replay. */
  private Future<StoredCode> redeemCode(Authenticated authenticated) {
    String code = authenticated.grant().getAuthorizationCode().getValue();
    return codes.redeem(code)
        .recover(databaseDown -> Future.failedFuture(new Refused(TokenRefusal.UNAVAILABLE, Optional.empty())))
        .compose(redemption -> {
          if (redemption instanceof Redemption.First first) {
            return first.sessionLive() ? Future.succeededFuture(first.code())
                : Future.failedFuture(new Refused(TokenRefusal.SESSION_ENDED, Optional.of(first.code())));
          }
          if (redemption instanceof Redemption.Again again) {
            return revokeReplayed(again.code());
          }
          return refuse(TokenRefusal.UNKNOWN_CODE);
        });
  }

  private Future<StoredCode> revokeReplayed(StoredCode code) {
    return codes.markReplayed(code.hash())
        .compose(marked -> issued.revokeIssuedFor(code.hash()))
        .recover(databaseDown -> Future.failedFuture(new Refused(TokenRefusal.UNAVAILABLE, Optional.of(code))))
        .compose(revoked -> {
          LOG.warn("authorization code of client {} replayed: {} tokens it was redeemed for revoked", code.clientId(),
              revoked);
          return Future.failedFuture(new Refused(TokenRefusal.CODE_REUSED, Optional.of(code)));
        });
  }

  /** Bound to the client, the redirect URI and the PKCE challenge of its authorization request; short-lived. */
  private static Future<StoredCode> checkCode(Authenticated authenticated, StoredCode code, Instant now) {
    AuthorizationCodeGrant grant = authenticated.grant();
    Optional<TokenRefusal> refusal = Optional.empty();
    if (!code.clientId().equals(authenticated.client().clientId())) {
      refusal = Optional.of(TokenRefusal.CLIENT_MISMATCH);
    } else if (grant.getRedirectionURI() == null || !code.redirectUri().equals(grant.getRedirectionURI().toString())) {
      refusal = Optional.of(TokenRefusal.REDIRECT_URI_MISMATCH);
    } else if (!now.isBefore(code.expiresAt())) {
      refusal = Optional.of(TokenRefusal.CODE_EXPIRED);
    } else {
      refusal = pkceProblem(code.codeChallenge(), Optional.ofNullable(grant.getCodeVerifier()));
    }
    if (refusal.isEmpty() && !authenticated.client().allowsOrg(code.org())) {
      refusal = Optional.of(TokenRefusal.ORG_NOT_ALLOWED_FOR_CLIENT);
    }
    return refusal.isPresent() ? Future.failedFuture(new Refused(refusal.get(), Optional.of(code)))
        : Future.succeededFuture(code);
  }

  /** RFC 7636 4.6 with S256 only; a verifier for a code issued without a challenge is refused too (RFC 9700 2.1.1). */
  static Optional<TokenRefusal> pkceProblem(Optional<String> challenge, Optional<CodeVerifier> verifier) {
    if (challenge.isEmpty()) {
      return verifier.isPresent() ? Optional.of(TokenRefusal.PKCE_VERIFIER_UNEXPECTED) : Optional.empty();
    }
    if (verifier.isEmpty()) {
      return Optional.of(TokenRefusal.PKCE_VERIFIER_MISSING);
    }
    String computed = CodeChallenge.compute(CodeChallengeMethod.S256, verifier.get()).getValue();
    return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
        challenge.get().getBytes(StandardCharsets.US_ASCII))
        ? Optional.empty() : Optional.of(TokenRefusal.PKCE_VERIFIER_MISMATCH);
  }

  /** The user is still active, in the org and with the email the code was issued for. */
  private Future<StoredCode> checkUser(ClientDescriptor client, StoredCode code) {
    return sessions.stillHolds(code.userId(), code.org(), code.email())
        .recover(unavailable -> Future.failedFuture(new Refused(TokenRefusal.UNAVAILABLE, Optional.of(code))))
        .compose(holds -> holds ? Future.succeededFuture(code)
            : Future.failedFuture(new Refused(TokenRefusal.SESSION_ENDED, Optional.of(code))));
  }

  /** The tokens, recorded with their {@code token.issued} event; refused if a replay of the code got there first. */
  private Future<TokenOutcome> issue(ClientDescriptor client, StoredCode code, Instant now, ClientInfo caller) {
    Minted minted = minter.mint(client, code, now);
    AuditEvent event = event(AuditEvent.TOKEN_ISSUED, Optional.of(client.clientId()), Optional.of(code), caller)
        .build();
    return issued.record(minted.accessTokenId(), client.clientId(), code.userId(), code.sid(), code.hash(),
            minted.accessTokenExpiry(), event)
        .recover(databaseDown -> Future.failedFuture(new Refused(TokenRefusal.UNAVAILABLE, Optional.of(code))))
        .compose(recorded -> {
          if (!recorded) {
            return Future.failedFuture(new Refused(TokenRefusal.CODE_REUSED, Optional.of(code)));
          }
          audit.committed();
          return Future.succeededFuture(new TokenOutcome.Issued(new OIDCTokenResponse(minted.tokens())));
        });
  }

  private Future<TokenOutcome> refused(Optional<String> clientId, Throwable failure, ClientInfo caller,
      boolean basic) {
    Refused refused = failure instanceof Refused known ? known : new Refused(TokenRefusal.UNAVAILABLE, Optional.empty());
    if (!(failure instanceof Refused)) {
      LOG.warn("token request failed: {}", failure.toString());
    }
    String type = refused.refusal == TokenRefusal.CODE_REUSED && refused.code.isPresent()
        ? AuditEvent.TOKEN_REUSE_DETECTED : AuditEvent.TOKEN_FAILED;
    AuditEvent event = event(type, clientId, refused.code, caller).reason(refused.refusal.code()).build();
    LOG.info("token request refused: {} client={} reference={}", refused.refusal.code(),
        clientId.filter(ClientDefinition::isValidClientId).orElse("-"), event.id());
    return audit.record(event).recover(lost -> Future.succeededFuture())
        .map(recorded -> new TokenOutcome.Refused(refused.refusal, basic));
  }

  private static AuditEvent.Builder event(String type, Optional<String> clientId, Optional<StoredCode> code,
      ClientInfo caller) {
    JsonObject details = new JsonObject().put("grant", GRANT);
    clientId.filter(ClientDefinition::isValidClientId).ifPresent(id -> details.put("clientId", id));
    AuditEvent.Builder builder = AuditEvent.builder(type)
        .client(caller.ip(), caller.userAgent())
        .correlationId(caller.correlationId());
    code.ifPresent(known -> {
      builder.org(known.org()).email(known.email()).userId(known.userId().toString())
          .connector(null, known.connectorKind());
      details.put("sid", known.sid().toString());
    });
    return builder.details(details);
  }

  private static <T> Future<T> refuse(TokenRefusal refusal) {
    return Future.failedFuture(new Refused(refusal, Optional.empty()));
  }
}

package io.ssobroker.edge.internal.provider;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import io.ssobroker.edge.internal.EdgeAuditTrail;
import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.edge.internal.provider.AuthorizationCodes.Redemption;
import io.ssobroker.edge.internal.provider.AuthorizationCodes.StoredCode;
import io.ssobroker.edge.internal.provider.IssuedTokens.Rotation;
import io.ssobroker.edge.internal.provider.IssuedTokens.StoredRefresh;
import io.ssobroker.edge.internal.provider.TokenMinter.Grant;
import io.ssobroker.edge.internal.provider.TokenMinter.Minted;
import io.ssobroker.edge.internal.session.ActiveSessions;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint: {@code parse -> authenticateClient}, then for the {@code authorization_code} grant {@code
 * redeemCode -> checkCode -> checkUser -> issue}, and for the {@code refresh_token} grant {@code rotate ->
 * checkRefresh -> checkUser -> issue}. Every request records one event: {@code token.issued}, {@code token.refreshed},
 * {@code token.failed} with its reason, or {@code token.reuse_detected} when a code or a rotated refresh token comes
 * back (what it was worth is revoked then: RFC 6749 4.1.2, RFC 9700 4.14). Answers a {@link TokenOutcome}, never a
 * failed future.
 */
final class TokenGrants {

  private static final Logger LOG = LoggerFactory.getLogger(TokenGrants.class);
  private static final String CODE_GRANT = "authorization_code";
  private static final String REFRESH_GRANT = "refresh_token";

  private final ClientCredentials credentials;
  private final AuthorizationCodes codes;
  private final IssuedTokens issued;
  private final TokenMinter minter;
  private final ActiveSessions sessions;
  private final EdgeAuditTrail audit;
  private final Clock clock;

  TokenGrants(ClientCredentials credentials, AuthorizationCodes codes, IssuedTokens issued, TokenMinter minter,
      ActiveSessions sessions, EdgeAuditTrail audit, Clock clock) {
    this.credentials = credentials;
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
      return refused(CODE_GRANT, Optional.empty(), new GrantRefused(refusal), caller, false);
    } catch (RuntimeException unreadable) {
      return refused(CODE_GRANT, Optional.empty(), new GrantRefused(TokenRefusal.MALFORMED_REQUEST), caller, false);
    }
    boolean basic = request.getClientAuthentication() instanceof ClientSecretBasic;
    Optional<String> clientId = ClientCredentials.clientIdOf(request.getClientAuthentication(),
        request.getClientID());
    String grantType = request.getAuthorizationGrant() instanceof RefreshTokenGrant ? REFRESH_GRANT : CODE_GRANT;
    Instant now = clock.instant();
    return credentials.authenticate(request.getClientAuthentication(), request.getClientID(), true)
        .compose(client -> {
          if (request.getAuthorizationGrant() instanceof AuthorizationCodeGrant grant) {
            return exchangeCode(client, grant, now, caller);
          }
          if (request.getAuthorizationGrant() instanceof RefreshTokenGrant grant) {
            return refresh(client, grant, request.getScope(), now, caller);
          }
          return Future.failedFuture(new GrantRefused(TokenRefusal.UNSUPPORTED_GRANT_TYPE));
        })
        .recover(failure -> refused(grantType, clientId, failure, caller, basic));
  }

  private Future<TokenOutcome> exchangeCode(ClientDescriptor client, AuthorizationCodeGrant grant, Instant now,
      ClientInfo caller) {
    return redeemCode(grant)
        .compose(code -> checkCode(client, grant, code, now))
        .compose(code -> checkUser(code.grant()).map(code))
        .compose(code -> issueForCode(client, code, now, caller));
  }

  /** The code's single use; a second one revokes what the first was issued and is answered as a replay. */
  private Future<StoredCode> redeemCode(AuthorizationCodeGrant grant) {
    return codes.redeem(grant.getAuthorizationCode().getValue())
        .recover(databaseDown -> Future.failedFuture(new GrantRefused(TokenRefusal.UNAVAILABLE)))
        .compose(redemption -> {
          if (redemption instanceof Redemption.First first) {
            return first.sessionLive() ? Future.succeededFuture(first.code())
                : refuse(TokenRefusal.SESSION_ENDED, first.code().grant());
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
        .recover(databaseDown -> refuse(TokenRefusal.UNAVAILABLE, code.grant()))
        .compose(revoked -> {
          LOG.warn("authorization code of client {} replayed: {} tokens it was redeemed for revoked", code.clientId(),
              revoked);
          return refuse(TokenRefusal.CODE_REUSED, code.grant());
        });
  }

  /** Bound to the client, the redirect URI and the PKCE challenge of its authorization request; short-lived. */
  private static Future<StoredCode> checkCode(ClientDescriptor client, AuthorizationCodeGrant grant, StoredCode code,
      Instant now) {
    Optional<TokenRefusal> refusal;
    if (!code.clientId().equals(client.clientId())) {
      refusal = Optional.of(TokenRefusal.CLIENT_MISMATCH);
    } else if (grant.getRedirectionURI() == null || !code.redirectUri().equals(grant.getRedirectionURI().toString())) {
      refusal = Optional.of(TokenRefusal.REDIRECT_URI_MISMATCH);
    } else if (!now.isBefore(code.expiresAt())) {
      refusal = Optional.of(TokenRefusal.CODE_EXPIRED);
    } else {
      refusal = pkceProblem(code.codeChallenge(), Optional.ofNullable(grant.getCodeVerifier()));
    }
    if (refusal.isEmpty() && !client.allowsOrg(code.org())) {
      refusal = Optional.of(TokenRefusal.ORG_NOT_ALLOWED_FOR_CLIENT);
    }
    return refusal.isPresent() ? refuse(refusal.get(), code.grant()) : Future.succeededFuture(code);
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

  /** The user is still active, in the org and with the email the grant was issued for. */
  private Future<Void> checkUser(Grant grant) {
    return sessions.stillHolds(grant.userId(), grant.org(), grant.email())
        .recover(unavailable -> refuse(TokenRefusal.UNAVAILABLE, grant))
        .compose(holds -> holds ? Future.succeededFuture() : refuse(TokenRefusal.SESSION_ENDED, grant));
  }

  /** The tokens, recorded with their {@code token.issued} event; refused if a replay of the code got there first. */
  private Future<TokenOutcome> issueForCode(ClientDescriptor client, StoredCode code, Instant now,
      ClientInfo caller) {
    Grant grant = code.grant();
    Minted minted = minter.mint(client, grant, now, client.refreshTokens());
    AuditEvent event = event(AuditEvent.TOKEN_ISSUED, CODE_GRANT, Optional.of(client.clientId()), Optional.of(grant),
        caller).build();
    return issued.recordForCode(minted, client.clientId(), grant, code.hash(), now.plus(client.refreshTokenLifetime()),
            event)
        .recover(databaseDown -> refuse(TokenRefusal.UNAVAILABLE, grant))
        .compose(recorded -> recorded ? issuedAnswer(minted) : refuse(TokenRefusal.CODE_REUSED, grant));
  }

  private Future<TokenOutcome> refresh(ClientDescriptor client, RefreshTokenGrant grant, Scope requestedScope,
      Instant now, ClientInfo caller) {
    if (!client.refreshTokens()) {
      return refuse(TokenRefusal.REFRESH_TOKENS_DISABLED);
    }
    return rotate(client, grant.getRefreshToken().getValue())
        .compose(token -> checkRefresh(client, token, requestedScope, now))
        .compose(token -> checkUser(token.grant()).map(token))
        .compose(token -> issueForRefresh(client, token, now, caller));
  }

  /** The token's single use; a rotated token presented again revokes its whole family. */
  private Future<StoredRefresh> rotate(ClientDescriptor client, String refreshToken) {
    return issued.rotate(refreshToken, client.clientId())
        .recover(databaseDown -> Future.failedFuture(new GrantRefused(TokenRefusal.UNAVAILABLE)))
        .compose(rotation -> {
          if (rotation instanceof Rotation.Current current) {
            return Future.succeededFuture(current.token());
          }
          if (rotation instanceof Rotation.OtherClient other) {
            return refuse(TokenRefusal.CLIENT_MISMATCH, other.token().grant());
          }
          if (rotation instanceof Rotation.Replayed replayed) {
            return revokeFamily(replayed.token());
          }
          if (rotation instanceof Rotation.Revoked revoked) {
            return refuse(TokenRefusal.REFRESH_TOKEN_REVOKED, revoked.token().grant());
          }
          return refuse(TokenRefusal.UNKNOWN_REFRESH_TOKEN);
        });
  }

  private Future<StoredRefresh> revokeFamily(StoredRefresh token) {
    return issued.revokeFamily(token.familyId())
        .recover(databaseDown -> refuse(TokenRefusal.UNAVAILABLE, token.grant()))
        .compose(revoked -> {
          LOG.warn("refresh token of client {} replayed: its family {} is revoked", token.clientId(),
              token.familyId());
          return refuse(TokenRefusal.REFRESH_TOKEN_REUSED, token.grant());
        });
  }

  private static Future<StoredRefresh> checkRefresh(ClientDescriptor client, StoredRefresh token, Scope requested,
      Instant now) {
    Optional<TokenRefusal> refusal = Optional.empty();
    if (!now.isBefore(token.expiresAt())) {
      refusal = Optional.of(TokenRefusal.REFRESH_TOKEN_EXPIRED);
    } else if (!token.sessionLive()) {
      refusal = Optional.of(TokenRefusal.SESSION_ENDED);
    } else if (!client.allowsOrg(token.grant().org())) {
      refusal = Optional.of(TokenRefusal.ORG_NOT_ALLOWED_FOR_CLIENT);
    } else if (requested != null && !Scope.parse(token.grant().scope()).containsAll(requested)) {
      refusal = Optional.of(TokenRefusal.SCOPE_WIDENED);
    }
    return refusal.isPresent() ? refuse(refusal.get(), token.grant()) : Future.succeededFuture(token);
  }

  /** The family's next tokens, with their {@code token.refreshed} event; refused if the family was revoked meanwhile. */
  private Future<TokenOutcome> issueForRefresh(ClientDescriptor client, StoredRefresh token, Instant now,
      ClientInfo caller) {
    Minted minted = minter.mint(client, token.grant(), now, true);
    AuditEvent event = event(AuditEvent.TOKEN_REFRESHED, REFRESH_GRANT, Optional.of(client.clientId()),
        Optional.of(token.grant()), caller).build();
    return issued.recordForRefresh(minted, client.clientId(), token.familyId(), token.grant(), token.expiresAt(), event)
        .recover(databaseDown -> refuse(TokenRefusal.UNAVAILABLE, token.grant()))
        .compose(recorded -> recorded ? issuedAnswer(minted)
            : refuse(TokenRefusal.REFRESH_TOKEN_REVOKED, token.grant()));
  }

  private Future<TokenOutcome> issuedAnswer(Minted minted) {
    audit.committed();
    return Future.succeededFuture(new TokenOutcome.Issued(new OIDCTokenResponse(minted.tokens())));
  }

  private Future<TokenOutcome> refused(String grantType, Optional<String> clientId, Throwable failure,
      ClientInfo caller, boolean basic) {
    GrantRefused refused = failure instanceof GrantRefused known ? known
        : new GrantRefused(TokenRefusal.UNAVAILABLE);
    if (!(failure instanceof GrantRefused)) {
      LOG.warn("token request failed: {}", failure.toString());
    }
    boolean reuse = refused.refusal() == TokenRefusal.CODE_REUSED || refused.refusal() == TokenRefusal.REFRESH_TOKEN_REUSED;
    String type = reuse && refused.grant().isPresent() ? AuditEvent.TOKEN_REUSE_DETECTED : AuditEvent.TOKEN_FAILED;
    AuditEvent event = event(type, grantType, clientId, refused.grant(), caller).reason(refused.refusal().code())
        .build();
    LOG.info("token request refused: {} client={} reference={}", refused.refusal().code(),
        clientId.filter(ClientDefinition::isValidClientId).orElse("-"), event.id());
    return audit.record(event).recover(lost -> Future.succeededFuture())
        .map(recorded -> new TokenOutcome.Refused(refused.refusal(), basic));
  }

  private static AuditEvent.Builder event(String type, String grantType, Optional<String> clientId,
      Optional<Grant> grant, ClientInfo caller) {
    JsonObject details = new JsonObject().put("grant", grantType);
    clientId.filter(ClientDefinition::isValidClientId).ifPresent(id -> details.put("clientId", id));
    AuditEvent.Builder builder = AuditEvent.builder(type)
        .client(caller.ip(), caller.userAgent())
        .correlationId(caller.correlationId());
    grant.ifPresent(known -> {
      builder.org(known.org()).email(known.email()).userId(known.userId().toString())
          .connector(null, known.connectorKind());
      details.put("sid", known.sid().toString());
    });
    return builder.details(details);
  }

  private static <T> Future<T> refuse(TokenRefusal refusal) {
    return Future.failedFuture(new GrantRefused(refusal));
  }

  private static <T> Future<T> refuse(TokenRefusal refusal, Grant grant) {
    return Future.failedFuture(new GrantRefused(refusal, Optional.of(grant)));
  }
}

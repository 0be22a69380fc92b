package io.ssobroker.registry.tokens;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.admin.AdminScope;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Admin API bearer tokens. A token is shown once, when created; only its SHA-256 hash is kept. The platform-admin
 * token comes from configuration, or is generated at first start when none is configured; both have every scope.
 * A token never has a scope its creator lacks, and an org admin makes tokens for its own org only.
 */
public final class AdminTokenService {

  /** A token just created: the only moment its value exists outside the caller's hands. */
  public record Created(AdminToken token, String value) {}

  private static final String PREFIX = "ssoadm_";
  private static final UUID CONFIGURED_TOKEN_ID = UUID.nameUUIDFromBytes("configured-platform-admin-token".getBytes());

  private final Pool pool;
  private final AdminTokenRepository tokens;
  private final AuditOutbox outbox;
  private final Optional<byte[]> configuredTokenHash;

  public AdminTokenService(Pool pool, AdminTokenRepository tokens, AuditOutbox outbox,
      Optional<Secret> configuredToken) {
    this.pool = pool;
    this.tokens = tokens;
    this.outbox = outbox;
    this.configuredTokenHash = configuredToken.map(token -> Tokens.sha256(token.value()));
  }

  /** At first start without a configured token: a new platform-admin token, to be shown to the operator once. */
  public Future<Optional<String>> createPlatformTokenOnFirstStart() {
    if (configuredTokenHash.isPresent()) {
      return Future.succeededFuture(Optional.empty());
    }
    return tokens.platformTokenExists().compose(exists -> {
      if (exists) {
        return Future.succeededFuture(Optional.empty());
      }
      String value = newValue();
      NewAdminToken token = new NewAdminToken(UUID.randomUUID(), Optional.empty(), "generated at first start",
          Tokens.sha256(value), Optional.empty());
      return tokens.insert(pool, token).map(inserted -> Optional.of(value));
    });
  }

  public Future<Optional<AdminActor>> authenticate(byte[] tokenHash) {
    if (configuredTokenHash.isPresent() && MessageDigest.isEqual(configuredTokenHash.get(), tokenHash)) {
      return Future.succeededFuture(Optional.of(new AdminActor(CONFIGURED_TOKEN_ID, Optional.empty(),
          "configured platform token", AdminScope.ALL)));
    }
    return tokens.findActive(tokenHash).map(found -> found.map(token ->
        new AdminActor(token.id(), token.org(), token.name(), token.grantedScopes())));
  }

  public Future<Created> create(AdminActor actor, CreateTokenRequest request) {
    String value = newValue();
    return grantable(actor, request)
        .compose(scopes -> pool.withTransaction(sql -> store(sql, request, scopes, value)
            .compose(token -> audit(sql, actor, "admin.token.created", token))))
        .map(token -> new Created(token, value));
  }

  public Future<List<AdminToken>> list(AdminActor actor) {
    return tokens.list(actor.org());
  }

  /** An org admin revokes its own org's tokens only; another org's is not found. */
  public Future<AdminToken> revoke(AdminActor actor, UUID id) {
    return pool.withTransaction(sql -> tokens.revoke(sql, id, actor.org())
        .compose(revoked -> revoked.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(noToken())))
        .compose(token -> audit(sql, actor, "admin.token.revoked", token)));
  }

  /** The scopes the new token gets: those asked for, each one the creator holds, or else all the creator's. */
  private static Future<Set<AdminScope>> grantable(AdminActor actor, CreateTokenRequest request) {
    if (!actor.mayAccess(request.org())) {
      return Future.failedFuture(noOrg(request.org()));
    }
    List<AdminScope> asked = request.scopes().orElse(List.copyOf(actor.scopes()));
    for (int i = 0; i < asked.size(); i++) {
      if (!actor.scopes().contains(asked.get(i))) {
        String field = "scopes[" + i + "]";
        return Future.failedFuture(new ServiceException(ServiceFailure.FORBIDDEN, field + ": this token lacks the "
            + "scope " + asked.get(i).text() + " and cannot give it", Optional.of(field)));
      }
    }
    return Future.succeededFuture(asked.isEmpty() ? Set.of() : EnumSet.copyOf(asked));
  }

  private Future<AdminToken> store(SqlClient sql, CreateTokenRequest request, Set<AdminScope> scopes, String value) {
    NewAdminToken token = new NewAdminToken(UUID.randomUUID(), Optional.of(request.org()), request.name(),
        Tokens.sha256(value), Optional.of(scopes));
    return tokens.insert(sql, token).compose(stored -> stored.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(noOrg(request.org()))));
  }

  /** The event names the token's id and scopes, never its value. */
  private Future<AdminToken> audit(SqlClient sql, AdminActor actor, String type, AdminToken token) {
    return outbox.append(sql, AdminChangeEvents.change(type, actor, token.org().orElse(null), "token " + token.id(),
        null, token.toJson())).map(token);
  }

  private static ServiceException noOrg(String org) {
    return ServiceException.notFound("org", "no org " + org);
  }

  static ServiceException noToken() {
    return ServiceException.notFound("id", "no such token");
  }

  private static String newValue() {
    return PREFIX + Tokens.random();
  }
}

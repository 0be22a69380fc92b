package io.ssobroker.directory;

import io.ssobroker.directory.ApiKeyRepository.KeyHolder;
import io.ssobroker.directory.ApiKeyRepository.NewKey;
import io.ssobroker.directory.ApiKeyRequests.CreatedApiKey;
import io.ssobroker.directory.ApiKeyRequests.Introspection;
import io.ssobroker.directory.ApiKeyRequests.KeyRevocation;
import io.ssobroker.directory.ApiKeyRequests.ListedApiKey;
import io.ssobroker.directory.ApiKeyRequests.NewApiKey;
import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.directory.UserStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * API keys of SSO users (SPEC section 9). A key is shown once, when it is created; only its SHA-256 hash is kept
 * (a key has 256 random bits, so a fast unsalted hash is enough). Creation and revocation are audited, in the
 * transaction of the change. A key works while it is neither revoked nor expired and its user is active under the org
 * it was issued in.
 */
final class ApiKeyService {

  static final int MAX_LIVE_KEYS = 50;

  private final Pool pool;
  private final UserRepository users;
  private final ApiKeyRepository keys;
  private final AuditOutbox outbox;
  private final DirectoryNotices notices;
  private final Clock clock;

  ApiKeyService(Pool pool, UserRepository users, ApiKeyRepository keys, AuditOutbox outbox, DirectoryNotices notices,
      Clock clock) {
    this.pool = pool;
    this.users = users;
    this.keys = keys;
    this.outbox = outbox;
    this.notices = notices;
    this.clock = clock;
  }

  Future<CreatedApiKey> create(NewApiKey request) {
    String key = ApiKeyFormat.generate();
    return pool.withTransaction(sql -> activeOwner(sql, request)
        .compose(owner -> requireRoomForKey(sql, owner))
        .compose(owner -> keys.insert(sql, newKey(request, key))
            .compose(created -> record(sql, DirectoryAuditEvents.API_KEY_CREATED, null, owner, created, request.client())
                .map(recorded -> new CreatedApiKey(created, key)))));
  }

  /** The user's keys that were not revoked, expired ones included. */
  Future<List<ListedApiKey>> list(UUID userId) {
    return keys.unrevoked(userId).map(found -> {
      Instant now = clock.instant();
      return found.stream().map(key -> new ListedApiKey(key, !key.expiredAt(now))).toList();
    });
  }

  /** Revokes one of the user's own keys; another user's key is "not found". Caches of the user's keys are told. */
  Future<Void> revoke(KeyRevocation revocation) {
    return pool.withTransaction(sql -> keyOwner(sql, revocation)
            .compose(owner -> keys.revoke(sql, revocation.keyId(), revocation.userId())
                .compose(revoked -> revoked.isPresent()
                    ? record(sql, DirectoryAuditEvents.API_KEY_REVOKED, "revoked", owner, revoked.get(),
                        revocation.client())
                    : Future.failedFuture(noSuchKey()))))
        .onSuccess(revoked -> notices.apiKeyRevoked(revocation.userId()));
  }

  /**
   * Active for a key that is known, neither revoked nor expired, of an active user, of an org {@code orgVisible}
   * admits (an org admin learns nothing about other orgs' keys); a key of the wrong shape is not looked up.
   */
  Future<Introspection> introspect(String key, Predicate<String> orgVisible) {
    if (!ApiKeyFormat.isWellFormed(key)) {
      return Future.succeededFuture(Introspection.inactive());
    }
    return keys.holderOf(Tokens.sha256(key)).map(found -> found
        .filter(holder -> works(holder) && orgVisible.test(holder.org()))
        .map(holder -> new Introspection(true, Optional.of(holder)))
        .orElse(Introspection.inactive()));
  }

  private boolean works(KeyHolder holder) {
    return !holder.revoked() && holder.expiresAt().map(expires -> expires.isAfter(clock.instant())).orElse(true)
        && UserStatus.ACTIVE.value().equals(holder.userStatus());
  }

  private Future<ApiKeyOwner> activeOwner(SqlClient sql, NewApiKey request) {
    return users.lockForShare(sql, request.userId()).map(found -> found
        .filter(user -> user.org().equals(request.org()) && UserStatus.ACTIVE.value().equals(user.status()))
        .map(UserAccount::asKeyOwner)
        .orElseThrow(() -> ServiceException.forbidden("the signed-in user may not create API keys")));
  }

  private Future<ApiKeyOwner> requireRoomForKey(SqlClient sql, ApiKeyOwner owner) {
    return keys.countLive(sql, owner.userId(), clock.instant()).map(live -> {
      if (live >= MAX_LIVE_KEYS) {
        throw ServiceException.conflict("name", "at most " + MAX_LIVE_KEYS + " live API keys per user; revoke one first");
      }
      return owner;
    });
  }

  /** The revoking user, named in the event under the org they asked in. */
  private Future<ApiKeyOwner> keyOwner(SqlClient sql, KeyRevocation revocation) {
    return users.lockForShare(sql, revocation.userId()).map(found -> found
        .map(user -> new ApiKeyOwner(user.id(), user.email(), revocation.org()))
        .orElseThrow(ApiKeyService::noSuchKey));
  }

  private static NewKey newKey(NewApiKey request, String key) {
    return new NewKey(UUID.randomUUID(), request.userId(), request.name(), Tokens.sha256(key), ApiKeyFormat.hint(key),
        request.expiresAt());
  }

  private Future<Void> record(SqlClient sql, String type, String reason, ApiKeyOwner owner, ApiKey key,
      ClientInfo client) {
    return outbox.append(sql, DirectoryAuditEvents.apiKey(type, reason, owner, key.toJson(), client));
  }

  static ServiceException noSuchKey() {
    return ServiceException.notFound("id", "no such API key");
  }
}

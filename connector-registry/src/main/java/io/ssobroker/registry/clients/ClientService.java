package io.ssobroker.registry.clients;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.registry.admin.FieldRefusals;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.connector.DefinitionException;
import io.ssobroker.platform.connector.FieldReader;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.ssobroker.platform.registry.ConsoleClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.util.Optional;

/**
 * Product clients through the admin API, for platform admins only (a client may serve every org). A confidential
 * client's secret is made here, 256 random bits, answered once and stored as its SHA-256; file clients are read-only.
 * Each change and its {@code admin.client.*} event, without the secret, are one transaction.
 */
public final class ClientService {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String SECRET_PREFIX = "ssocs_";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final URI consoleUrl;

  public ClientService(Pool pool, AuditOutbox outbox, URI consoleUrl) {
    this.pool = pool;
    this.outbox = outbox;
    this.consoleUrl = consoleUrl;
  }

  public Future<JsonObject> create(AdminActor actor, JsonObject body) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    ClientDefinition read;
    try {
      read = ClientDefinition.fromApi(new FieldReader(body, ""));
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    if (read.clientId().filter(ConsoleClient.CLIENT_ID::equals).isPresent()) {
      return Future.failedFuture(ServiceException.conflict("clientId", ConsoleClient.CLIENT_ID
          + " is the console's own client"));
    }
    ClientDefinition client = read.clientId().isPresent() ? read : read.withClientId(Tokens.randomHex(12));
    Optional<String> secret = newSecretFor(client.type());
    return pool.withTransaction(sql -> ClientRepository.insert(sql, client, secret.map(Tokens::sha256))
            .compose(created -> outbox.append(sql, event("admin.client.created", actor, created, null, created.toJson()))
                .map(done -> withSecret(created.toJson(), secret))))
        .recover(failure -> Future.failedFuture(failure instanceof PgException pg
            && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? ServiceException.conflict("clientId", "a client " + client.clientId().get() + " already exists") : failure));
  }

  public Future<JsonObject> list(AdminActor actor) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    return ClientRepository.list(pool)
        .map(clients -> new JsonObject().put("clients", new JsonArray(clients.stream().map(ClientRow::toJson).toList())));
  }

  public Future<JsonObject> get(AdminActor actor, String clientId) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    return ClientRepository.byId(pool, clientId, false)
        .map(found -> found.orElseThrow(() -> noClient(clientId)).toJson());
  }

  /** Replaces everything but the id, the type and the secret. */
  public Future<JsonObject> update(AdminActor actor, String clientId, JsonObject body) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    ClientDefinition read;
    try {
      if (body.containsKey("clientId")) {
        throw new DefinitionException("clientId", "cannot be changed");
      }
      read = ClientDefinition.fromApi(new FieldReader(body, "")).withClientId(clientId);
    } catch (DefinitionException invalid) {
      return Future.failedFuture(ServiceException.invalid(invalid));
    }
    return pool.withTransaction(sql -> ClientRepository.byId(sql, clientId, true).compose(found -> {
      ClientRow before = writable(found, clientId);
      if (before.definition().type() != read.type()) {
        return Future.failedFuture(ServiceException.invalid("type", "cannot be changed; create another client"));
      }
      return ClientRepository.update(sql, read).compose(after -> outbox.append(sql,
          event("admin.client.updated", actor, after, before.toJson(), after.toJson())).map(done -> after.toJson()));
    }));
  }

  public Future<Void> delete(AdminActor actor, String clientId) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    return pool.withTransaction(sql -> ClientRepository.byId(sql, clientId, true).compose(found -> {
      ClientRow before = writable(found, clientId);
      return ClientRepository.delete(sql, clientId)
          .compose(deleted -> outbox.append(sql, event("admin.client.deleted", actor, before, before.toJson(), null)));
    }));
  }

  /** A new secret for a confidential client, answered once; the old one stops working at once. */
  public Future<JsonObject> rotateSecret(AdminActor actor, String clientId) {
    if (!actor.isPlatform()) {
      return Future.failedFuture(onlyPlatform());
    }
    return pool.withTransaction(sql -> ClientRepository.byId(sql, clientId, true).compose(found -> {
      ClientRow before = writable(found, clientId);
      if (before.definition().type() != ClientType.CONFIDENTIAL) {
        return Future.failedFuture(ServiceException.conflict("type", "a public client has no secret"));
      }
      String secret = newSecretFor(ClientType.CONFIDENTIAL).orElseThrow();
      return ClientRepository.setSecret(sql, clientId, Tokens.sha256(secret)).compose(after -> outbox.append(sql,
          event("admin.client.secret_rotated", actor, after, null, after.toJson()))
          .map(done -> withSecret(after.toJson(), Optional.of(secret))));
    }));
  }

  /** The edge's lookup: the client with the hash of its secret. */
  public Future<Optional<ClientDescriptor>> descriptor(String clientId) {
    if (clientId.equals(ConsoleClient.CLIENT_ID)) {
      return Future.succeededFuture(Optional.of(ConsoleClient.descriptor(consoleUrl)));
    }
    return ClientRepository.byId(pool, clientId, false).map(found -> found.map(ClientRow::descriptor));
  }

  private static Optional<String> newSecretFor(ClientType type) {
    return type == ClientType.CONFIDENTIAL ? Optional.of(SECRET_PREFIX + Tokens.random()) : Optional.empty();
  }

  private static JsonObject withSecret(JsonObject client, Optional<String> secret) {
    secret.ifPresent(value -> client.put("clientSecret", value));
    return client;
  }

  private static ClientRow writable(Optional<ClientRow> found, String clientId) {
    ClientRow client = found.orElseThrow(() -> noClient(clientId));
    if (client.source().equals("file")) {
      throw ServiceException.conflict("clientId", clientId + " comes from the clients file and is read-only here");
    }
    if (client.source().equals("broker")) {
      throw ServiceException.conflict("clientId", clientId + " is the broker's own and cannot be changed");
    }
    return client;
  }

  private static io.ssobroker.platform.audit.AuditEvent event(String type, AdminActor actor, ClientRow client,
      JsonObject before, JsonObject after) {
    return AdminChangeEvents.change(type, actor, null, "client " + client.clientId(), before, after);
  }

  private static ServiceException onlyPlatform() {
    return ServiceException.forbidden("only a platform admin manages product clients");
  }

  private static ServiceException noClient(String clientId) {
    return FieldRefusals.notFound("clientId", "no client " + clientId);
  }
}

package io.ssobroker.registry.clients;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.client.ClientDefinition;
import io.ssobroker.platform.client.ClientType;
import io.ssobroker.platform.registry.ClientDescriptor;
import io.ssobroker.platform.registry.ConsoleClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Product clients, for platform admins only (a client may serve every org). A confidential client's secret is made
 * here, 256 random bits, answered once and stored as its SHA-256; file clients and the broker's own are read-only.
 * Each change and its {@code admin.client.*} event, without the secret, are one transaction.
 */
public final class ClientService {

  /** A client as answered, with its secret when it was just made (the only time it is shown). */
  public record WithSecret(ClientRow client, Optional<String> secret) {}

  private static final String SECRET_PREFIX = "ssocs_";

  private final Pool pool;
  private final ClientRepository clients;
  private final AuditOutbox outbox;
  private final URI consoleUrl;

  public ClientService(Pool pool, ClientRepository clients, AuditOutbox outbox, URI consoleUrl) {
    this.pool = pool;
    this.clients = clients;
    this.outbox = outbox;
    this.consoleUrl = consoleUrl;
  }

  /** Refuses an actor who is no platform admin; before its request is read. */
  public static Future<Void> platformOnly(AdminActor actor) {
    return actor.isPlatform() ? Future.succeededFuture()
        : Future.failedFuture(ServiceException.forbidden("only a platform admin manages product clients"));
  }

  /** A client without an id gets a random one. */
  public Future<WithSecret> create(AdminActor actor, ClientDefinition read) {
    if (read.clientId().filter(ConsoleClient.CLIENT_ID::equals).isPresent()) {
      return Future.failedFuture(ServiceException.conflict("clientId", ConsoleClient.CLIENT_ID
          + " is the console's own client"));
    }
    ClientDefinition client = read.clientId().isPresent() ? read : read.withClientId(Tokens.randomHex(12));
    Optional<String> secret = newSecretFor(client.type());
    return platformOnly(actor).compose(allowed -> pool.withTransaction(sql ->
        clients.insert(sql, client, secret.map(Tokens::sha256))
            .compose(created -> created.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                ServiceException.conflict("clientId", "a client " + client.clientId().get() + " already exists"))))
            .compose(created -> audit(sql, actor, "admin.client.created", null, created))))
        .map(created -> new WithSecret(created, secret));
  }

  public Future<List<ClientRow>> list(AdminActor actor) {
    return platformOnly(actor).compose(allowed -> clients.list(pool));
  }

  public Future<ClientRow> get(AdminActor actor, String clientId) {
    return platformOnly(actor).compose(allowed -> clients.byId(pool, clientId, false))
        .map(found -> found.orElseThrow(() -> noClient(clientId)));
  }

  /** Replaces everything but the id, the type and the secret. */
  public Future<ClientRow> update(AdminActor actor, ClientDefinition client) {
    String clientId = client.clientId().orElseThrow();
    return platformOnly(actor).compose(allowed -> pool.withTransaction(sql -> writable(sql, clientId)
        .compose(before -> before.definition().type() != client.type()
            ? Future.failedFuture(ServiceException.invalid("type", "cannot be changed; create another client"))
            : clients.update(sql, client).compose(after -> audit(sql, actor, "admin.client.updated", before, after)))));
  }

  public Future<Void> delete(AdminActor actor, String clientId) {
    return platformOnly(actor).compose(allowed -> pool.withTransaction(sql -> writable(sql, clientId)
        .compose(before -> clients.delete(sql, clientId)
            .compose(deleted -> audit(sql, actor, "admin.client.deleted", before, null)))))
        .mapEmpty();
  }

  /** A new secret for a confidential client, answered once; the old one stops working at once. */
  public Future<WithSecret> rotateSecret(AdminActor actor, String clientId) {
    String secret = newSecretFor(ClientType.CONFIDENTIAL).orElseThrow();
    return platformOnly(actor).compose(allowed -> pool.withTransaction(sql -> writable(sql, clientId)
        .compose(before -> before.definition().type() != ClientType.CONFIDENTIAL
            ? Future.failedFuture(ServiceException.conflict("type", "a public client has no secret"))
            : clients.setSecret(sql, clientId, Tokens.sha256(secret))
                .compose(after -> audit(sql, actor, "admin.client.secret_rotated", null, after)))))
        .map(rotated -> new WithSecret(rotated, Optional.of(secret)));
  }

  /** The edge's lookup: the client with the hash of its secret. */
  public Future<Optional<ClientDescriptor>> descriptor(String clientId) {
    if (clientId.equals(ConsoleClient.CLIENT_ID)) {
      return Future.succeededFuture(Optional.of(ConsoleClient.descriptor(consoleUrl)));
    }
    return clients.byId(pool, clientId, false).map(found -> found.map(ClientRow::descriptor));
  }

  /** The client, locked, unless it is missing or not the admin API's to change. */
  private Future<ClientRow> writable(SqlClient sql, String clientId) {
    return clients.byId(sql, clientId, true).map(found -> {
      ClientRow client = found.orElseThrow(() -> noClient(clientId));
      if (client.source().equals("file")) {
        throw ServiceException.conflict("clientId", clientId + " comes from the clients file and is read-only here");
      }
      if (client.source().equals("broker")) {
        throw ServiceException.conflict("clientId", clientId + " is the broker's own and cannot be changed");
      }
      return client;
    });
  }

  /** The event after a change names the client as it is now ({@code after}), or as it was. */
  private Future<ClientRow> audit(SqlClient sql, AdminActor actor, String type, ClientRow before, ClientRow after) {
    ClientRow named = after != null ? after : before;
    JsonObject beforeJson = before == null ? null : before.toJson();
    return outbox.append(sql, AdminChangeEvents.change(type, actor, null, "client " + named.clientId(), beforeJson,
        after == null ? null : after.toJson())).map(named);
  }

  private static Optional<String> newSecretFor(ClientType type) {
    return type == ClientType.CONFIDENTIAL ? Optional.of(SECRET_PREFIX + Tokens.random()) : Optional.empty();
  }

  static ServiceException noClient(String clientId) {
    return ServiceException.notFound("clientId", "no client " + clientId);
  }
}

package io.ssobroker.registry.clients;

import io.ssobroker.platform.client.ClientDefinition;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ClientRepository} over {@code registry.clients}. */
public final class PgClientRepository implements ClientRepository {

  private static final String COLUMNS = "client_id, name, client_type, secret_hash, redirect_uris, "
      + "post_logout_redirect_uris, backchannel_logout_uri, allowed_orgs, id_token_lifetime_seconds, "
      + "access_token_lifetime_seconds, access_token_audience, id_token_signing_alg, refresh_tokens, "
      + "refresh_token_lifetime_seconds, source";
  private static final String INSERT = "insert into registry.clients (" + COLUMNS + ") "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning " + COLUMNS;
  private static final String BY_ID = "select " + COLUMNS + " from registry.clients where client_id = $1";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " for update";
  private static final String LIST = "select " + COLUMNS + " from registry.clients order by client_id";
  private static final String UPDATE = """
      update registry.clients
         set name = $2, redirect_uris = $3, post_logout_redirect_uris = $4, backchannel_logout_uri = $5,
             allowed_orgs = $6, id_token_lifetime_seconds = $7, access_token_lifetime_seconds = $8,
             access_token_audience = $9, id_token_signing_alg = $10, refresh_tokens = $11,
             refresh_token_lifetime_seconds = $12, updated_at = now()
       where client_id = $1
      returning\s""" + COLUMNS;
  private static final String SET_SECRET = "update registry.clients set secret_hash = $2, updated_at = now() "
      + "where client_id = $1 returning " + COLUMNS;
  private static final String DELETE = "delete from registry.clients where client_id = $1";
  private static final String UPSERT_OWNED_CLIENT = "insert into registry.clients (" + COLUMNS + ") "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) on conflict (client_id) do update set "
      + "name = excluded.name, client_type = excluded.client_type, secret_hash = excluded.secret_hash, "
      + "redirect_uris = excluded.redirect_uris, post_logout_redirect_uris = excluded.post_logout_redirect_uris, "
      + "backchannel_logout_uri = excluded.backchannel_logout_uri, allowed_orgs = excluded.allowed_orgs, "
      + "id_token_lifetime_seconds = excluded.id_token_lifetime_seconds, "
      + "access_token_lifetime_seconds = excluded.access_token_lifetime_seconds, "
      + "access_token_audience = excluded.access_token_audience, id_token_signing_alg = excluded.id_token_signing_alg, "
      + "refresh_tokens = excluded.refresh_tokens, "
      + "refresh_token_lifetime_seconds = excluded.refresh_token_lifetime_seconds, "
      + "updated_at = now() where registry.clients.source = $15 returning client_id";
  private static final String LOCK_FILE_CLIENTS = "select pg_advisory_xact_lock(hashtext('registry.clients_file'))";
  private static final String DELETE_STALE_FILE_CLIENTS =
      "delete from registry.clients where source = 'file' and not (client_id = any($1))";

  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public Future<Optional<ClientRow>> insert(SqlClient sql, ClientDefinition client, Optional<byte[]> secretHash) {
    return sql.preparedQuery(INSERT).execute(fields(client, secretHash).addString("api"))
        .map(rows -> Optional.of(one(rows)))
        .recover(failure -> failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
  }

  @Override
  public Future<Optional<ClientRow>> byId(SqlClient sql, String clientId, boolean forUpdate) {
    return sql.preparedQuery(forUpdate ? BY_ID_FOR_UPDATE : BY_ID).execute(Tuple.of(clientId))
        .map(PgClientRepository::first);
  }

  @Override
  public Future<List<ClientRow>> list(SqlClient sql) {
    return sql.preparedQuery(LIST).execute().map(PgClientRepository::all);
  }

  @Override
  public Future<ClientRow> update(SqlClient sql, ClientDefinition client) {
    return sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {client.clientId().orElseThrow(), client.name(),
        strings(client.redirectUris()), strings(client.postLogoutRedirectUris()),
        client.backchannelLogoutUri().map(URI::toString).orElse(null), client.allowedOrgs().toArray(String[]::new),
        (int) client.idTokenLifetime().toSeconds(), (int) client.accessTokenLifetime().toSeconds(),
        client.accessTokenAudience().orElse(null), client.idTokenSigningAlgorithm().name(), client.refreshTokens(),
        (int) client.refreshTokenLifetime().toSeconds()}))
        .map(PgClientRepository::one);
  }

  @Override
  public Future<ClientRow> setSecret(SqlClient sql, String clientId, byte[] secretHash) {
    return sql.preparedQuery(SET_SECRET).execute(Tuple.of(clientId, io.vertx.core.buffer.Buffer.buffer(secretHash)))
        .map(PgClientRepository::one);
  }

  @Override
  public Future<Boolean> delete(SqlClient sql, String clientId) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(clientId)).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Boolean> upsertOwnedClient(SqlClient sql, ClientDefinition client, Optional<byte[]> secretHash,
      String source) {
    return sql.preparedQuery(UPSERT_OWNED_CLIENT).execute(fields(client, secretHash).addString(source))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Void> lockFileClients(SqlClient sql) {
    return sql.query(LOCK_FILE_CLIENTS).execute().mapEmpty();
  }

  @Override
  public Future<Void> deleteFileClientsBut(SqlClient sql, List<String> kept) {
    return sql.preparedQuery(DELETE_STALE_FILE_CLIENTS).execute(Tuple.of((Object) kept.toArray(String[]::new)))
        .mapEmpty();
  }

  private static Tuple fields(ClientDefinition client, Optional<byte[]> secretHash) {
    return Tuple.from(new Object[] {client.clientId().orElseThrow(), client.name(), client.type().value(),
        secretHash.map(io.vertx.core.buffer.Buffer::buffer).orElse(null), strings(client.redirectUris()),
        strings(client.postLogoutRedirectUris()), client.backchannelLogoutUri().map(URI::toString).orElse(null),
        client.allowedOrgs().toArray(String[]::new), (int) client.idTokenLifetime().toSeconds(),
        (int) client.accessTokenLifetime().toSeconds(), client.accessTokenAudience().orElse(null),
        client.idTokenSigningAlgorithm().name(), client.refreshTokens(), (int) client.refreshTokenLifetime().toSeconds()});
  }

  private static String[] strings(List<URI> uris) {
    return uris.stream().map(URI::toString).toArray(String[]::new);
  }

  private static ClientRow one(RowSet<Row> rows) {
    return ClientRow.of(rows.iterator().next());
  }

  private static Optional<ClientRow> first(RowSet<Row> rows) {
    for (Row row : rows) {
      return Optional.of(ClientRow.of(row));
    }
    return Optional.empty();
  }

  private static List<ClientRow> all(RowSet<Row> rows) {
    List<ClientRow> clients = new ArrayList<>();
    rows.forEach(row -> clients.add(ClientRow.of(row)));
    return clients;
  }
}

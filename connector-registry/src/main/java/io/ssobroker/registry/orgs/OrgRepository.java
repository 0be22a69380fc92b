package io.ssobroker.registry.orgs;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Optional;

/** The orgs table. Writes take the caller's transaction, so that a change and its audit event commit together. */
public interface OrgRepository {

  /** The org created; empty when its slug is taken. */
  Future<Optional<Org>> insert(SqlClient sql, String slug, OrgFields fields);

  Future<Optional<Org>> find(String slug);

  /** The org, locked until the transaction ends. */
  Future<Optional<Org>> lock(SqlClient sql, String slug);

  /** Every org, or only this one; by slug. */
  Future<List<Org>> list(Optional<String> slug);

  Future<Org> update(SqlClient sql, String slug, OrgFields fields);

  /** Deletes the org with its connectors, domains, tokens and setup links. */
  Future<Void> delete(SqlClient sql, String slug);

  Future<Boolean> exists(SqlClient sql, String slug);

  /** Creates the org, named by its slug, unless it exists: the connectors file's orgs. */
  Future<Void> ensure(SqlClient sql, String slug);
}

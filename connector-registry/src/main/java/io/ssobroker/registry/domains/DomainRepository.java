package io.ssobroker.registry.domains;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The domains table. Writes take the caller's transaction, so that a change and its audit event commit together. */
public interface DomainRepository {

  /** The domain claimed for the org; empty when some org (this one or another) holds it already. */
  Future<Optional<Domain>> claim(SqlClient sql, String domain, String org, String verificationToken);

  Future<Optional<Domain>> find(SqlClient sql, String domain);

  /** An org's domains, by name. */
  Future<List<Domain>> list(String org);

  /** The domain now verified. */
  Future<Domain> verify(SqlClient sql, String domain);

  Future<Void> delete(SqlClient sql, String domain, String org);

  /** A domain of the connectors file: verified, and the file's from now on. */
  Future<Void> upsertFromFile(SqlClient sql, String domain, String org, String verificationToken);

  /** Deletes the file's domains that are not kept. */
  Future<Void> deleteFileDomainsBut(SqlClient sql, List<String> kept);

  /** Which org holds each of these domains that some org holds. */
  Future<Map<String, String>> owners(SqlClient sql, List<String> domains);
}

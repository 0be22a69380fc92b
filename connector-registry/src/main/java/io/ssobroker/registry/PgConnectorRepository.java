package io.ssobroker.registry;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.crypto.SealedKeysCheck;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ConnectorRepository} over PostgreSQL (schema {@code registry}). Secrets are added by the caller. */
public final class PgConnectorRepository implements ConnectorRepository {

  /**
   * A connector's domains, as the edge sees them, are those its org has verified (file domains count as verified): an
   * IdP is trusted to say who a user is only for domains its org has proved it owns.
   */
  private static final String COLUMNS = """
      select c.id, c.org_slug, c.kind, c.display_name, c.state, c.email_pattern, c.parameters, c.claim_mapping,
             c.client_secret_sealed, c.client_secret_key_id, c.testers,
             array(select cd.domain
                     from registry.connector_domains cd
                     join registry.domains d on d.domain = cd.domain
                    where cd.connector_id = c.id and d.org_slug = c.org_slug and d.verified_at is not null
                    order by cd.domain) as domains
        from registry.connectors c
      """;

  /** A verified domain of the connector's own org routes to it. */
  private static final String ROUTES_DOMAIN = """
      exists (select 1
                from registry.connector_domains cd
                join registry.domains d on d.domain = cd.domain
               where cd.connector_id = c.id
                 and cd.domain = $1
                 and d.org_slug = c.org_slug
                 and d.verified_at is not null)
      """;

  private static final String ACTIVE_FOR_DOMAIN =
      COLUMNS + " where c.state = 'active' and " + ROUTES_DOMAIN + " order by c.updated_at desc limit 1";

  private static final String TESTING_FOR_TESTER =
      COLUMNS + " where c.state = 'testing' and $2 = any(c.testers) and " + ROUTES_DOMAIN
          + " order by c.updated_at desc limit 1";

  private static final String ACTIVE_FOR_ORG =
      COLUMNS + " where c.state = 'active' and c.org_slug = $1 order by c.display_name, c.id";

  private static final String BY_ID = COLUMNS + " where c.id = $1";

  private static final String FILE_CONNECTORS = "select count(*) from registry.connectors where org_slug = $1 "
      + "and source = 'file'";

  private final Pool pool;
  private final SecretSealer secrets;

  private static final String SECRET_PER_SEALING_KEY = """
      select distinct on (client_secret_key_id) id, client_secret_sealed, client_secret_key_id
        from registry.connectors
       where client_secret_sealed is not null
       order by client_secret_key_id, updated_at desc
      """;

  public PgConnectorRepository(Pool pool, SecretSealer secrets) {
    this.pool = pool;
    this.secrets = secrets;
  }

  @Override
  public Future<Optional<ConnectorDescriptor>> activeForDomain(String domain) {
    return pool.preparedQuery(ACTIVE_FOR_DOMAIN).execute(Tuple.of(domain)).map(rows -> first(all(rows)));
  }

  @Override
  public Future<Optional<ConnectorDescriptor>> testingForTester(String domain, String email) {
    return pool.preparedQuery(TESTING_FOR_TESTER).execute(Tuple.of(domain, email)).map(rows -> first(all(rows)));
  }

  @Override
  public Future<List<ConnectorDescriptor>> activeForOrg(String org) {
    return pool.preparedQuery(ACTIVE_FOR_ORG).execute(Tuple.of(org)).map(this::all);
  }

  @Override
  public Future<Optional<ConnectorDescriptor>> byId(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> first(all(rows)));
  }

  @Override
  public Future<Boolean> hasFileConnectors(SqlClient sql, String org) {
    return sql.preparedQuery(FILE_CONNECTORS).execute(Tuple.of(org)).map(rows -> rows.iterator().next().getLong(0) > 0);
  }

  /** The newest stored connector secret of each key that sealed any: what a start-time key check opens. */
  Future<List<SealedKeysCheck.Sample>> secretPerSealingKey() {
    return pool.query(SECRET_PER_SEALING_KEY).execute().map(rows -> {
      List<SealedKeysCheck.Sample> samples = new java.util.ArrayList<>();
      rows.forEach(row -> samples.add(new SealedKeysCheck.Sample(ConnectorSecrets.owner(row.getUUID("id")),
          new SecretSealer.Sealed(row.getString("client_secret_key_id"),
              row.getBuffer("client_secret_sealed").getBytes()))));
      return samples;
    });
  }

  private Optional<Secret> sealedSecret(Row row) {
    Buffer sealed = row.getBuffer("client_secret_sealed");
    if (sealed == null) {
      return Optional.empty();
    }
    return Optional.of(new Secret(secrets.open(ConnectorSecrets.owner(row.getUUID("id")),
        new SecretSealer.Sealed(row.getString("client_secret_key_id"), sealed.getBytes()))));
  }

  private static <T> Optional<T> first(List<T> items) {
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
  }

  private List<ConnectorDescriptor> all(RowSet<Row> rows) {
    List<ConnectorDescriptor> descriptors = new ArrayList<>();
    for (Row row : rows) {
      descriptors.add(new ConnectorDescriptor(
          row.getUUID("id"),
          row.getString("org_slug"),
          ConnectorKind.parse(row.getString("kind")).orElseThrow(),
          row.getString("display_name"),
          ConnectorState.parse(row.getString("state")).orElseThrow(),
          List.of(row.getArrayOfStrings("domains")),
          row.getString("email_pattern"),
          ClaimMapping.fromJson((JsonObject) row.getJson("claim_mapping")),
          (JsonObject) row.getJson("parameters"),
          sealedSecret(row),
          List.of(row.getArrayOfStrings("testers"))));
    }
    return descriptors;
  }
}

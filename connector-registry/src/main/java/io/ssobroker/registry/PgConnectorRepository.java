package io.ssobroker.registry;

import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ConnectorRepository} over PostgreSQL (schema {@code registry}). */
final class PgConnectorRepository implements ConnectorRepository {

  private static final String COLUMNS = """
      select c.id, c.org_slug, c.kind, c.display_name, c.state, c.email_pattern, c.parameters, c.claim_mapping,
             array(select cd.domain from registry.connector_domains cd where cd.connector_id = c.id order by cd.domain)
               as domains
        from registry.connectors c
      """;

  private static final String ACTIVE_FOR_DOMAIN = COLUMNS + """
       where c.state = 'active'
         and exists (select 1
                       from registry.connector_domains cd
                       join registry.domains d on d.domain = cd.domain
                      where cd.connector_id = c.id
                        and cd.domain = $1
                        and d.org_slug = c.org_slug
                        and d.verified_at is not null)
       order by c.updated_at desc
       limit 1
      """;

  private static final String BY_ID = COLUMNS + " where c.id = $1";

  private final Pool pool;

  PgConnectorRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<ConnectorDescriptor>> activeForDomain(String domain) {
    return pool.preparedQuery(ACTIVE_FOR_DOMAIN).execute(Tuple.of(domain)).map(PgConnectorRepository::first);
  }

  @Override
  public Future<Optional<ConnectorDescriptor>> byId(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(PgConnectorRepository::first);
  }

  private static Optional<ConnectorDescriptor> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(descriptor(iterator.next())) : Optional.empty();
  }

  private static ConnectorDescriptor descriptor(Row row) {
    return new ConnectorDescriptor(
        row.getUUID("id"),
        row.getString("org_slug"),
        row.getString("kind"),
        row.getString("display_name"),
        ConnectorState.parse(row.getString("state")).orElseThrow(),
        List.of(row.getArrayOfStrings("domains")),
        row.getString("email_pattern"),
        (JsonObject) row.getJson("parameters"),
        (JsonObject) row.getJson("claim_mapping"));
  }
}

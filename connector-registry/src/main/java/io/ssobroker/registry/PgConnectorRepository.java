package io.ssobroker.registry;

import io.ssobroker.platform.Secret;
import io.ssobroker.platform.connector.ClaimMapping;
import io.ssobroker.platform.connector.ConnectorDefinition;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.crypto.SealedKeysCheck;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.ssobroker.registry.connectors.ConnectorStatus;
import io.ssobroker.registry.connectors.ExpiringCredential;
import io.ssobroker.registry.connectors.StoredConnector;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

  // the admin API's view and writes
  private static final String ADMIN_COLUMNS = """
      c.id, c.org_slug, c.kind, c.display_name, c.state, c.source, c.email_pattern, c.parameters, c.claim_mapping,
      c.client_secret_sealed is not null as secret_set, c.client_secret_expires_at, c.certificate_expires_at,
      c.created_at, c.updated_at,
      array(select cd.domain from registry.connector_domains cd where cd.connector_id = c.id order by cd.domain)
        as all_domains
      """;
  private static final String ADMIN_SELECT = "select " + ADMIN_COLUMNS
      + " from registry.connectors c where c.org_slug = $1 and c.id = $2";
  private static final String ADMIN_LIST = "select " + ADMIN_COLUMNS + " from registry.connectors c "
      + "where c.org_slug = $1 order by c.created_at, c.id";
  private static final String INSERT = """
      insert into registry.connectors (id, org_slug, kind, display_name, state, source, email_pattern, parameters,
        claim_mapping, client_secret_sealed, client_secret_key_id, client_secret_expires_at, certificate_expires_at)
      values ($1, $2, $3, $4, 'draft', 'api', $5, $6, $7, $8, $9, $10, $11)
      """;
  private static final String UPDATE = """
      update registry.connectors set kind = $3, display_name = $4, email_pattern = $5, parameters = $6,
        claim_mapping = $7, client_secret_sealed = coalesce($8, client_secret_sealed),
        client_secret_key_id = coalesce($9, client_secret_key_id), client_secret_expires_at = $10,
        certificate_expires_at = $11, updated_at = now()
      where org_slug = $1 and id = $2
      """;
  private static final String DELETE_DOMAINS = "delete from registry.connector_domains where connector_id = $1";
  private static final String INSERT_DOMAIN =
      "insert into registry.connector_domains (connector_id, domain) values ($1, $2)";
  private static final String DELETE = "delete from registry.connectors where org_slug = $1 and id = $2";

  // activation and testing
  private static final String LOCK_STATUS =
      "select id, org_slug, source, state from registry.connectors where org_slug = $1 and id = $2 for update";
  private static final String SCHEDULE = """
      update registry.connectors set state = 'scheduled', activate_at = $3, updated_at = now()
       where org_slug = $1 and id = $2
      """;
  private static final String RETIRE_PREVIOUS = """
      update registry.connectors c set state = 'retired', updated_at = now()
       where c.org_slug = $1 and c.id <> $2 and c.state = 'active' and c.source = 'api'
         and exists (select 1 from registry.connector_domains mine join registry.connector_domains theirs
                       on theirs.domain = mine.domain
                      where mine.connector_id = $2 and theirs.connector_id = c.id)
      returning c.id
      """;
  private static final String ACTIVATE = """
      update registry.connectors set state = 'active', activate_at = null, updated_at = now()
       where org_slug = $1 and id = $2
      """;
  private static final String LOCK_DUE = """
      select id, org_slug, source, state from registry.connectors
       where state = 'scheduled' and activate_at <= now()
       order by activate_at limit 20 for update skip locked
      """;
  // expiring credentials, and what edges find at SAML metadata URLs
  private static final String EXPIRING = """
      select id, org_slug, kind, display_name, expires_at, credential from (
        select id, org_slug, kind, display_name, state,
               coalesce(client_secret_expires_at, certificate_expires_at) as expires_at,
               case when client_secret_expires_at is not null then 'clientSecret' else 'samlCertificate' end
                 as credential
          from registry.connectors) c
       where expires_at is not null and expires_at <= $1
         and state <> 'retired' and ($2::text is null or org_slug = $2)
       order by expires_at, id
      """;
  private static final String RECORD_EXPIRY_NOTICE = """
      insert into registry.expiry_notices (connector_id, expires_on, threshold_days) values ($1, $2, $3)
      on conflict do nothing
      """;
  private static final String RECORD_CERTIFICATE_EXPIRY = """
      update registry.connectors set certificate_expires_at = $2
       where id = $1 and kind = 'saml' and parameters ? 'metadataUrl'
         and certificate_expires_at is distinct from $2
      """;
  private static final String API_CONNECTOR_PARAMETERS =
      "select id, org_slug, kind, parameters from registry.connectors where source = 'api' order by org_slug, id";

  // the connectors file
  private static final String LOCK_FILE_SYNC = "select pg_advisory_xact_lock(hashtext('registry.connectors_file'))";
  private static final String DECLARED_BY_FILE = """
      select c.id, c.org_slug, c.kind, c.display_name, c.state, c.email_pattern, c.parameters, c.claim_mapping,
             coalesce((select array_agg(d.domain order by d.domain) from registry.connector_domains d
                        where d.connector_id = c.id), '{}') as domains
        from registry.connectors c
       where c.source = 'file'
      """;
  private static final String API_CONNECTOR_WITH_ID =
      "select 1 from registry.connectors where id = $1 and source <> 'file'";
  private static final String UPSERT_FROM_FILE = """
      insert into registry.connectors
        (id, org_slug, kind, display_name, state, source, email_pattern, parameters, claim_mapping,
         client_secret_expires_at, certificate_expires_at)
      values ($1, $2, $3, $4, 'active', 'file', $5, $6, $7, $8, $9)
      on conflict (id) do update
        set org_slug = excluded.org_slug, kind = excluded.kind, display_name = excluded.display_name,
            state = 'active', email_pattern = excluded.email_pattern, parameters = excluded.parameters,
            claim_mapping = excluded.claim_mapping, client_secret_expires_at = excluded.client_secret_expires_at,
            certificate_expires_at = coalesce(excluded.certificate_expires_at, connectors.certificate_expires_at),
            updated_at = now()
      """;
  private static final String DELETE_STALE_FILE_CONNECTORS =
      "delete from registry.connectors where source = 'file' and not (id = any($1))";

  private static final String START_TESTING = """
      update registry.connectors set state = 'testing', testers = $3, activate_at = null, updated_at = now()
       where org_slug = $1 and id = $2
      """;

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

  @Override
  public Future<Optional<StoredConnector>> find(SqlClient sql, String org, UUID id) {
    return sql.preparedQuery(ADMIN_SELECT).execute(Tuple.of(org, id)).map(rows -> {
      for (Row row : rows) {
        return Optional.of(stored(row));
      }
      return Optional.empty();
    });
  }

  @Override
  public Future<List<StoredConnector>> list(String org) {
    return pool.preparedQuery(ADMIN_LIST).execute(Tuple.of(org)).map(rows -> {
      List<StoredConnector> connectors = new ArrayList<>();
      rows.forEach(row -> connectors.add(stored(row)));
      return connectors;
    });
  }

  @Override
  public Future<Void> insert(SqlClient sql, UUID id, String org, ConnectorDefinition definition,
      Optional<SecretSealer.Sealed> secret) {
    return sql.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, org, definition.kind().value(),
            definition.displayName(), definition.emailPattern(), definition.settings().toParameters(),
            definition.claimMapping().toJson(), secret.map(SecretSealer.Sealed::ciphertext).orElse(null),
            secret.map(SecretSealer.Sealed::keyId).orElse(null), CredentialExpiry.clientSecret(definition),
            CredentialExpiry.certificate(definition)}))
        .compose(inserted -> insertDomains(sql, id, definition));
  }

  @Override
  public Future<Void> update(SqlClient sql, UUID id, String org, ConnectorDefinition definition,
      Optional<SecretSealer.Sealed> secret) {
    return sql.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {org, id, definition.kind().value(),
            definition.displayName(), definition.emailPattern(), definition.settings().toParameters(),
            definition.claimMapping().toJson(), secret.map(SecretSealer.Sealed::ciphertext).orElse(null),
            secret.map(SecretSealer.Sealed::keyId).orElse(null), CredentialExpiry.clientSecret(definition),
            CredentialExpiry.certificate(definition)}))
        .compose(updated -> sql.preparedQuery(DELETE_DOMAINS).execute(Tuple.of(id)))
        .compose(cleared -> insertDomains(sql, id, definition));
  }

  @Override
  public Future<Void> delete(SqlClient sql, String org, UUID id) {
    return sql.preparedQuery(DELETE).execute(Tuple.of(org, id)).mapEmpty();
  }

  @Override
  public Future<Optional<ConnectorStatus>> lockStatus(SqlClient sql, String org, UUID id) {
    return sql.preparedQuery(LOCK_STATUS).execute(Tuple.of(org, id))
        .map(rows -> statuses(rows).stream().findFirst());
  }

  @Override
  public Future<Void> schedule(SqlClient sql, String org, UUID id, OffsetDateTime at) {
    return sql.preparedQuery(SCHEDULE).execute(Tuple.of(org, id, at)).mapEmpty();
  }

  @Override
  public Future<List<UUID>> activate(SqlClient sql, String org, UUID id) {
    return sql.preparedQuery(RETIRE_PREVIOUS).execute(Tuple.of(org, id)).compose(retiredRows -> {
      List<UUID> retired = new ArrayList<>();
      retiredRows.forEach(row -> retired.add(row.getUUID("id")));
      return sql.preparedQuery(ACTIVATE).execute(Tuple.of(org, id)).map(activated -> retired);
    });
  }

  @Override
  public Future<List<ConnectorStatus>> lockDue(SqlClient sql) {
    return sql.query(LOCK_DUE).execute().map(PgConnectorRepository::statuses);
  }

  @Override
  public Future<Void> startTesting(SqlClient sql, String org, UUID id, List<String> testers) {
    return sql.preparedQuery(START_TESTING).execute(Tuple.of(org, id, testers.toArray(String[]::new))).mapEmpty();
  }

  @Override
  public Future<List<ExpiringCredential>> expiring(LocalDate until, Optional<String> org) {
    return pool.preparedQuery(EXPIRING).execute(Tuple.tuple().addValue(until).addValue(org.orElse(null)))
        .map(rows -> {
          List<ExpiringCredential> expiring = new ArrayList<>();
          rows.forEach(row -> expiring.add(new ExpiringCredential(row.getUUID("id"), row.getString("org_slug"),
              row.getString("kind"), row.getString("display_name"), row.getString("credential"),
              row.getLocalDate("expires_at"))));
          return expiring;
        });
  }

  @Override
  public Future<Boolean> recordExpiryNotice(SqlClient sql, ExpiringCredential credential, int announced,
      List<Integer> crossed) {
    return sql.preparedQuery(RECORD_EXPIRY_NOTICE)
        .execute(Tuple.of(credential.connectorId(), credential.expiresAt(), announced))
        .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(false)
            : sql.preparedQuery(RECORD_EXPIRY_NOTICE).executeBatch(crossed.stream()
                    .map(threshold -> Tuple.of(credential.connectorId(), credential.expiresAt(), threshold)).toList())
                .map(true));
  }

  @Override
  public Future<Void> recordCertificateExpiry(UUID id, LocalDate expiresOn) {
    return pool.preparedQuery(RECORD_CERTIFICATE_EXPIRY).execute(Tuple.of(id, expiresOn)).mapEmpty();
  }

  @Override
  public Future<List<StoredParameters>> apiConnectorParameters() {
    return pool.query(API_CONNECTOR_PARAMETERS).execute().map(rows -> {
      List<StoredParameters> connectors = new ArrayList<>();
      rows.forEach(row -> connectors.add(new StoredParameters(row.getUUID("id"), row.getString("org_slug"),
          row.getString("kind"), (JsonObject) row.getJson("parameters"))));
      return connectors;
    });
  }

  @Override
  public Future<Void> lockFileSync(SqlClient sql) {
    return sql.query(LOCK_FILE_SYNC).execute().mapEmpty();
  }

  @Override
  public Future<List<FileDeclaredConnector>> declaredByFile(SqlClient sql) {
    return sql.query(DECLARED_BY_FILE).execute().map(rows -> {
      List<FileDeclaredConnector> declared = new ArrayList<>();
      rows.forEach(row -> declared.add(new FileDeclaredConnector(row.getUUID("id"), row.getString("org_slug"),
          row.getString("kind"), row.getString("display_name"), row.getString("state"),
          row.getString("email_pattern"), (JsonObject) row.getJson("parameters"),
          (JsonObject) row.getJson("claim_mapping"), List.of(row.getArrayOfStrings("domains")))));
      return declared;
    });
  }

  @Override
  public Future<Boolean> isApiConnector(SqlClient sql, UUID id) {
    return sql.preparedQuery(API_CONNECTOR_WITH_ID).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> upsertFromFile(SqlClient sql, UUID id, String org, ConnectorDefinition definition) {
    return sql.preparedQuery(UPSERT_FROM_FILE).execute(Tuple.from(new Object[] {id, org, definition.kind().value(),
            definition.displayName(), definition.emailPattern(), definition.settings().toParameters(),
            definition.claimMapping().toJson(), CredentialExpiry.clientSecret(definition),
            CredentialExpiry.certificate(definition)}))
        .compose(written -> sql.preparedQuery(DELETE_DOMAINS).execute(Tuple.of(id)))
        .compose(cleared -> insertDomains(sql, id, definition));
  }

  @Override
  public Future<Void> deleteFileConnectorsBut(SqlClient sql, List<UUID> kept) {
    return sql.preparedQuery(DELETE_STALE_FILE_CONNECTORS).execute(Tuple.of((Object) kept.toArray(UUID[]::new)))
        .mapEmpty();
  }

  private static Future<Void> insertDomains(SqlClient sql, UUID id, ConnectorDefinition definition) {
    List<Tuple> rows = new ArrayList<>();
    definition.domains().forEach(domain -> rows.add(Tuple.of(id, domain)));
    return rows.isEmpty() ? Future.succeededFuture()
        : sql.preparedQuery(INSERT_DOMAIN).executeBatch(rows).mapEmpty();
  }

  private static List<ConnectorStatus> statuses(RowSet<Row> rows) {
    List<ConnectorStatus> statuses = new ArrayList<>();
    rows.forEach(row -> statuses.add(new ConnectorStatus(row.getUUID("id"), row.getString("org_slug"),
        row.getString("source"), row.getString("state"))));
    return statuses;
  }

  private static StoredConnector stored(Row row) {
    return new StoredConnector(row.getUUID("id"), row.getString("org_slug"), row.getString("kind"),
        row.getString("display_name"), row.getString("state"), row.getString("source"),
        List.of(row.getArrayOfStrings("all_domains")), row.getString("email_pattern"),
        (JsonObject) row.getJson("claim_mapping"), (JsonObject) row.getJson("parameters"),
        row.getBoolean("secret_set"), Optional.ofNullable(row.getLocalDate("client_secret_expires_at")),
        Optional.ofNullable(row.getLocalDate("certificate_expires_at")),
        row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
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

package io.ssobroker.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.platform.bus.BusRequester;
import io.ssobroker.platform.connector.ConnectorKind;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.crypto.SecretSealer;
import io.ssobroker.platform.db.PgPools;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.ssobroker.platform.registry.RegistryClient;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.platform.service.ServiceContext;
import io.ssobroker.platform.testing.Await;
import io.ssobroker.platform.testing.TestConfig;
import io.ssobroker.platform.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RegistryLookupIT {

  private static Pool sql;
  private static RegistryClient registry;
  private static BusRequester bus;

  @BeforeAll
  static void deployRegistry(Vertx vertx) throws java.io.IOException {
    var config = TestConfig.fromFlags(vertx, "--data-dir",
        java.nio.file.Files.createTempDirectory("registry-it").toString());
    ServiceContext context = new ServiceContext(config.eventBus(), TestPostgres.settings(), "unused:9092");
    Await.result(vertx.deployVerticle(new RegistryService(config.registry()).verticle(context)));
    sql = PgPools.create(vertx, TestPostgres.settings(), "test", 2);
    bus = new BusRequester(vertx, Duration.ofSeconds(2));
    registry = new RegistryClient(bus);
  }

  @AfterAll
  static void closePool() {
    Await.result(sql.close());
  }

  @BeforeEach
  void emptyTables() {
    Await.result(sql.query("truncate registry.orgs, registry.connectors, registry.domains, registry.connector_domains cascade")
        .execute());
    insertOrg("acme");
    insertOrg("globex");
  }

  @Test
  void activeConnectorIsFoundByItsVerifiedDomain() {
    UUID id = insertConnector("acme", "active", "acme.com", "acme.fr");
    insertDomain("acme.com", "acme", true);
    insertDomain("acme.fr", "acme", true);

    ConnectorDescriptor found = Await.result(registry.activeConnectorForDomain("ACME.com")).orElseThrow();

    assertThat(found.id()).isEqualTo(id);
    assertThat(found.org()).isEqualTo("acme");
    assertThat(found.kind()).isEqualTo(ConnectorKind.OIDC);
    assertThat(found.state()).isEqualTo(ConnectorState.ACTIVE);
    assertThat(found.domains()).containsExactly("acme.com", "acme.fr");
    assertThat(found.parameters().getString("clientId")).isEqualTo("client-acme");
    assertThat(found.claimMapping().email()).isEqualTo("upn");
  }

  @Test
  void unverifiedDomainRoutesNothing() {
    insertConnector("acme", "active", "acme.com");
    insertDomain("acme.com", "acme", false);

    assertThat(Await.result(registry.activeConnectorForDomain("acme.com"))).isEmpty();
  }

  @Test
  void domainVerifiedForAnotherOrgRoutesNothing() {
    insertConnector("acme", "active", "globex.com");
    insertDomain("globex.com", "globex", true);

    assertThat(Await.result(registry.activeConnectorForDomain("globex.com"))).isEmpty();
  }

  @Test
  void onlyActiveConnectorsRouteLogins() {
    for (String state : new String[] {"draft", "testing", "scheduled", "retired"}) {
      insertConnector("acme", state, "acme.com");
    }
    insertDomain("acme.com", "acme", true);

    assertThat(Await.result(registry.activeConnectorForDomain("acme.com"))).isEmpty();
  }

  @Test
  void connectorByIdIsFoundInAnyState() {
    UUID id = insertConnector("globex", "testing", "globex.com");

    Optional<ConnectorDescriptor> found = Await.result(registry.connectorById(id));

    assertThat(found).hasValueSatisfying(connector -> {
      assertThat(connector.org()).isEqualTo("globex");
      assertThat(connector.state()).isEqualTo(ConnectorState.TESTING);
    });
    assertThat(Await.result(registry.connectorById(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void malformedRequestsAreRejectedAsInvalid() {
    Throwable failure = Await.failure(bus.request(RegistryContract.CONNECTOR_BY_ID,
        new JsonObject().put("connectorId", "not-a-uuid")));
    assertThat(failure).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) failure).failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);

    Throwable noDomain = Await.failure(bus.request(RegistryContract.ACTIVE_CONNECTOR_FOR_DOMAIN, new JsonObject()));
    assertThat(((ServiceException) noDomain).failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
  }

  @Test
  void certificateExpiryReportedForAMetadataUrlConnectorIsKeptForTheRadar() {
    UUID byUrl = UUID.randomUUID();
    UUID written = UUID.randomUUID();
    for (UUID id : List.of(byUrl, written)) {
      JsonObject parameters = id == byUrl ? new JsonObject().put("metadataUrl", "https://idp.acme.com/metadata")
          : new JsonObject().put("metadataXml", "<md:EntityDescriptor/>");
      Await.result(sql.preparedQuery("""
              insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters, claim_mapping)
              values ($1, 'acme', 'saml', 'SAML', 'active', 'api', $2, '{}')
              """).execute(Tuple.of(id, parameters)));
    }
    for (UUID id : List.of(byUrl, written)) {
      Await.result(bus.request(RegistryContract.SAML_CERTIFICATES_SEEN, new JsonObject()
          .put("connectorId", id.toString()).put("certificatesExpireOn", "2027-01-31")));
    }

    assertThat(certificateExpiry(byUrl)).isEqualTo("2027-01-31");
    assertThat(certificateExpiry(written)).as("certificates written in the connector are not overridden").isNull();
    Throwable malformed = Await.failure(bus.request(RegistryContract.SAML_CERTIFICATES_SEEN,
        new JsonObject().put("connectorId", byUrl.toString()).put("certificatesExpireOn", "soon")));
    assertThat(((ServiceException) malformed).failure()).isEqualTo(ServiceFailure.INVALID_REQUEST);
  }

  private static String certificateExpiry(UUID id) {
    Object value = Await.result(sql.preparedQuery("select certificate_expires_at::text from registry.connectors "
        + "where id = $1").execute(Tuple.of(id))).iterator().next().getValue(0);
    return value == null ? null : value.toString();
  }

  private static void insertOrg(String slug) {
    Await.result(sql.preparedQuery("insert into registry.orgs (slug, name) values ($1, $2)")
        .execute(Tuple.of(slug, slug.toUpperCase())));
  }

  @Test
  void aConnectorNamesOnlyTheDomainsItsOrgHasVerified() {
    UUID id = insertConnector("acme", "active", "acme.com", "unverified.example", "globex.com");
    insertDomain("acme.com", "acme", true);
    insertDomain("unverified.example", "acme", false);
    insertDomain("globex.com", "globex", true);

    ConnectorDescriptor found = Await.result(registry.connectorById(id)).orElseThrow();

    assertThat(found.domains()).containsExactly("acme.com");
  }

  @Test
  void storedConnectorsThatNoLongerPassValidationAreNamedWithTheirField() throws java.io.IOException {
    UUID legacy = UUID.randomUUID();
    Await.result(sql.preparedQuery("""
            insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters)
            values ($1, 'acme', 'azure', 'Entra', 'active', 'api', $2)
            """)
        .execute(Tuple.of(legacy, new JsonObject().put("tenantId", "00000000-0000-0000-0000-0000000000aa")
            .put("tenantType", "multi").put("clientId", "app"))));
    UUID valid = UUID.randomUUID();
    Await.result(sql.preparedQuery("""
            insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters)
            values ($1, 'globex', 'oidc', 'SSO', 'active', 'api', $2)
            """)
        .execute(Tuple.of(valid, new JsonObject().put("clientId", "app")
            .put("discoveryEndpoint", "https://idp.globex.com/.well-known/openid-configuration"))));

    SecretSealer sealer = SecretSealer.fromConfiguration(Optional.empty(),
        java.nio.file.Files.createTempDirectory("registry-check"));
    List<StoredConnectorsCheck.Invalid> invalid = Await.result(StoredConnectorsCheck.invalid(
        new PgConnectorRepository(sql, sealer)));

    assertThat(invalid).extracting(StoredConnectorsCheck.Invalid::id).containsExactly(legacy).doesNotContain(valid);
    assertThat(invalid.get(0).org()).isEqualTo("acme");
    assertThat(invalid.get(0).problem()).startsWith("parameters.allowedTenants: required for tenantType multi");
  }

  private static UUID insertConnector(String org, String state, String... domains) {
    UUID id = UUID.randomUUID();
    Await.result(sql.preparedQuery("""
            insert into registry.connectors (id, org_slug, kind, display_name, state, source, parameters, claim_mapping)
            values ($1, $2, 'oidc', 'Corporate login', $3, 'api', $4, $5)
            """)
        .execute(Tuple.of(id, org, state, new JsonObject().put("clientId", "client-" + org),
            new JsonObject().put("email", "upn"))));
    for (String domain : domains) {
      Await.result(sql.preparedQuery("insert into registry.connector_domains (connector_id, domain) values ($1, $2)")
          .execute(Tuple.of(id, domain)));
    }
    return id;
  }

  private static void insertDomain(String domain, String org, boolean verified) {
    Await.result(sql.preparedQuery("""
            insert into registry.domains (domain, org_slug, verification_token, verified_at, source)
            values ($1, $2, 'token', case when $3 then now() end, 'api')
            """)
        .execute(Tuple.of(domain, org, verified)));
  }
}

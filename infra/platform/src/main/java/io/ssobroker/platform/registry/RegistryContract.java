package io.ssobroker.platform.registry;

/** Event-bus addresses served by the connector registry. */
public final class RegistryContract {

  /** Request {@link ConnectorForDomainRequest}; reply {@link ConnectorDescriptor}, or NOT_FOUND. */
  public static final String ACTIVE_CONNECTOR_FOR_DOMAIN = "sso.registry.activeConnectorForDomain.v1";

  /** Request {@link ConnectorByIdRequest}; reply {@link ConnectorDescriptor}, or NOT_FOUND. */
  public static final String CONNECTOR_BY_ID = "sso.registry.connectorById.v1";

  /** Request {@link OrgRequest}; reply {@code {"connectors": [ConnectorDescriptor...]}}, possibly empty. */
  public static final String ACTIVE_CONNECTORS_FOR_ORG = "sso.registry.activeConnectorsForOrg.v1";

  /** Request {@link OrgRequest}; reply {@link OrgSummary}, or NOT_FOUND. */
  public static final String ORG_BY_SLUG = "sso.registry.orgBySlug.v1";

  /**
   * Request {@code {"domain", "email"}}; reply the {@link ConnectorDescriptor} of a testing connector of that domain
   * whose testers include the email, or NOT_FOUND.
   */
  public static final String TESTING_CONNECTOR_FOR_TESTER = "sso.registry.testingConnectorForTester.v1";

  /**
   * Told by an edge that fetched a SAML connector's metadata URL: {@code {"connectorId", "certificatesExpireOn":
   * "YYYY-MM-DD"}}, the latest expiry of its signing certificates, for the expiry radar. Replies {@code {}}.
   */
  public static final String SAML_CERTIFICATES_SEEN = "sso.registry.samlCertificatesSeen.v1";

  /**
   * Published (to every listener) after a change of orgs, connectors or domains: {@code {"org": slug}}. Edges drop
   * their cached answers at once; their short cache lifetime covers a lost notice.
   */
  public static final String CHANGED = "sso.registry.changed.v1";

  /** Request {@code {"clientId"}}; reply {@link ClientDescriptor}, or NOT_FOUND. */
  public static final String CLIENT_BY_ID = "sso.registry.clientById.v1";

  private RegistryContract() {}
}

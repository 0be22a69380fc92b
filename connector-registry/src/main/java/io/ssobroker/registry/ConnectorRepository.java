package io.ssobroker.registry;

import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.OrgSummary;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to orgs and connectors, as the login path needs it. */
interface ConnectorRepository {

  /** The active connector routing this domain, if the domain is verified for the connector's own org. */
  Future<Optional<ConnectorDescriptor>> activeForDomain(String domain);

  /** A testing connector routing this verified domain that lists this email as a tester. */
  Future<Optional<ConnectorDescriptor>> testingForTester(String domain, String email);

  Future<List<ConnectorDescriptor>> activeForOrg(String org);

  Future<Optional<ConnectorDescriptor>> byId(UUID id);

  Future<Optional<OrgSummary>> org(String slug);
}

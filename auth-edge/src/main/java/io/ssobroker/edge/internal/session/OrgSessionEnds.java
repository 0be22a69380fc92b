package io.ssobroker.edge.internal.session;

import io.ssobroker.edge.internal.login.ClientInfo;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.ssobroker.platform.registry.ConnectorState;
import io.ssobroker.platform.registry.RegistryClient;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An org whose last active connector was retired or deleted has no SSO any more: the sessions its users signed in to
 * with those connectors end. Sessions of a connector still in testing stay (they serve the test application), and so
 * does every session while the org has an active connector (a connector replaced by another ends nobody's session).
 */
public final class OrgSessionEnds {

  private static final Logger LOG = LoggerFactory.getLogger(OrgSessionEnds.class);

  private final SessionStore sessions;
  private final RegistryClient registry;
  private final SessionEndings endings;

  public OrgSessionEnds(SessionStore sessions, RegistryClient registry, SessionEndings endings) {
    this.sessions = sessions;
    this.registry = registry;
    this.endings = endings;
  }

  /** The registry changed something of this org. */
  public Future<Integer> orgChanged(String org) {
    return sessions.connectorsOfOrg(org).compose(connectors -> connectors.isEmpty() ? Future.succeededFuture(0)
        : registry.activeConnectorsForOrg(org).compose(active -> active.isEmpty()
            ? endWithout(org, connectors) : Future.succeededFuture(0)));
  }

  private Future<Integer> endWithout(String org, List<UUID> connectors) {
    List<Future<Optional<ConnectorDescriptor>>> lookups = new ArrayList<>();
    connectors.forEach(id -> lookups.add(registry.connectorById(id)));
    return Future.all(lookups).compose(found -> {
      List<UUID> gone = new ArrayList<>();
      for (int i = 0; i < connectors.size(); i++) {
        Optional<ConnectorDescriptor> connector = found.resultAt(i);
        if (connector.isEmpty() || connector.get().state() != ConnectorState.TESTING) {
          gone.add(connectors.get(i));
        }
      }
      return gone.isEmpty() ? Future.succeededFuture(0)
          : endings.ofOrgConnectors(org, gone, ClientInfo.NONE).map(List::size).onSuccess(count -> {
            if (count > 0) {
              LOG.info("ended {} sessions of org {}: it has no active connector any more", count, org);
            }
          });
    });
  }
}

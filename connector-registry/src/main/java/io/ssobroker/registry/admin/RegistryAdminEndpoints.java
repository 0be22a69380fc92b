package io.ssobroker.registry.admin;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminContract;
import io.ssobroker.platform.admin.AdminRequest;
import io.ssobroker.platform.audit.OutboxRelay;
import io.ssobroker.platform.bus.BusEndpoint;
import io.ssobroker.platform.bus.ChangeNotices;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.bus.ServiceFailure;
import io.ssobroker.platform.registry.RegistryContract;
import io.ssobroker.registry.clients.ClientHandlers;
import io.ssobroker.registry.clients.ClientService;
import io.ssobroker.registry.connectors.ConnectorActivationService;
import io.ssobroker.registry.connectors.ConnectorHandlers;
import io.ssobroker.registry.connectors.ConnectorService;
import io.ssobroker.registry.connectors.ExpiringConnectorsHandler;
import io.ssobroker.registry.connectors.ExpiryService;
import io.ssobroker.registry.domains.DomainHandlers;
import io.ssobroker.registry.domains.DomainService;
import io.ssobroker.registry.orgs.OrgHandlers;
import io.ssobroker.registry.orgs.OrgService;
import io.ssobroker.registry.setup.SetupLinkHandlers;
import io.ssobroker.registry.setup.SetupLinkService;
import io.ssobroker.registry.tokens.AdminTokenHandlers;
import io.ssobroker.registry.tokens.AdminTokenService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The registry's side of the admin API over the event bus: token authentication, admin tokens, orgs, connectors,
 * domains, setup links and product clients.
 */
public final class RegistryAdminEndpoints {

  private final Vertx vertx;
  private final AdminTokenService tokens;
  private final AdminTokenHandlers tokenHandlers;
  private final OrgHandlers orgs;
  private final ConnectorHandlers connectors;
  private final DomainHandlers domains;
  private final ExpiringConnectorsHandler expiry;
  private final ClientHandlers clients;
  private final SetupLinkService setupLinks;
  private final SetupLinkHandlers setupLinkHandlers;
  private final OutboxRelay relay;

  public RegistryAdminEndpoints(Vertx vertx, AdminTokenService tokens, OrgService orgs, ConnectorService connectors,
      ConnectorActivationService activation, DomainService domains, ExpiryService expiry, ClientService clients,
      SetupLinkService setupLinks, OutboxRelay relay) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.tokenHandlers = new AdminTokenHandlers(tokens);
    this.orgs = new OrgHandlers(orgs);
    this.connectors = new ConnectorHandlers(connectors, activation);
    this.domains = new DomainHandlers(domains);
    this.expiry = new ExpiringConnectorsHandler(expiry);
    this.clients = new ClientHandlers(clients);
    this.setupLinks = setupLinks;
    this.setupLinkHandlers = new SetupLinkHandlers(setupLinks);
    this.relay = relay;
  }

  public Future<?> serve() {
    return Future.all(java.util.List.of(
        BusEndpoint.serveWhenRegistered(vertx, AdminContract.AUTHENTICATE, request -> {
          byte[] hash = hash(request, "tokenHash");
          return tokens.authenticate(hash)
              .compose(actor -> actor.isPresent() ? Future.succeededFuture(actor) : setupLinks.authenticate(hash))
              .map(actor -> actor.orElseThrow(() ->
                  new ServiceException(ServiceFailure.UNAUTHENTICATED, "unknown or revoked token")).toJson());
        }),
        BusEndpoint.serveWhenRegistered(vertx, AdminContract.REDEEM_SETUP_LINK, request -> setupLinks
            .redeem(hash(request, "linkHash"), hash(request, "sessionHash")).map(AdminActor::toJson)
            .onSuccess(opened -> relay.nudge())),
        change(AdminContract.CREATE_SETUP_LINK, setupLinkHandlers::create),
        serve(AdminContract.LIST_SETUP_LINKS, setupLinkHandlers::list),
        change(AdminContract.REVOKE_SETUP_LINK, setupLinkHandlers::revoke),
        change(AdminContract.CREATE_TOKEN, tokenHandlers::create),
        serve(AdminContract.LIST_TOKENS, tokenHandlers::list),
        change(AdminContract.REVOKE_TOKEN, tokenHandlers::revoke),
        change(AdminContract.CREATE_ORG, orgs::create),
        serve(AdminContract.LIST_ORGS, orgs::list),
        serve(AdminContract.GET_ORG, orgs::get),
        change(AdminContract.UPDATE_ORG, orgs::update),
        change(AdminContract.DELETE_ORG, orgs::delete),
        change(AdminContract.CREATE_CONNECTOR, connectors::create),
        serve(AdminContract.LIST_CONNECTORS, connectors::list),
        serve(AdminContract.GET_CONNECTOR, connectors::get),
        change(AdminContract.UPDATE_CONNECTOR, connectors::update),
        change(AdminContract.DELETE_CONNECTOR, connectors::delete),
        change(AdminContract.ACTIVATE_CONNECTOR, connectors::activate),
        change(AdminContract.TEST_CONNECTOR, connectors::test),
        change(AdminContract.CLAIM_DOMAIN, domains::claim),
        serve(AdminContract.LIST_DOMAINS, domains::list),
        serve(AdminContract.GET_DOMAIN, domains::get),
        change(AdminContract.DELETE_DOMAIN, domains::delete),
        change(AdminContract.VERIFY_DOMAIN, domains::verify),
        serve(AdminContract.EXPIRING_CONNECTORS, expiry::list),
        change(AdminContract.CREATE_CLIENT, clients::create),
        serve(AdminContract.LIST_CLIENTS, clients::list),
        serve(AdminContract.GET_CLIENT, clients::get),
        change(AdminContract.UPDATE_CLIENT, clients::update),
        change(AdminContract.DELETE_CLIENT, clients::delete),
        change(AdminContract.ROTATE_CLIENT_SECRET, clients::rotateSecret)));
  }

  private static byte[] hash(JsonObject request, String field) {
    try {
      byte[] hash = Base64.getDecoder().decode(request.getString(field, ""));
      if (hash.length != 32) {
        throw new ServiceException(ServiceFailure.UNAUTHENTICATED, "malformed token");
      }
      return hash;
    } catch (IllegalArgumentException malformed) {
      throw new ServiceException(ServiceFailure.UNAUTHENTICATED, "malformed token");
    }
  }

  private Future<?> serve(String address, Function<AdminRequest, Future<JsonObject>> handler) {
    return BusEndpoint.serveWhenRegistered(vertx, address, json -> handler.apply(AdminRequest.fromJson(address, json)));
  }

  /**
   * A committed change: its audit event is in the outbox (deliver it now rather than at the next poll), and every
   * edge is told to drop what it cached.
   */
  private Future<?> change(String address, Function<AdminRequest, Future<JsonObject>> handler) {
    return serve(address, request -> handler.apply(request).onSuccess(done -> {
      relay.nudge();
      announceChange(vertx, request.param("org"));
    }));
  }

  public static void announceChange(Vertx vertx, String org) {
    ChangeNotices.announce(vertx, RegistryContract.CHANGED, new JsonObject().put("org", org));
  }
}

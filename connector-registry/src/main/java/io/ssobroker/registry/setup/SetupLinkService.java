package io.ssobroker.registry.setup;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Setup links: a platform admin (or the org's own admin) hands one to the customer's IT admin, who opens it once in
 * the console and may then set up that org's connectors and domains until the link expires or is revoked. The link's
 * secret exists only in the creation's answer; opening it binds the link to one console session, whose hash is then
 * the only credential the link has.
 */
public final class SetupLinkService {

  /** A link just created: the only moment its secret exists outside the caller's hands. */
  public record Created(SetupLink link, String secret) {}

  private static final String PREFIX = "ssosetup_";

  private final Pool pool;
  private final SetupLinkRepository links;
  private final AuditOutbox outbox;
  private final Clock clock;

  public SetupLinkService(Pool pool, SetupLinkRepository links, AuditOutbox outbox, Clock clock) {
    this.pool = pool;
    this.links = links;
    this.outbox = outbox;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Refuses an actor of another org as if the org did not exist; before its request is read. */
  public static Future<Void> maySee(AdminActor actor, String org) {
    return actor.mayAccess(org) ? Future.succeededFuture() : Future.failedFuture(noOrg(org));
  }

  public Future<Created> create(AdminActor actor, String org, CreateSetupLinkRequest request) {
    String secret = PREFIX + Tokens.random();
    Instant now = clock.instant();
    NewSetupLink link = new NewSetupLink(UUID.randomUUID(), org, request.name().orElse("setup of " + org),
        Tokens.sha256(secret), actor.name(), now, now.plus(request.lifetime()));
    return maySee(actor, org)
        .compose(visible -> pool.withTransaction(sql -> links.insert(sql, link)
            .compose(stored -> stored.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(noOrg(org))))
            .compose(created -> audit(sql, actor, "admin.setup_link.created", created, now))))
        .map(created -> new Created(created, secret));
  }

  public Future<List<SetupLink>> list(AdminActor actor, String org) {
    return maySee(actor, org).compose(visible -> links.list(org));
  }

  /** Revoking a link also ends the console session that opened it: its next request no longer authenticates. */
  public Future<SetupLink> revoke(AdminActor actor, String org, UUID id) {
    Instant now = clock.instant();
    return (actor.mayAccess(org) ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(noLink()))
        .compose(visible -> pool.withTransaction(sql -> links.revoke(sql, id, org, now)
            .compose(revoked -> revoked.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(
                ServiceException.notFound("id", "no such setup link, or revoked already"))))
            .compose(revoked -> audit(sql, actor, "admin.setup_link.revoked", revoked, now))));
  }

  /**
   * Opens a link, once: binds it to the console session of {@code sessionHash}. A used link is a conflict; an
   * unknown, expired or revoked one is not found, with a message that tells the IT admin which.
   */
  public Future<AdminActor> redeem(byte[] linkHash, byte[] sessionHash) {
    Instant now = clock.instant();
    return pool.withTransaction(sql -> links.lockByLink(sql, linkHash)
        .compose(found -> openable(found, now))
        .compose(link -> links.redeem(sql, link.id(), now, sessionHash))
        .compose(opened -> {
          AdminActor actor = AdminActor.ofSetupLink(opened.id(), opened.org());
          return audit(sql, actor, "admin.setup_link.opened", opened, now).map(actor);
        }));
  }

  /** The setup link whose console session has this hash, while the link is neither expired nor revoked. */
  public Future<Optional<AdminActor>> authenticate(byte[] sessionHash) {
    return links.findBySession(sessionHash, clock.instant())
        .map(found -> found.map(link -> AdminActor.ofSetupLink(link.id(), link.org())));
  }

  private static Future<SetupLink> openable(Optional<SetupLink> found, Instant now) {
    if (found.isEmpty()) {
      return Future.failedFuture(ServiceException.notFound("this setup link is unknown"));
    }
    SetupLink link = found.get();
    if (link.revokedAt().isPresent()) {
      return Future.failedFuture(ServiceException.notFound("this setup link was revoked"));
    }
    if (!now.isBefore(link.expiresAt())) {
      return Future.failedFuture(ServiceException.notFound("this setup link has expired"));
    }
    if (link.usedAt().isPresent()) {
      return Future.failedFuture(ServiceException.conflict("this setup link was used already"));
    }
    return Future.succeededFuture(link);
  }

  private Future<SetupLink> audit(SqlClient sql, AdminActor actor, String type, SetupLink link, Instant now) {
    return outbox.append(sql, AdminChangeEvents.change(type, actor, link.org(), "setup link " + link.id(), null,
        link.toJson(now))).map(link);
  }

  private static ServiceException noOrg(String org) {
    return ServiceException.notFound("org", "no org " + org);
  }

  static ServiceException noLink() {
    return ServiceException.notFound("id", "no such setup link");
  }
}

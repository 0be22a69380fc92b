package io.ssobroker.registry.orgs;

import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.registry.ConnectorRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orgs: platform admins create and delete them; an org admin reads and updates its own org only (another org is not
 * found, as if it did not exist). Each change and its {@code admin.org.*} event are one transaction.
 */
public final class OrgService {

  private static final Logger LOG = LoggerFactory.getLogger(OrgService.class);

  private final Pool pool;
  private final OrgRepository orgs;
  private final ConnectorRepository connectors;
  private final OrgUsers users;
  private final AuditOutbox outbox;

  public OrgService(Pool pool, OrgRepository orgs, ConnectorRepository connectors, OrgUsers users,
      AuditOutbox outbox) {
    this.pool = pool;
    this.orgs = orgs;
    this.connectors = connectors;
    this.users = users;
    this.outbox = outbox;
  }

  /** Refuses an actor who may not create orgs; before its request is read, so it learns nothing from it. */
  public static Future<Void> mayCreate(AdminActor actor) {
    return actor.isPlatform() ? Future.succeededFuture()
        : Future.failedFuture(ServiceException.forbidden("only a platform admin creates orgs"));
  }

  /** Refuses an actor of another org as if the org did not exist. */
  public static Future<Void> maySee(AdminActor actor, String slug) {
    return actor.mayAccess(slug) ? Future.succeededFuture() : Future.failedFuture(noOrg(slug));
  }

  public Future<Org> create(AdminActor actor, CreateOrgRequest request) {
    return mayCreate(actor).compose(allowed -> pool.withTransaction(sql -> insert(sql, request)
        .compose(created -> audit(sql, actor, "admin.org.created", null, created).map(created))));
  }

  public Future<List<Org>> list(AdminActor actor) {
    return orgs.list(actor.org());
  }

  public Future<Org> get(AdminActor actor, String slug) {
    return maySee(actor, slug).compose(visible -> orgs.find(slug)).compose(found -> existing(found, slug));
  }

  /** Replaces name, landing URL, allowed origins and branding. */
  public Future<Org> update(AdminActor actor, String slug, OrgFields fields) {
    return maySee(actor, slug).compose(visible -> pool.withTransaction(sql -> locked(sql, slug)
        .compose(before -> orgs.update(sql, slug, fields)
            .compose(after -> audit(sql, actor, "admin.org.updated", before, after).map(after)))));
  }

  /**
   * Deletes an org with its connectors, domains and tokens, and has the directory delete its users first (their keys
   * revoked, their sessions ended), so that no one keeps access through an org that is gone, nor passes to a new org
   * of the same slug. Not an org that the connectors file declares. Users added while this runs are swept once more
   * after the org is gone, when no one can add any.
   */
  public Future<Void> delete(AdminActor actor, String slug) {
    return maySee(actor, slug)
        .compose(visible -> actor.isPlatform() ? Future.succeededFuture()
            : Future.<Void>failedFuture(ServiceException.forbidden("only a platform admin deletes orgs")))
        .compose(allowed -> pool.withConnection(sql -> deletable(sql, slug)))
        .compose(checked -> users.deleteAll(actor, slug))
        .compose(usersDeleted -> pool.withTransaction(sql -> deletable(sql, slug)
            .compose(before -> orgs.delete(sql, slug).compose(deleted ->
                audit(sql, actor, "admin.org.deleted", before, null)))))
        .compose(orgDeleted -> sweepUsersAddedMeanwhile(actor, slug));
  }

  private Future<Org> insert(SqlClient sql, CreateOrgRequest request) {
    return orgs.insert(sql, request.slug(), request.fields()).compose(created -> created.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(ServiceException.conflict("slug",
            "an org " + request.slug() + " already exists"))));
  }

  private Future<Org> locked(SqlClient sql, String slug) {
    return orgs.lock(sql, slug).compose(found -> existing(found, slug));
  }

  /** The org (locked when in a transaction), unless it is missing or the connectors file declares connectors for it. */
  private Future<Org> deletable(SqlClient sql, String slug) {
    return locked(sql, slug).compose(org -> connectors.hasFileConnectors(sql, slug).compose(fromFile -> fromFile
        ? Future.failedFuture(ServiceException.conflict("slug", "org " + slug
            + " has connectors from the connectors file; remove them there first"))
        : Future.succeededFuture(org)));
  }

  private Future<Void> sweepUsersAddedMeanwhile(AdminActor actor, String slug) {
    return users.deleteAll(actor, slug).recover(failure -> {
      LOG.warn("org {} deleted, but the sweep for users added meanwhile failed: {}", slug, failure.toString());
      return Future.succeededFuture();
    });
  }

  private Future<Void> audit(SqlClient sql, AdminActor actor, String type, Org before, Org after) {
    String slug = (after != null ? after : before).slug();
    return outbox.append(sql, AdminChangeEvents.change(type, actor, slug, "org " + slug,
        before == null ? null : before.toJson(), after == null ? null : after.toJson()));
  }

  private static Future<Org> existing(java.util.Optional<Org> found, String slug) {
    return found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(noOrg(slug)));
  }

  public static ServiceException noOrg(String slug) {
    return ServiceException.notFound("org", "no org " + slug);
  }
}

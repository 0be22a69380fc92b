package io.ssobroker.registry.domains;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.registry.orgs.OrgRepository;
import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Locale;

/**
 * Email domains of an org: claimed through the API (one org at most per domain), then verified by a DNS TXT record
 * {@code sso-verification=<token>} at the domain. Only verified domains route logins; domains of the connectors file
 * count as verified. Another org's domain is not found, as if it did not exist.
 */
public final class DomainService {

  private final Pool pool;
  private final DomainRepository domains;
  private final OrgRepository orgs;
  private final AuditOutbox outbox;
  private final DnsClient dns;

  public DomainService(Pool pool, DomainRepository domains, OrgRepository orgs, AuditOutbox outbox, DnsClient dns) {
    this.pool = pool;
    this.domains = domains;
    this.orgs = orgs;
    this.outbox = outbox;
    this.dns = dns;
  }

  /** 409 when another org holds the domain; claiming a domain the org holds already changes nothing. */
  public Future<Domain> claim(AdminActor actor, String org, String domain) {
    return (actor.mayAccess(org) ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(noOrg(org)))
        .compose(visible -> pool.withTransaction(sql -> existingOrg(sql, org)
            .compose(found -> domains.claim(sql, domain, org, Tokens.randomHex(16)))
            .compose(claimed -> claimed.isPresent()
                ? audit(sql, actor, "admin.domain.claimed", org, null, claimed.get()).map(claimed.get())
                : heldAlready(sql, org, domain))));
  }

  public Future<List<Domain>> list(AdminActor actor, String org) {
    return actor.mayAccess(org) ? domains.list(org) : Future.failedFuture(noOrg(org));
  }

  public Future<Domain> get(AdminActor actor, String org, String domain) {
    return pool.withConnection(sql -> owned(sql, actor, org, domain));
  }

  public Future<Void> delete(AdminActor actor, String org, String domain) {
    return pool.withTransaction(sql -> owned(sql, actor, org, domain)
        .compose(existing -> existing.fromFile()
            ? Future.failedFuture(ServiceException.conflict("domain", domain + " comes from the connectors file"))
            : domains.delete(sql, existing.domain(), org)
                .compose(deleted -> audit(sql, actor, "admin.domain.deleted", org, existing, null))));
  }

  /** Looks up the domain's TXT records; the one with this domain's token verifies it. */
  public Future<Domain> verify(AdminActor actor, String org, String domain) {
    return get(actor, org, domain).compose(existing -> existing.verifiedAt().isPresent()
        ? Future.succeededFuture(existing)
        : publishedRecord(existing, domain).compose(published -> pool.withTransaction(sql ->
            domains.verify(sql, existing.domain()).compose(verified -> outbox.append(sql, verifiedEvent(actor, org,
                    domain))
                .compose(done -> audit(sql, actor, "admin.domain.verified", org, existing, verified))
                .map(verified)))));
  }

  private Future<Void> publishedRecord(Domain existing, String domain) {
    String expected = existing.verificationRecord();
    return dns.resolveTXT(existing.domain())
        .recover(failure -> Future.failedFuture(ServiceException.conflict("domain", "no TXT record found at "
            + domain + " (" + failure.getMessage() + "); publish " + expected)))
        .compose(records -> records.stream().map(String::trim).anyMatch(expected::equals) ? Future.succeededFuture()
            : Future.failedFuture(ServiceException.conflict("domain", "the TXT records of " + domain
                + " do not contain " + expected + " yet")));
  }

  private Future<Void> existingOrg(SqlClient sql, String org) {
    return orgs.exists(sql, org).compose(exists -> exists ? Future.succeededFuture()
        : Future.failedFuture(noOrg(org)));
  }

  private Future<Domain> heldAlready(SqlClient sql, String org, String domain) {
    return domains.find(sql, domain).compose(held -> held.orElseThrow().org().equals(org)
        ? Future.succeededFuture(held.get())
        : Future.failedFuture(ServiceException.conflict("domain", domain + " belongs to another org")));
  }

  private Future<Domain> owned(SqlClient sql, AdminActor actor, String org, String domain) {
    if (!actor.mayAccess(org) || domain == null) {
      return Future.failedFuture(noDomain());
    }
    return domains.find(sql, domain.toLowerCase(Locale.ROOT)).compose(found -> found
        .filter(existing -> existing.org().equals(org))
        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(noDomain())));
  }

  private static AuditEvent verifiedEvent(AdminActor actor, String org, String domain) {
    return AuditEvent.builder("domain.verified").org(org)
        .details(new JsonObject().put("domain", domain).put("actor", actor.toJson())).build();
  }

  private Future<Void> audit(SqlClient sql, AdminActor actor, String type, String org, Domain before, Domain after) {
    String domain = (after != null ? after : before).domain();
    return outbox.append(sql, AdminChangeEvents.change(type, actor, org, "domain " + domain,
        before == null ? null : before.toJson(), after == null ? null : after.toJson()));
  }

  private static ServiceException noOrg(String org) {
    return ServiceException.notFound("org", "no org " + org);
  }

  private static ServiceException noDomain() {
    return ServiceException.notFound("domain", "no such domain");
  }
}

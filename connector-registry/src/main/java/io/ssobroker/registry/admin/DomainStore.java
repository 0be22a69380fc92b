package io.ssobroker.registry.admin;

import io.ssobroker.platform.Tokens;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.admin.AdminChangeEvents;
import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.bus.ServiceException;
import io.ssobroker.platform.connector.DomainNames;
import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;

/**
 * Email domains of an org: claimed through the API (one org at most per domain), then verified by a DNS TXT record
 * {@code sso-verification=<token>} at the domain. Only verified domains route logins; domains of the connectors file
 * count as verified.
 */
public final class DomainStore {

  private static final String COLUMNS = "domain, org_slug, verification_token, verified_at, source, created_at";
  private static final String CLAIM = "insert into registry.domains (domain, org_slug, verification_token, source) "
      + "values ($1, $2, $3, 'api') on conflict (domain) do nothing returning " + COLUMNS;
  private static final String SELECT = "select " + COLUMNS + " from registry.domains where domain = $1";
  private static final String LIST = "select " + COLUMNS + " from registry.domains where org_slug = $1 order by domain";
  private static final String ORG_EXISTS = "select 1 from registry.orgs where slug = $1";
  private static final String VERIFY = "update registry.domains set verified_at = now() where domain = $1 "
      + "and verified_at is null returning " + COLUMNS;
  private static final String DELETE = "delete from registry.domains where domain = $1 and org_slug = $2";
  private static final String PREFIX = "sso-verification=";

  private final Pool pool;
  private final AuditOutbox outbox;
  private final DnsClient dns;

  public DomainStore(Pool pool, AuditOutbox outbox, DnsClient dns) {
    this.pool = pool;
    this.outbox = outbox;
    this.dns = dns;
  }

  /** {@code {"domain": "acme.com"}}: 409 when another org holds it; claiming a domain the org holds is a no-op. */
  public Future<JsonObject> claim(AdminActor actor, String org, JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("domain")) {
        return Future.failedFuture(ServiceException.invalid(field, "unknown field"));
      }
    }
    String domain = body.getValue("domain") instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : null;
    if (!DomainNames.isValid(domain)) {
      return Future.failedFuture(ServiceException.invalid("domain", "must be a domain name such as acme.com"));
    }
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("org", "no org " + org));
    }
    return pool.withTransaction(sql -> sql.preparedQuery(ORG_EXISTS).execute(Tuple.of(org))
        .compose(found -> found.size() == 0 ? Future.failedFuture(FieldRefusals.notFound("org", "no org " + org))
            : sql.preparedQuery(CLAIM).execute(Tuple.of(domain, org, newToken())))
        .compose(claimed -> {
          if (claimed.size() == 1) {
            JsonObject created = describe(claimed.iterator().next());
            return outbox.append(sql, AdminChangeEvents.change("admin.domain.claimed", actor, org, "domain " + domain,
                null, created)).map(done -> created);
          }
          return sql.preparedQuery(SELECT).execute(Tuple.of(domain)).map(rows -> {
            Row existing = rows.iterator().next();
            if (!existing.getString("org_slug").equals(org)) {
              throw ServiceException.conflict("domain", domain + " belongs to another org");
            }
            return describe(existing);
          });
        }));
  }

  public Future<JsonObject> list(AdminActor actor, String org) {
    if (!actor.mayAccess(org)) {
      return Future.failedFuture(FieldRefusals.notFound("org", "no org " + org));
    }
    return pool.preparedQuery(LIST).execute(Tuple.of(org)).map(rows -> {
      JsonArray domains = new JsonArray();
      rows.forEach(row -> domains.add(describe(row)));
      return new JsonObject().put("domains", domains);
    });
  }

  public Future<JsonObject> get(AdminActor actor, String org, String domain) {
    return owned(actor, org, domain).map(DomainStore::describe);
  }

  public Future<Void> delete(AdminActor actor, String org, String domain) {
    return owned(actor, org, domain).compose(row -> "file".equals(row.getString("source"))
        ? Future.failedFuture(ServiceException.conflict("domain", domain + " comes from the connectors file"))
        : pool.withTransaction(sql -> sql.preparedQuery(DELETE).execute(Tuple.of(domain, org))
            .compose(deleted -> outbox.append(sql, AdminChangeEvents.change("admin.domain.deleted", actor, org,
                "domain " + domain, describe(row), null)))));
  }

  /** Looks up the domain's TXT records; the one with this domain's token verifies it. */
  public Future<JsonObject> verify(AdminActor actor, String org, String domain) {
    return owned(actor, org, domain).compose(row -> {
      if (row.getOffsetDateTime("verified_at") != null) {
        return Future.succeededFuture(describe(row));
      }
      String expected = PREFIX + row.getString("verification_token");
      return dns.resolveTXT(domain)
          .recover(failure -> Future.failedFuture(ServiceException.conflict("domain", "no TXT record found at "
              + domain + " (" + failure.getMessage() + "); publish " + expected)))
          .compose(records -> {
            if (records.stream().map(String::trim).noneMatch(expected::equals)) {
              return Future.failedFuture(ServiceException.conflict("domain", "the TXT records of " + domain
                  + " do not contain " + expected + " yet"));
            }
            return pool.withTransaction(sql -> sql.preparedQuery(VERIFY).execute(Tuple.of(domain)).compose(rows -> {
              JsonObject verified = describe(rows.iterator().next());
              return outbox.append(sql, AuditEvent.builder("domain.verified").org(org)
                      .details(new JsonObject().put("domain", domain).put("actor", actor.toJson())).build())
                  .compose(done -> outbox.append(sql, AdminChangeEvents.change("admin.domain.verified", actor, org,
                      "domain " + domain, describe(row), verified)))
                  .map(done -> verified);
            }));
          });
    });
  }

  private Future<Row> owned(AdminActor actor, String org, String domain) {
    if (!actor.mayAccess(org) || domain == null) {
      return Future.failedFuture(FieldRefusals.notFound("domain", "no such domain"));
    }
    return pool.preparedQuery(SELECT).execute(Tuple.of(domain.toLowerCase(Locale.ROOT))).map(rows -> {
      for (Row row : rows) {
        if (row.getString("org_slug").equals(org)) {
          return row;
        }
      }
      throw FieldRefusals.notFound("domain", "no such domain");
    });
  }

  private static JsonObject describe(Row row) {
    String domain = row.getString("domain");
    return new JsonObject()
        .put("domain", domain)
        .put("org", row.getString("org_slug"))
        .put("source", row.getString("source"))
        .put("verified", row.getOffsetDateTime("verified_at") != null)
        .put("verifiedAt", row.getOffsetDateTime("verified_at") == null ? null
            : row.getOffsetDateTime("verified_at").toInstant().toString())
        .put("verificationRecord", new JsonObject().put("type", "TXT").put("name", domain)
            .put("value", PREFIX + row.getString("verification_token")));
  }

  private static String newToken() {
    return Tokens.randomHex(16);
  }

}

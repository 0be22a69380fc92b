package io.ssobroker.audit;

import io.ssobroker.audit.store.AuditPage;
import io.ssobroker.audit.store.AuditQuery;
import io.ssobroker.audit.store.AuditRepository;
import io.ssobroker.audit.store.ConsumedEvent;
import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The real repository, with one method a test overrides to watch or to fail it. */
class DelegatingRepository implements AuditRepository {

  private final AuditRepository real;

  DelegatingRepository(AuditRepository real) {
    this.real = real;
  }

  @Override
  public Future<Set<UUID>> insertNew(List<ConsumedEvent> events, Predicate<AuditEvent> ocsfOwed) {
    return real.insertNew(events, ocsfOwed);
  }

  @Override
  public Future<List<JsonObject>> owingOcsf(Collection<UUID> ids) {
    return real.owingOcsf(ids);
  }

  @Override
  public Future<Void> ocsfPublished(Collection<UUID> ids) {
    return real.ocsfPublished(ids);
  }

  @Override
  public Future<AuditPage> query(AuditQuery query) {
    return real.query(query);
  }

  @Override
  public Future<Integer> purgeBatch(Instant cutoff, int batchSize) {
    return real.purgeBatch(cutoff, batchSize);
  }
}

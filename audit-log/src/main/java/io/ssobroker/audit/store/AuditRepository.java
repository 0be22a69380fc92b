package io.ssobroker.audit.store;

import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The audit store: events consumed from the audit topic, deduplicated by id. */
public interface AuditRepository {

  /**
   * Stores the events not stored yet, all or none; answers the ids of those newly stored. Those that
   * {@code ocsfOwed} accepts are marked as owing their OCSF rendering until {@link #ocsfPublished}.
   */
  Future<Set<UUID>> insertNew(List<ConsumedEvent> events, Predicate<AuditEvent> ocsfOwed);

  /** Of these events, the stored ones still owing their OCSF rendering, as published, oldest first. */
  Future<List<JsonObject>> owingOcsf(Collection<UUID> ids);

  Future<Void> ocsfPublished(Collection<UUID> ids);

  Future<AuditPage> query(AuditQuery query);

  /** Deletes at most {@code batchSize} events older than {@code cutoff}; answers how many. */
  Future<Integer> purgeBatch(Instant cutoff, int batchSize);
}

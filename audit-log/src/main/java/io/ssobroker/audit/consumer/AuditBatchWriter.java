package io.ssobroker.audit.consumer;

import io.ssobroker.audit.metrics.AuditMetrics;
import io.ssobroker.audit.ocsf.OcsfAuthentication;
import io.ssobroker.audit.ocsf.OcsfPublisher;
import io.ssobroker.audit.store.AuditRepository;
import io.ssobroker.audit.store.ConsumedEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What happens to a batch of consumed events before its offsets are committed: the new ones are stored and counted,
 * then, with OCSF on, every stored login event still owing its OCSF rendering is published and marked as done. A
 * failure at any step fails the batch, which is read again: the store deduplicates, the marks say what is still owed.
 */
public final class AuditBatchWriter implements AuditTopicConsumer.BatchWriter {

  private final AuditRepository repository;
  private final AuditMetrics metrics;
  private final Optional<OcsfPublisher> ocsf;
  private final Clock clock;

  public AuditBatchWriter(AuditRepository repository, AuditMetrics metrics, Optional<OcsfPublisher> ocsf, Clock clock) {
    this.repository = repository;
    this.metrics = metrics;
    this.ocsf = ocsf;
    this.clock = clock;
  }

  @Override
  public Future<Void> write(List<ConsumedEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return repository.insertNew(events, event -> ocsf.isPresent() && OcsfAuthentication.renders(event.type()))
        .compose(stored -> {
          count(events, stored);
          return ocsf.map(publisher -> publishOwed(publisher, events)).orElseGet(Future::succeededFuture);
        });
  }

  private void count(List<ConsumedEvent> events, Set<UUID> stored) {
    Set<UUID> notCountedYet = new HashSet<>(stored);
    Instant newest = Instant.EPOCH;
    for (ConsumedEvent consumed : events) {
      if (notCountedYet.remove(consumed.event().id())) {
        metrics.stored(consumed.event());
      }
      if (consumed.event().time().isAfter(newest)) {
        newest = consumed.event().time();
      }
    }
    metrics.batchStored(newest, clock.instant());
  }

  private Future<Void> publishOwed(OcsfPublisher publisher, List<ConsumedEvent> events) {
    List<UUID> ids = events.stream().map(consumed -> consumed.event().id()).distinct().toList();
    return repository.owingOcsf(ids).compose(owed -> publisher.publish(owed)
        .compose(published -> repository.ocsfPublished(owed.stream()
            .map(event -> UUID.fromString(event.getString("id"))).toList())));
  }
}

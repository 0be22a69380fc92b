package io.ssobroker.edge.internal;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditOutbox;
import io.ssobroker.platform.audit.AuditProducer;
import io.ssobroker.platform.audit.AuditSpool;
import io.ssobroker.platform.audit.OutboxGroupWriter;
import io.ssobroker.platform.audit.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's audit events: stored in the edge's outbox before the request that produced them answers (those of
 * concurrent requests together, see {@link OutboxGroupWriter}), then delivered to Kafka by the relay. When PostgreSQL
 * itself cannot take the event (the session store is down), the event is written to the local spool instead, forced
 * to disk, and delivered from there; only if the disk fails too is it sent to Kafka directly.
 */
public final class EdgeAuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeAuditTrail.class);

  private final AuditOutbox outbox;
  private final OutboxGroupWriter standalone;
  private final OutboxRelay relay;
  private final AuditSpool spool;
  private final AuditProducer producer;
  private final String topic;

  public EdgeAuditTrail(SqlClient sql, AuditOutbox outbox, OutboxRelay relay, AuditSpool spool, AuditProducer producer,
      String topic) {
    this.outbox = outbox;
    this.standalone = new OutboxGroupWriter(sql, outbox);
    this.relay = relay;
    this.spool = spool;
    this.producer = producer;
    this.topic = topic;
  }

  public AuditOutbox outbox() {
    return outbox;
  }

  public Future<Void> record(AuditEvent event) {
    return standalone.append(event)
        .onSuccess(stored -> relay.nudge())
        .recover(databaseDown -> spool.append(event)
            .recover(diskDown -> producer.send(topic, event).onFailure(kafkaDown -> LOG.error(
                "audit event {} ({}) could not be stored nor published: database {}, spool {}, Kafka {}", event.id(),
                event.type(), databaseDown.getMessage(), diskDown.getMessage(), kafkaDown.getMessage()))));
  }

  /** After a transaction that appended events through {@link #outbox()} committed. */
  public void committed() {
    relay.nudge();
  }
}

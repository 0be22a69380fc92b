package io.ssobroker.audit.ocsf;

import io.ssobroker.platform.audit.AuditEvent;
import io.ssobroker.platform.audit.AuditProducer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Publishes the OCSF rendering of audit events to the OCSF topic, keyed by org like the audit topic. */
public final class OcsfPublisher {

  private final AuditProducer producer;
  private final OcsfAuthentication renderer;
  private final String topic;

  public OcsfPublisher(AuditProducer producer, OcsfAuthentication renderer, String topic) {
    this.producer = producer;
    this.renderer = renderer;
    this.topic = topic;
  }

  /** Completes when Kafka has acknowledged every rendering; events that OCSF does not cover are skipped. */
  public Future<Void> publish(List<JsonObject> events) {
    List<Future<Void>> sends = events.stream()
        .map(AuditEvent::fromJson)
        .flatMap(event -> renderer.render(event).map(ocsf -> producer.sendRaw(topic, event.key(), ocsf.encode())).stream())
        .toList();
    return Future.all(sends).mapEmpty();
  }

  public Future<Void> close() {
    return producer.close();
  }
}

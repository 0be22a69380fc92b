package io.ssobroker.audit.store;

import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** A batch of consumed events as one array per column of {@code audit.events}, in the order of the insert. */
record EventColumns(UUID[] ids, OffsetDateTime[] times, String[] types, String[] categories, String[] reasons,
    String[] orgs, String[] connectorIds, String[] connectorKinds, String[] emails, String[] userIds,
    String[] subjects, String[] correlationIds, String[] payloads, Boolean[] ocsfPending) {

  static EventColumns of(List<ConsumedEvent> events, Predicate<AuditEvent> ocsfOwed) {
    int size = events.size();
    EventColumns columns = new EventColumns(new UUID[size], new OffsetDateTime[size], new String[size],
        new String[size], new String[size], new String[size], new String[size], new String[size], new String[size],
        new String[size], new String[size], new String[size], new String[size], new Boolean[size]);
    for (int i = 0; i < size; i++) {
      columns.fill(i, events.get(i), ocsfOwed);
    }
    return columns;
  }

  private void fill(int i, ConsumedEvent consumed, Predicate<AuditEvent> ocsfOwed) {
    AuditEvent event = consumed.event();
    ids[i] = event.id();
    times[i] = PgAuditRepository.utc(event.time());
    types[i] = event.type();
    categories[i] = orNull(event.category());
    reasons[i] = orNull(event.reason());
    orgs[i] = orNull(event.org());
    connectorIds[i] = orNull(event.connectorId());
    connectorKinds[i] = orNull(event.connectorKind());
    emails[i] = orNull(event.email());
    userIds[i] = orNull(event.userId());
    subjects[i] = orNull(event.subject());
    correlationIds[i] = orNull(event.correlationId());
    payloads[i] = consumed.payload().encode();
    ocsfPending[i] = ocsfOwed.test(event);
  }

  Tuple asTuple() {
    return Tuple.tuple().addArrayOfUUID(ids).addArrayOfOffsetDateTime(times).addArrayOfString(types)
        .addArrayOfString(categories).addArrayOfString(reasons).addArrayOfString(orgs)
        .addArrayOfString(connectorIds).addArrayOfString(connectorKinds).addArrayOfString(emails)
        .addArrayOfString(userIds).addArrayOfString(subjects).addArrayOfString(correlationIds)
        .addArrayOfString(payloads).addArrayOfBoolean(ocsfPending);
  }

  private static String orNull(Optional<String> value) {
    return value.orElse(null);
  }
}

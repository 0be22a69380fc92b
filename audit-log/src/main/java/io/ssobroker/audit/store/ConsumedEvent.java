package io.ssobroker.audit.store;

import io.ssobroker.platform.audit.AuditEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An audit event read from the topic: its fields, and its JSON exactly as published (what the query API answers).
 * {@link #parse} refuses what the store could not keep or find again, so that one bad record never blocks the others.
 */
public record ConsumedEvent(AuditEvent event, JsonObject payload) {

  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final int MAX_TYPE_LENGTH = 200;
  private static final List<String> TEXT_FIELDS = List.of("category", "reason", "org", "connectorId", "connectorKind",
      "email", "subject", "userId", "ip", "userAgent", "correlationId");

  /** Why a record was refused. Fixed texts: a record's content never reaches the logs. */
  public enum Refusal {
    NOT_A_JSON_OBJECT("not a JSON object"),
    NUL_CHARACTER("holds a NUL character, which PostgreSQL cannot store"),
    NO_ID("no valid id"),
    NO_TIME("no valid time"),
    NO_TYPE("no valid type"),
    BAD_FIELD("a field has the wrong type");

    private final String description;

    Refusal(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** The event of a record value, or why it cannot be stored. */
  public sealed interface Parsed permits Accepted, Refused {}

  public record Accepted(ConsumedEvent event) implements Parsed {}

  public record Refused(Refusal refusal) implements Parsed {}

  public static Parsed parse(String value) {
    if (value == null) {
      return new Refused(Refusal.NOT_A_JSON_OBJECT);
    }
    if (value.contains("\\u0000")) {
      return new Refused(Refusal.NUL_CHARACTER);
    }
    JsonObject json;
    try {
      json = new JsonObject(value);
    } catch (DecodeException | ClassCastException notAnObject) {
      return new Refused(Refusal.NOT_A_JSON_OBJECT);
    }
    return checkKeyFields(json).<Parsed>map(Refused::new).orElseGet(() -> {
      try {
        return new Accepted(new ConsumedEvent(AuditEvent.fromJson(json), json));
      } catch (RuntimeException wrongType) {
        return new Refused(Refusal.BAD_FIELD);
      }
    });
  }

  private static Optional<Refusal> checkKeyFields(JsonObject json) {
    try {
      java.util.UUID.fromString(json.getString("id"));
    } catch (RuntimeException missingOrMalformed) {
      return Optional.of(Refusal.NO_ID);
    }
    try {
      Instant time = Instant.parse(json.getString("time"));
      if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
        return Optional.of(Refusal.NO_TIME);
      }
    } catch (RuntimeException missingOrMalformed) {
      return Optional.of(Refusal.NO_TIME);
    }
    Object type = json.getValue("type");
    if (!(type instanceof String text) || text.isBlank() || text.length() > MAX_TYPE_LENGTH) {
      return Optional.of(Refusal.NO_TYPE);
    }
    boolean textOrNull = TEXT_FIELDS.stream().map(json::getValue).allMatch(value -> value == null || value instanceof String);
    Object details = json.getValue("details");
    if (!textOrNull || (details != null && !(details instanceof JsonObject))) {
      return Optional.of(Refusal.BAD_FIELD);
    }
    return Optional.empty();
  }
}

package io.ssobroker.platform.audit;

import io.ssobroker.platform.TimeOrderedIds;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One event of the audit stream (SPEC section 7), version 1. Built with {@link #builder(String)}; absent fields are
 * written as JSON null. Never holds a token, code, secret or raw SAML.
 */
public record AuditEvent(
    UUID id,
    Instant time,
    String type,
    Optional<String> category,
    Optional<String> reason,
    Optional<String> org,
    Optional<String> connectorId,
    Optional<String> connectorKind,
    Optional<String> email,
    Optional<String> subject,
    Optional<String> userId,
    Optional<String> ip,
    Optional<String> userAgent,
    Optional<String> correlationId,
    JsonObject details) {

  public static final int SCHEMA_VERSION = 1;

  public static final String LOGIN_STARTED = "login.started";
  public static final String LOGIN_SUCCEEDED = "login.succeeded";
  public static final String LOGIN_FAILED = "login.failed";
  public static final String LOGOUT = "logout";
  public static final String AUTHORIZE_FAILED = "authorize.failed";
  public static final String TOKEN_ISSUED = "token.issued";
  public static final String TOKEN_FAILED = "token.failed";
  public static final String TOKEN_REUSE_DETECTED = "token.reuse_detected";
  public static final String TOKEN_REFRESHED = "token.refreshed";
  public static final String SESSION_ENDED = "session.ended";

  /** The Kafka record key: the org slug, so that each org's events keep their order. */
  public String key() {
    return org.orElse("");
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("schemaVersion", SCHEMA_VERSION)
        .put("id", id.toString())
        .put("time", time.toString())
        .put("type", type)
        .put("category", category.orElse(null))
        .put("reason", reason.orElse(null))
        .put("org", org.orElse(null))
        .put("connectorId", connectorId.orElse(null))
        .put("connectorKind", connectorKind.orElse(null))
        .put("email", email.orElse(null))
        .put("subject", subject.orElse(null))
        .put("userId", userId.orElse(null))
        .put("ip", ip.orElse(null))
        .put("userAgent", userAgent.orElse(null))
        .put("correlationId", correlationId.orElse(null));
    if (!details.isEmpty()) {
      json.put("details", details);
    }
    return json;
  }

  public static AuditEvent fromJson(JsonObject json) {
    return new AuditEvent(
        UUID.fromString(json.getString("id")),
        Instant.parse(json.getString("time")),
        json.getString("type"),
        Optional.ofNullable(json.getString("category")),
        Optional.ofNullable(json.getString("reason")),
        Optional.ofNullable(json.getString("org")),
        Optional.ofNullable(json.getString("connectorId")),
        Optional.ofNullable(json.getString("connectorKind")),
        Optional.ofNullable(json.getString("email")),
        Optional.ofNullable(json.getString("subject")),
        Optional.ofNullable(json.getString("userId")),
        Optional.ofNullable(json.getString("ip")),
        Optional.ofNullable(json.getString("userAgent")),
        Optional.ofNullable(json.getString("correlationId")),
        json.getJsonObject("details", new JsonObject()));
  }

  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** Fills an event field by field; the id and time are set when the builder is created. */
  public static final class Builder {
    private final UUID id = TimeOrderedIds.next();
    private final Instant time = Instant.now();
    private final String type;
    private String category;
    private String reason;
    private String org;
    private String connectorId;
    private String connectorKind;
    private String email;
    private String subject;
    private String userId;
    private String ip;
    private String userAgent;
    private String correlationId;
    private JsonObject details = new JsonObject();

    private Builder(String type) {
      this.type = type;
    }

    public UUID id() {
      return id;
    }

    public Builder failure(LoginFailureCategory category, String reason) {
      this.category = category.code();
      this.reason = reason;
      return this;
    }

    /** The stable reason of a refusal that is not a login's failure (no category). */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder org(String org) {
      this.org = org;
      return this;
    }

    public Builder connector(String connectorId, String connectorKind) {
      this.connectorId = connectorId;
      this.connectorKind = connectorKind;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder client(String ip, String userAgent) {
      this.ip = ip;
      this.userAgent = userAgent;
      return this;
    }

    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    public Builder details(JsonObject details) {
      this.details = details.copy();
      return this;
    }

    public AuditEvent build() {
      return new AuditEvent(id, time, type, Optional.ofNullable(category), Optional.ofNullable(reason),
          Optional.ofNullable(org), Optional.ofNullable(connectorId), Optional.ofNullable(connectorKind),
          Optional.ofNullable(email), Optional.ofNullable(subject), Optional.ofNullable(userId), Optional.ofNullable(ip),
          Optional.ofNullable(userAgent), Optional.ofNullable(correlationId), details);
    }
  }
}

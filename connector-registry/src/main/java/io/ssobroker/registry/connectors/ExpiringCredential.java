package io.ssobroker.registry.connectors;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A connector's OIDC client secret ({@code clientSecret}) or SAML signing certificate ({@code samlCertificate}) and when it expires. */
public record ExpiringCredential(UUID connectorId, String org, String kind, String displayName, String credential,
    LocalDate expiresAt) {

  public long daysLeft(LocalDate today) {
    return ChronoUnit.DAYS.between(today, expiresAt);
  }

  /** As the admin API lists it on {@code today}. */
  public JsonObject toJson(LocalDate today) {
    return new JsonObject().put("id", connectorId.toString()).put("org", org).put("kind", kind)
        .put("displayName", displayName).put("credential", credential).put("expiresAt", expiresAt.toString())
        .put(credential.equals("clientSecret") ? "clientSecretExpiresAt" : "certificateExpiresAt",
            expiresAt.toString())
        .put("daysLeft", daysLeft(today));
  }
}

package io.ssobroker.registry.domains;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** An email domain of an org, verified or waiting for its DNS TXT record; {@code source} is {@code api} or {@code file}. */
public record Domain(String domain, String org, String verificationToken, Optional<Instant> verifiedAt,
    String source) {

  static final String RECORD_PREFIX = "sso-verification=";

  /** The TXT record value that proves the org owns the domain. */
  public String verificationRecord() {
    return RECORD_PREFIX + verificationToken;
  }

  public boolean fromFile() {
    return "file".equals(source);
  }

  /** As the admin API answers it and audit events record it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("domain", domain)
        .put("org", org)
        .put("source", source)
        .put("verified", verifiedAt.isPresent())
        .put("verifiedAt", verifiedAt.map(Instant::toString).orElse(null))
        .put("verificationRecord", new JsonObject().put("type", "TXT").put("name", domain)
            .put("value", verificationRecord()));
  }
}
